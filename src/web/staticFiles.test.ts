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
import { strongEtag } from './pageCache.ts';
import { loadStaticFiles, registerStaticFiles } from './staticFiles.ts';

const DIR = fileURLToPath(new URL('./static', import.meta.url));
const FILES = readdirSync(DIR);
const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

let app: FastifyInstance;
let base: string;
/** Requests Fastify saw: those the front door did not answer. */
let throughFastify = 0;
beforeAll(async () => {
  app = await createHttp({ config: testConfig(), db: {} as Database, clock: new FixedClock('2026-11-02T09:00:00+08:00') }, { logger: false });
  app.addHook('onRequest', async () => void throughFastify++);
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

const bytesOf = (name: string) => readFileSync(`${DIR}/${name}`);

describe('static assets', () => {
  // First, while nothing has been answered yet: these go through Fastify, the same requests again through the front door.
  it('sends a style sheet gzip-compressed to a browser that takes it, and 304 to one that has it, on both paths', async () => {
    const gzipTag = `${strongEtag(bytesOf('screen.css')).slice(0, -1)}-gz"`;
    for (const path of ['Fastify', 'front door']) {
      const before = throughFastify;
      const conditional = await get('/static/screen.css', { ...GZIP, 'if-none-match': gzipTag });
      expect(conditional.res.status, path).toBe(304);
      expect(conditional.body.length).toBe(0);
      const { res, body } = await get('/static/screen.css', GZIP);
      expect(res.headers['content-encoding'], path).toBe('gzip');
      expect(res.headers.etag).toBe(gzipTag);
      expect(body.length).toBeLessThan(bytesOf('screen.css').length / 2);
      expect(gunzipSync(body).equals(bytesOf('screen.css'))).toBe(true);
      const plain = await get('/static/screen.css', { 'if-none-match': gzipTag });
      expect(plain.res.status, 'the gzip tag does not name the plain bytes').toBe(200);
      expect(plain.body.equals(bytesOf('screen.css'))).toBe(true);
      expect(throughFastify - before, path).toBe(path === 'Fastify' ? 1 : 0);
    }
    // The gzip form's first answer, through Fastify.
    const before = throughFastify;
    const { res, body } = await get('/static/screen.js', GZIP);
    expect(throughFastify - before).toBe(1);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).equals(bytesOf('screen.js'))).toBe(true);
  });

  it.each(FILES)('serves %s as it is on disk, with the same headers through Fastify and from memory', async (name) => {
    const before = throughFastify;
    const answers = [await get(`/static/${name}`), await get(`/static/${name}`), await get(`/static/${name}?v=2`)];
    expect(throughFastify - before, 'only the first answer goes through Fastify').toBe(['screen.css', 'screen.js'].includes(name) ? 0 : 1);
    for (const { res, body } of answers) {
      expect(res.status).toBe(200);
      expect(body.equals(bytesOf(name))).toBe(true);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
    }
    const headers = answers.map(({ res }) => Object.entries(res.headers).filter(([h]) => h !== 'date' && h !== 'keep-alive'));
    expect(headers[1]).toEqual(headers[0]);
    expect(headers[2]).toEqual(headers[0]);
    expect(answers[0]!.res.headers['content-type']).toMatch(/^(text\/css|text\/javascript|image\/svg\+xml|image\/png)/);
  });

  it('answers HEAD without a body', async () => {
    for (let i = 0; i < 2; i++) {
      const { res, body } = await get('/static/app.css', {}, 'HEAD');
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe(String(bytesOf('app.css').length));
      expect(body.length).toBe(0);
    }
  });

  it.each(['/static/nope.css', '/static/../package.json', '/static/%2e%2e%2fpackage.json', '/static/..%2F..%2Fpackage.json', '/static/', '/static/sub/app.css'])('finds nothing at %s', async (path) => {
    await get(path);
    const { res, body } = await get(path);
    expect(res.status).toBe(404);
    expect(body.toString()).not.toContain('"dependencies"');
  });

  it('refuses to start with a file no browser could be sent', () => {
    expect(() => loadStaticFiles(fileURLToPath(new URL('.', import.meta.url)))).toThrow(/静态文件目录只能放/);
  });
});
