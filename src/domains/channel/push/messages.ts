/**
 * Message bodies in each vendor's documented shape:
 * - 企业微信群机器人: {msgtype:'markdown', markdown:{content}} (≤ 4096 bytes) or {msgtype:'news', news:{articles:[…]}}
 * - 钉钉自定义机器人: {msgtype:'markdown', markdown:{title, text}}
 * - 飞书自定义机器人: {msg_type:'post', content:{post:{zh_cn:{title, content:[[…]]}}}} or {msg_type:'interactive', card}
 * - plain JSON: our own {event:'record.published', record:{…}}.
 */
import { type PushContent, cutBytes, detailLines, extraLines, mdText } from './content.ts';

export const WECOM_MARKDOWN_MAX_BYTES = 4096;

export function wecomMarkdown(c: PushContent) {
  const lines = [
    `### ${mdText(c.communityName)}${c.versionNote ? '更正' : ''}公开：${mdText(c.title)}`,
    ...detailLines(c).map((l) => `> ${mdText(l)}`),
    '',
    mdText(c.excerpt),
    ...extraLines(c).map((l) => `> ${mdText(l)}`),
    '',
    `[查看原文](${c.url})`,
  ];
  const link = `\n\n[查看原文](${c.url})`;
  const content = Buffer.byteLength(lines.join('\n')) <= WECOM_MARKDOWN_MAX_BYTES ? lines.join('\n') : cutBytes(lines.slice(0, -2).join('\n'), WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(link)) + link;
  return { msgtype: 'markdown' as const, markdown: { content } };
}

export function wecomNews(c: PushContent) {
  const description = cutBytes([...detailLines(c), c.excerpt].join('\n'), 512);
  return { msgtype: 'news' as const, news: { articles: [{ title: cutBytes(`【${c.communityName}】${c.title}`, 128), description, url: c.url }] } };
}

export function dingtalkMarkdown(c: PushContent) {
  const text = [
    `### ${mdText(c.title)}`,
    '',
    ...detailLines(c).map((l) => `- ${mdText(l)}`),
    '',
    mdText(c.excerpt),
    '',
    ...extraLines(c).map((l) => `- ${mdText(l)}`),
    '',
    `[查看原文](${c.url})`,
  ].join('\n');
  return { msgtype: 'markdown' as const, markdown: { title: `${c.communityName}：${c.title}`, text } };
}

type FeishuTag = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

export function feishuPost(c: PushContent) {
  const content: FeishuTag[][] = [
    ...detailLines(c).map((l): FeishuTag[] => [{ tag: 'text', text: l }]),
    [{ tag: 'text', text: c.excerpt }],
    ...extraLines(c).map((l): FeishuTag[] => [{ tag: 'text', text: l }]),
    [{ tag: 'a', text: '查看原文', href: c.url }],
  ];
  return { msg_type: 'post' as const, content: { post: { zh_cn: { title: `【${c.communityName}】${c.title}`, content } } } };
}

export function feishuCard(c: PushContent) {
  return {
    msg_type: 'interactive' as const,
    card: {
      config: { wide_screen_mode: true },
      header: { template: 'red', title: { tag: 'plain_text', content: `【${c.communityName}】${c.title}` } },
      elements: [
        { tag: 'div', text: { tag: 'plain_text', content: [...detailLines(c), '', c.excerpt, ...extraLines(c)].join('\n') } },
        { tag: 'action', actions: [{ tag: 'button', type: 'primary', text: { tag: 'plain_text', content: '查看原文' }, url: c.url }] },
      ],
    },
  };
}

export function plainJson(c: PushContent, event: 'record.published' | 'test' = 'record.published') {
  return {
    event,
    record: {
      id: c.recordId,
      version: c.version,
      title: c.title,
      community: c.communityName,
      item: c.itemName,
      publishedOn: c.publishedOn,
      publicity: c.publicity,
      excerpt: c.excerpt,
      tables: c.tableLines,
      attachments: c.attachments,
      url: c.url,
    },
  };
}
