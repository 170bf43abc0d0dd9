/**
 * One HTTP attempt at a webhook: only to allowed addresses (address.ts), no redirects followed,
 * a time limit, the reply kept (truncated) for the log. node:http rather than fetch, because only
 * it lets the address check run on the very address the socket connects to.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PushContent } from './content.ts';
import { allowListOf, guardedLookup, literalRefused, RefusedAddressError, type AllowList } from './address.ts';
import { buildWebhookRequest, readVendorReply, signedRequest, type OutgoingRequest, type WebhookTarget } from './request.ts';

export interface Attempt {
  ok: boolean;
  status: number | null;
  /** The vendor's answer or the network error, for the delivery log. */
  detail: string;
  response: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const KEEP = 2000;
// A vendor's answer is a few hundred bytes; more is not read, whatever the other side sends.
const MAX_REPLY_BYTES = 16 * 1024;

export const REFUSED_DETAIL = '不能推送到这个地址（内网、本机或保留地址）';

export interface SendOptions {
  test?: boolean;
  timeoutMs?: number;
  /** WEBHOOK_ALLOW_HOSTS: private hosts this deployment may reach. */
  allowHosts: readonly string[];
}

export async function sendWebhook(target: WebhookTarget, content: PushContent, now: Date, opts: SendOptions): Promise<Attempt> {
  return sendRequest(target, buildWebhookRequest(target, content, now, opts), opts);
}

/** Sends a message already in the vendor's shape (a staff notice), signed like a record push. */
export async function sendMessage(target: WebhookTarget, message: Record<string, unknown>, now: Date, opts: SendOptions): Promise<Attempt> {
  return sendRequest(target, signedRequest(target, message, now), opts);
}

async function sendRequest(target: WebhookTarget, req: OutgoingRequest, opts: SendOptions): Promise<Attempt> {
  const allow = allowListOf(opts.allowHosts);
  const url = new URL(req.url);
  if (literalRefused(url, allow)) return { ok: false, status: null, detail: REFUSED_DETAIL, response: '' };
  try {
    const reply = await post(url, req, allow, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
    const text = reply.body.slice(0, KEEP);
    const verdict = readVendorReply(target.kind, reply.status, text);
    return { ok: verdict.ok, status: reply.status, detail: verdict.detail, response: text };
  } catch (err) {
    const e = err as Error & { code?: string };
    const detail = e instanceof RefusedAddressError ? REFUSED_DETAIL : e.name === 'TimeoutError' ? '对方在规定时间内没有响应' : `无法连接：${e.code ?? e.message}`;
    return { ok: false, status: null, detail, response: '' };
  }
}

function timeoutError(): Error {
  const e = new Error('timeout');
  e.name = 'TimeoutError';
  return e;
}

/** POSTs the body; a 3xx is an answer like any other (its Location is never followed). */
function post(url: URL, req: OutgoingRequest, allow: AllowList, timeoutMs: number): Promise<{ status: number; body: string }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
    const outgoing = send(url, { method: 'POST', headers, lookup: guardedLookup(allow), agent: false }, (res) => readReply(res, resolve, reject));
    const timer = setTimeout(() => outgoing.destroy(timeoutError()), timeoutMs);
    outgoing.on('close', () => clearTimeout(timer));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

function readReply(res: IncomingMessage, resolve: (r: { status: number; body: string }) => void, reject: (e: Error) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
  res.on('data', (chunk: Buffer) => {
    if (size >= MAX_REPLY_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_REPLY_BYTES) {
      done();
      res.destroy();
    }
  });
  res.on('end', done);
  res.on('error', reject);
}
