import Fastify, { type FastifyInstance } from 'fastify';
import { h } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderedOnce, sendPage } from './page.ts';

// A kept view (what compliance/dashboardCache.ts keeps) whose table holds a resident-typed name.
const view = { rows: ['五华区<script>alert(1)</script>', '盘龙区 & 官渡区'] };
let renders = 0;
const table = (owner: typeof view) => {
  renders++;
  return h('table', null, ...owner.rows.map((name) => h('tr', null, h('td', null, name))));
};
const Page = ({ who }: { who: string }) =>
  h('main', null, h('p', null, `你好，${who}`), h('div', { dangerouslySetInnerHTML: { __html: renderedOnce(view, 'rows', () => table(view)) } }), h('footer', null, '页脚'));
// A page that (wrongly) prints a kept part as text: its mark must not reach the visitor.
const Broken = (_props: object) => h('main', null, renderedOnce(view, 'rows', () => table(view)));

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.get('/page', (request, reply) => sendPage(reply, h(Page, { who: (request.query as { who: string }).who })));
  app.get('/broken', (_request, reply) => sendPage(reply, h(Broken, {})));
  await app.ready();
});
afterAll(() => app.close());

describe('pages with parts rendered once', () => {
  it('joins a kept table into each page as bytes, rendered once, escaped, around per-request text', async () => {
    renders = 0;
    const first = await app.inject({ url: '/page?who=张三' });
    const second = await app.inject({ url: '/page?who=李四' });
    expect(renders).toBe(1);
    const rows = '<table><tr><td>五华区&lt;script>alert(1)&lt;/script></td></tr><tr><td>盘龙区 &amp; 官渡区</td></tr></table>';
    expect(first.body).toBe(`<!doctype html><main><p>你好，张三</p><div>${rows}</div><footer>页脚</footer></main>`);
    expect(second.body).toContain(`<p>你好，李四</p><div>${rows}</div>`);
    expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(first.body));
    expect(first.headers['cache-control']).toBe('no-store');
    // Outside a page being sent, the part is its HTML (the same bytes).
    expect(renderedOnce(view, 'rows', () => table(view))).toBe(rows);
    expect(renders).toBe(1);
  });

  it('refuses a page that prints a kept part as text instead of sending its mark', async () => {
    const res = await app.inject({ url: '/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('gk-part');
    // The next page is unaffected.
    expect((await app.inject({ url: '/page?who=王五' })).body).toContain('你好，王五');
  });
});
