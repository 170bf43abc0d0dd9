/**
 * A webhook receiver for tests and the demo: listens on 127.0.0.1 only, keeps what arrives and
 * answers like the vendor would — including a DingTalk or Feishu signature check.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingtalkSign, feishuSign } from '../../src/domains/channel/push/sign.ts';

export interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  raw: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer the next n requests (to paths starting with `path`) with HTTP 503, to exercise retries. */
  failNext(n: number, path?: string): void;
  close(): Promise<void>;
}

function reply(path: string, query: URLSearchParams, body: Record<string, unknown>, secrets: { dingtalk?: string; feishu?: string }, now: () => number): { status: number; body: unknown } {
  if (path.startsWith('/dingtalk')) {
    if (secrets.dingtalk) {
      const ts = Number(query.get('timestamp'));
      const ok = Math.abs(now() - ts) < 3600_000 && query.get('sign') === dingtalkSign(secrets.dingtalk, ts);
      if (!ok) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
    }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }
  if (path.startsWith('/feishu')) {
    if (secrets.feishu && body.sign !== feishuSign(secrets.feishu, Number(body.timestamp))) return { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    return { status: 200, body: { code: 0, msg: 'success', data: {} } };
  }
  if (path.startsWith('/wecom')) return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  return { status: 204, body: '' };
}

export async function startReceiver(secrets: { dingtalk?: string; feishu?: string } = {}, now: () => number = Date.now): Promise<Receiver> {
  const received: Received[] = [];
  let failing = 0;
  let failPath = '/';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
      received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body, raw });
      if (failing > 0 && url.pathname.startsWith(failPath)) {
        failing--;
        res.writeHead(503).end('busy');
        return;
      }
      const answer = reply(url.pathname, url.searchParams, body, secrets, now);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.status === 204 ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (n, path = '/') => {
      failing = n;
      failPath = path;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
