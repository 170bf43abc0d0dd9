/** One webhook target + one message → the HTTP request to send, and how to read the vendor's reply. */
import type { PushContent } from './content.ts';
import { dingtalkMarkdown, feishuCard, feishuPost, plainJson, wecomMarkdown, wecomNews } from './messages.ts';
import { dingtalkSignedUrl, feishuSign, jsonSignature } from './sign.ts';

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'feishu', 'json'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_FORMATS = { wecom: ['markdown', 'news'], dingtalk: ['markdown'], feishu: ['post', 'interactive'], json: ['json'] } as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[WebhookKind][number];

export const KIND_LABELS: Record<WebhookKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉自定义机器人',
  feishu: '飞书自定义机器人',
  json: '通用 JSON 接口',
};

export const FORMAT_LABELS: Record<WebhookFormat, string> = {
  markdown: 'Markdown 消息',
  news: '图文消息',
  post: '富文本消息',
  interactive: '消息卡片',
  json: 'JSON',
};

export interface WebhookTarget {
  kind: WebhookKind;
  format: WebhookFormat;
  url: string;
  secret: string | null;
}

export interface OutgoingRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

function messageFor(target: WebhookTarget, c: PushContent, test: boolean): Record<string, unknown> {
  switch (target.kind) {
    case 'wecom':
      return target.format === 'news' ? wecomNews(c) : wecomMarkdown(c);
    case 'dingtalk':
      return dingtalkMarkdown(c);
    case 'feishu':
      return target.format === 'interactive' ? feishuCard(c) : feishuPost(c);
    case 'json':
      return plainJson(c, test ? 'test' : 'record.published');
  }
}

export function buildWebhookRequest(target: WebhookTarget, c: PushContent, now: Date, opts: { test?: boolean } = {}): OutgoingRequest {
  return signedRequest(target, messageFor(target, c, opts.test === true), now);
}

/** Any message in the vendor's shape, signed as the target's kind wants (records and staff notices alike). */
export function signedRequest(target: WebhookTarget, message: Record<string, unknown>, now: Date): OutgoingRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Gongkai-Push/1' };
  if (target.kind === 'dingtalk' && target.secret) {
    return { url: dingtalkSignedUrl(target.url, target.secret, now.getTime()), body: JSON.stringify(message), headers };
  }
  if (target.kind === 'feishu' && target.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    return { url: target.url, body: JSON.stringify({ timestamp: String(timestamp), sign: feishuSign(target.secret, timestamp), ...message }), headers };
  }
  const body = JSON.stringify(message);
  if (target.kind === 'json' && target.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    headers['x-gongkai-timestamp'] = String(timestamp);
    headers['x-gongkai-signature'] = jsonSignature(target.secret, timestamp, body);
  }
  return { url: target.url, body, headers };
}

/** WeCom and DingTalk answer errcode 0, Feishu code 0 (or StatusCode 0), a JSON endpoint any 2xx. */
export function readVendorReply(kind: WebhookKind, status: number, text: string): { ok: boolean; detail: string } {
  if (status < 200 || status >= 300) return { ok: false, detail: `HTTP ${status}` };
  if (kind === 'json') return { ok: true, detail: `HTTP ${status}` };
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, detail: '对方返回的不是 JSON' };
  }
  const code = kind === 'feishu' ? (reply.code ?? reply.StatusCode) : reply.errcode;
  const message = String((kind === 'feishu' ? (reply.msg ?? reply.StatusMessage) : reply.errmsg) ?? '');
  return Number(code) === 0 && code !== undefined && code !== null ? { ok: true, detail: message || 'ok' } : { ok: false, detail: `错误码 ${String(code)}：${message}` };
}
