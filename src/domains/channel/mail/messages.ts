/** What a subscriber receives: the new record (excerpt and link, never the rows of a list of people), and the confirmation. */
import { type PushContent, detailLines, extraLines } from '../push/content.ts';
import type { OutgoingMail, SmsMessage } from './senders.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, paragraphs: string[], footer: string): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 12px">${p}</p>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif;line-height:1.7;color:#1f2328;max-width:640px;margin:0 auto;padding:16px"><h1 style="font-size:20px;color:#b3261e">${esc(title)}</h1>${body}<hr style="border:0;border-top:1px solid #d0d7de"><p style="font-size:13px;color:#57606a">${footer}</p></body></html>`;
}

export function recordMail(c: PushContent, to: string, unsubscribeUrl: string): OutgoingMail {
  const lines = [...detailLines(c), '', c.excerpt, '', ...extraLines(c)];
  const footerText = `您收到这封邮件，是因为您订阅了${c.communityName}的公开信息。不想再收到，请打开：${unsubscribeUrl}`;
  return {
    to,
    subject: `【${c.communityName}${c.versionNote ? '更正' : ''}公开】${c.title}`,
    text: [`${c.communityName}公开了${c.versionNote ? '更正后的' : '新的'}内容：`, '', c.title, ...lines, '', `查看原文：${c.url}`, '', '——', footerText].join('\n'),
    html: page(
      c.title,
      [...detailLines(c).map((l) => `<strong>${esc(l)}</strong>`), esc(c.excerpt).replace(/\n/g, '<br>'), ...extraLines(c).map(esc), `<a href="${esc(c.url)}">查看原文</a>`],
      `您收到这封邮件，是因为您订阅了${esc(c.communityName)}的公开信息。<a href="${esc(unsubscribeUrl)}">退订</a>`,
    ),
    unsubscribeUrl,
  };
}

export function confirmMail(communityName: string, to: string, confirmUrl: string, unsubscribeUrl: string): OutgoingMail {
  const text = `有人（可能是您）用这个邮箱订阅了${communityName}的公开信息。请打开下面的链接确认订阅；如果不是您本人操作，不用理会这封邮件，您不会收到任何推送。`;
  return {
    to,
    subject: `【${communityName}】请确认订阅公开信息`,
    text: [text, '', `确认订阅：${confirmUrl}`].join('\n'),
    html: page(`请确认订阅${communityName}的公开信息`, [esc(text), `<a href="${esc(confirmUrl)}">确认订阅</a>`], '如果不是您本人操作，请忽略这封邮件。'),
    unsubscribeUrl,
  };
}

/** The SMS form of a push: signature, title and link, within two segments. */
export function recordSms(c: PushContent, to: string): SmsMessage {
  const title = c.title.length > 60 ? `${c.title.slice(0, 59)}…` : c.title;
  return { to, text: `【${c.communityName}】${c.versionNote ? '更正' : '新'}公开：${title}。详见 ${c.url} 回复TD退订` };
}
