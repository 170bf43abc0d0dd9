/** One HTTP attempt at a webhook: no redirects followed, a time limit, the reply kept (truncated) for the log. */
import type { PushContent } from './content.ts';
import { buildWebhookRequest, readVendorReply, type WebhookTarget } from './request.ts';

export interface Attempt {
  ok: boolean;
  status: number | null;
  /** The vendor's answer or the network error, for the delivery log. */
  detail: string;
  response: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const KEEP = 2000;

export async function sendWebhook(target: WebhookTarget, content: PushContent, now: Date, opts: { test?: boolean; timeoutMs?: number } = {}): Promise<Attempt> {
  const req = buildWebhookRequest(target, content, now, opts);
  try {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS) });
    const text = (await res.text()).slice(0, KEEP);
    const verdict = readVendorReply(target.kind, res.status, text);
    return { ok: verdict.ok, status: res.status, detail: verdict.detail, response: text };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const detail = e.name === 'TimeoutError' ? '对方在规定时间内没有响应' : `无法连接：${e.cause?.code ?? e.message}`;
    return { ok: false, status: null, detail, response: '' };
  }
}
