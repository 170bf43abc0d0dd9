/**
 * The static assets over a real socket, as a browser fetches them: the first answer comes through
 * Fastify, the next ones from the front door; both must be the file itself with the same security
 * headers, compressed when the browser takes gzip, and nothing outside the folder is reachable.
 */
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/db.ts';
import { FixedClock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import { createHttp } from '../platform/http.ts';
import { registerStaticFiles } from './staticFiles.ts';

const DIR = fileURLToPath(new URL('./static', import.meta.url));
const FILES = readdirSync(DIR);
const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await createHttp({ config: testConfig(), db: {} as Database, clock: new FixedClock('2026-11-02T09:00:00+08:00') }, { logger: false });
  registerStaticFiles(app, DIR);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

/** Raw bytes as sent (fetch would undo the gzip), with the headers. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ res: { status: number; headers: Record<string, string> }; body: Buffer }> {
  return new Promise((done, fail) => {
    request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) h[name] = String(value);
        done({ res: { status: res.statusCode!, headers: h }, body: Buffer.concat(chunks) });
      });
    })
      .on('error', fail)
      .end();
  });
}

describe('static assets', () => {
  it.each(FILES)('serves %s as it is on disk, with the same headers through Fastify and from memory', async (name) => {
    const answers = [await get(`/static/${name}`), await get(`/static/${name}`), await get(`/static/${name}?v=2`)];
    for (const { res, body } of answers) {
      expect(res.status).toBe(200);
      expect(body.equals(readFileSync(`${DIR}/${name}`))).toBe(true);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
    }
    const headers = answers.map(({ res }) => Object.entries(res.headers).filter(([h]) => h !== 'date' && h !== 'keep-alive'));
    expect(headers[1]).toEqual(headers[0]);
    expect(headers[2]).toEqual(headers[0]);
    expect(answers[0]!.res.headers['content-type']).toMatch(/^(text\/css|text\/javascript|image\/svg\+xml|image\/png)/);
  });

  it('sends the style sheet gzip-compressed to a browser that takes it, and 304 to one that has it', async () => {
    await get('/static/app.css', GZIP);
    const { res, body } = await get('/static/app.css', GZIP);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeLessThan(readFileSync(`${DIR}/app.css`).length / 2);
    expect(gunzipSync(body).equals(readFileSync(`${DIR}/app.css`))).toBe(true);
    const plain = await get('/static/app.css');
    expect(plain.res.headers['etag']).not.toBe(res.headers['etag']);
    for (const [etag, headers] of [[res.headers['etag']!, GZIP], [plain.res.headers['etag']!, {}]] as const) {
      const again = await get('/static/app.css', { ...headers, 'if-none-match': etag });
      expect(again.res.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('answers HEAD without a body', async () => {
    for (let i = 0; i < 2; i++) {
      const { res, body } = await get('/static/app.css', {}, 'HEAD');
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe(String(readFileSync(`${DIR}/app.css`).length));
      expect(body.length).toBe(0);
    }
  });

  it.each(['/static/nope.css', '/static/../package.json', '/static/%2e%2e%2fpackage.json', '/static/..%2F..%2Fpackage.json', '/static/', '/static/sub/app.css'])('finds nothing at %s', async (path) => {
    await get(path);
    const { res, body } = await get(path);
    expect(res.status).toBe(404);
    expect(body.toString()).not.toContain('"dependencies"');
  });
});
