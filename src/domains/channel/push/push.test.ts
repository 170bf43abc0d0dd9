/** Each vendor's message received by a local HTTP server on 127.0.0.1 and checked against its documented shape. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../../test/support/webhookReceiver.ts';
import { subsidyTable, UNMASKED_ID, viewFixture } from '../fixtures.ts';
import { mdText, pushContent } from './content.ts';
import { WECOM_MARKDOWN_MAX_BYTES } from './messages.ts';
import { sendWebhook } from './send.ts';
import { feishuSign } from './sign.ts';

const BASE = 'https://gk.example.cn';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const FEISHU_SECRET = 'feishu-secret-xyz';
const content = pushContent(viewFixture(), BASE);
// The receiver listens on loopback, which webhooks may reach only when the operator lists it.
const LOCAL = { allowHosts: ['127.0.0.1'] };

describe('webhook messages', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver({ dingtalk: DING_SECRET, feishu: FEISHU_SECRET });
  });
  afterAll(() => rx.close());
  const last = () => rx.received.at(-1)!;

  it('企业微信 markdown: {msgtype, markdown:{content}} within 4096 bytes, asterisks of masked numbers made literal', async () => {
    const attempt = await sendWebhook({ kind: 'wecom', format: 'markdown', url: `${rx.url}/wecom/send?key=abc`, secret: null }, content, new Date(), LOCAL);
    expect(attempt).toMatchObject({ ok: true, status: 200, detail: 'ok' });
    const { body, query } = last();
    expect(query.get('key')).toBe('abc');
    expect(Object.keys(body).sort()).toEqual(['markdown', 'msgtype']);
    expect(body.msgtype).toBe('markdown');
    const md = (body.markdown as { content: string }).content;
    expect(Object.keys(body.markdown as object)).toEqual(['content']);
    expect(md).toContain('关于2026年10月城乡居民最低生活保障新增对象的公示');
    expect(md).toContain(`[查看原文](${BASE}/r/k7d2m9q4)`);
    expect(md).toContain('0432-6234＊＊＊＊');
    expect(md).not.toContain('220202********');
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
  });

  it('企业微信 news: one article with title, description and url', async () => {
    await sendWebhook({ kind: 'wecom', format: 'news', url: `${rx.url}/wecom/send?key=abc`, secret: null }, content, new Date(), LOCAL);
    const { body } = last();
    expect(body.msgtype).toBe('news');
    const articles = (body.news as { articles: Record<string, string>[] }).articles;
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ title: '【甲一社区】关于2026年10月城乡居民最低生活保障新增对象的公示', url: `${BASE}/r/k7d2m9q4` });
    expect(articles[0]!.description).toContain('公示期：2026年10月30日至2026年11月6日');
  });

  it('钉钉 markdown with timestamp and sign query parameters the receiver verifies', async () => {
    const now = new Date();
    const attempt = await sendWebhook({ kind: 'dingtalk', format: 'markdown', url: `${rx.url}/dingtalk/robot/send?access_token=tok`, secret: DING_SECRET }, content, now, LOCAL);
    expect(attempt).toMatchObject({ ok: true, detail: 'ok' });
    const { body, query } = last();
    expect(query.get('access_token')).toBe('tok');
    expect(query.get('timestamp')).toBe(String(now.getTime()));
    // The receiver recomputes base64(HmacSHA256(secret, timestamp + "\n" + secret)) independently.
    const expected = createHmac('sha256', DING_SECRET).update(`${now.getTime()}\n${DING_SECRET}`).digest('base64');
    expect(query.get('sign')).toBe(expected);
    expect(last().path + '?' + last().query.toString()).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { title: expect.stringContaining('甲一社区：'), text: expect.stringContaining('### 关于2026年10月') } });
  });

  it('钉钉 refuses a wrong signature and the attempt says so', async () => {
    const attempt = await sendWebhook({ kind: 'dingtalk', format: 'markdown', url: `${rx.url}/dingtalk/robot/send?access_token=tok`, secret: 'SECwrong' }, content, new Date(), LOCAL);
    expect(attempt).toMatchObject({ ok: false, status: 200, detail: '错误码 310000：sign not match' });
  });

  it('飞书 post and interactive card with timestamp + sign in the body', async () => {
    const now = new Date();
    await sendWebhook({ kind: 'feishu', format: 'post', url: `${rx.url}/feishu/open-apis/bot/v2/hook/xyz`, secret: FEISHU_SECRET }, content, now, LOCAL);
    let { body } = last();
    const ts = Math.floor(now.getTime() / 1000);
    expect(body.timestamp).toBe(String(ts));
    expect(body.sign).toBe(feishuSign(FEISHU_SECRET, ts));
    expect(body.msg_type).toBe('post');
    const post = (body.content as { post: { zh_cn: { title: string; content: { tag: string }[][] } } }).post.zh_cn;
    expect(post.title).toContain('关于2026年10月');
    expect(post.content.at(-1)).toEqual([{ tag: 'a', text: '查看原文', href: `${BASE}/r/k7d2m9q4` }]);
    const attempt = await sendWebhook({ kind: 'feishu', format: 'interactive', url: `${rx.url}/feishu/open-apis/bot/v2/hook/xyz`, secret: FEISHU_SECRET }, content, now, LOCAL);
    expect(attempt.ok).toBe(true);
    body = last().body;
    expect(body.msg_type).toBe('interactive');
    expect((body.card as { header: { title: { content: string } } }).header.title.content).toContain('【甲一社区】');
  });

  it('plain JSON with an HMAC signature header over timestamp and body', async () => {
    const now = new Date();
    const attempt = await sendWebhook({ kind: 'json', format: 'json', url: `${rx.url}/hook`, secret: 's3cret' }, content, now, LOCAL);
    expect(attempt).toMatchObject({ ok: true, status: 204 });
    const { body, headers, raw } = last();
    expect(body).toMatchObject({ event: 'record.published', record: { id: 'k7d2m9q4', version: 1, url: `${BASE}/r/k7d2m9q4` } });
    const ts = headers['x-gongkai-timestamp'];
    expect(headers['x-gongkai-signature']).toBe('sha256=' + createHmac('sha256', 's3cret').update(`${ts}.${raw}`).digest('hex'));
  });

  it('reports an unreachable address and an HTTP error without throwing', async () => {
    rx.failNext(1);
    expect(await sendWebhook({ kind: 'json', format: 'json', url: `${rx.url}/hook`, secret: null }, content, new Date(), LOCAL)).toMatchObject({ ok: false, status: 503, detail: 'HTTP 503' });
    const closed = await startReceiver();
    await closed.close();
    const gone = await sendWebhook({ kind: 'json', format: 'json', url: `${closed.url}/hook`, secret: null }, content, new Date(), { ...LOCAL, timeoutMs: 2000 });
    expect(gone.ok).toBe(false);
    expect(gone.detail).toMatch(/^无法连接/);
  });
});

describe('push content', () => {
  it('never carries the rows of a list of people, nor an unmasked number', () => {
    const c = pushContent(viewFixture({ tables: [subsidyTable(200)], bodyText: `联系人身份证 ${UNMASKED_ID}` }), BASE);
    expect(JSON.stringify(c)).not.toContain('220202********');
    expect(JSON.stringify(c)).not.toContain(UNMASKED_ID);
    expect(c.tableLines).toEqual(['2026年10月城乡居民最低生活保障新增对象名单（共 200 行，涉及个人信息，请在网上或公开栏查看）']);
  });

  it('makes Markdown literal: masked numbers stay asterisks, not bold', () => {
    expect(mdText('# 标题 **粗** [链接](x) <font> 138****5678\n1. 一')).toBe('＃ 标题 ＊＊粗＊＊ ［链接］(x) ＜font＞ 138＊＊＊＊5678\n1． 一');
  });
});
