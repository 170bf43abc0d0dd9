/*
 * Issue 14: at province scale the front page listed every community (838 KB, 10,534 links for
 * 10,000 communities); it now lists organisations down to the level that stays within a few
 * hundred links and says how many each has below it. A small tree is still shown whole.
 */
import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { OrgNode } from '../../domains/org/index.ts';
import { HomePage } from './HomePages.tsx';

function node(code: string, kind: OrgNode['kind'], children: OrgNode[] = []): OrgNode {
  return { id: Number(code), code, name: `${kind}${code}`, kind, path: `/${code}/`, children } as unknown as OrgNode;
}

/** districts × streets × communities. */
function province(districts: number, streets: number, communities: number): OrgNode[] {
  return Array.from({ length: districts }, (_, d) => {
    const dc = `9${d}`;
    return node(dc, 'district', Array.from({ length: streets }, (_, s) => {
      const sc = `${dc}${String(s).padStart(3, '0')}`;
      return node(sc, 'street', Array.from({ length: communities }, (_, c) => node(`${sc}${String(c).padStart(3, '0')}`, 'community')));
    }));
  });
}

const ctx = { user: null, elder: false, csrf: 't', path: '/' };
const links = (html: string) => (html.match(/<a href="\/o\/\d+"/g) ?? []).length;

describe('the front page tree', () => {
  it('stops above the communities of a province and counts them instead', () => {
    const html = renderToString(h(HomePage, { ctx, tree: province(10, 50, 20) }));
    expect(links(html)).toBe(10 + 500); // districts and streets, not the 10,000 communities
    expect(html).toContain('下辖 20 个');
    expect(html).not.toContain('href="/o/90000000"');
  });

  it("shows a district's whole tree", () => {
    const html = renderToString(h(HomePage, { ctx, tree: province(2, 3, 5) }));
    expect(links(html)).toBe(2 + 6 + 30);
    expect(html).toContain('href="/o/90000000"');
    expect(html).not.toContain('下辖');
  });
});
