/*
 * Issue 14: a street of hundreds of communities renders its matrix a page at a time (a 500-row
 * grid was 1.5 MB of HTML); the totals still count every community.
 */
import { describe, expect, it } from 'vitest';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { OrgRow } from '../../org/index.ts';
import type { MatrixRow, MatrixView } from '../streetMatrix.ts';
import { MatrixPage, MATRIX_ROWS_PER_PAGE } from './MatrixPage.tsx';

const org = (i: number): OrgRow =>
  ({ id: i, code: `220202001${String(i).padStart(3, '0')}`, name: `第${i}社区`, kind: 'community', path: `/220202/220202001/c${i}/`, districtCode: '220202' }) as OrgRow;

function view(communities: number): MatrixView {
  const rows: MatrixRow[] = Array.from({ length: communities }, (_, i) => ({
    org: org(i + 1),
    cells: new Map([['item-a', { worst: 'overdue', counts: { overdue: 1 }, total: 1, carried: 0 }]]),
    counts: { overdue: 1 },
    carriedOver: 0,
    unfinishedOrders: 0,
    lastSyncedAt: null,
    cases: { total: 0, late: 0, overdue: 0 },
  }));
  return {
    area: { id: 0, code: '220202001', name: '甲街道', kind: 'street', path: '/220202/220202001/', districtCode: '220202' } as OrgRow,
    period: '2026',
    range: { from: '2026-01-01', to: '2026-12-31', label: '2026年' },
    today: '2026-11-02',
    items: [{ key: 'item-a', name: '财务收支情况', seq: 1 }],
    rows,
    ownCases: { total: 0, late: 0, overdue: 0 },
    cases: { total: 0, late: 0, overdue: 0 },
  } as MatrixView;
}

const ctx = { user: null, elder: false, csrf: 't', path: '/staff/compliance/s/220202001' };
const render = (v: MatrixView, page?: number) => renderToString(h(MatrixPage, { ctx, view: v, page }));
const shownRows = (html: string) => [...html.matchAll(/<th scope="row"[^>]*><a [^>]*>(第\d+社区)<\/a>/g)].map((m) => m[1]);

describe('the street matrix, page by page', () => {
  it('shows a page of communities, totals over all of them, and links on with the period kept', () => {
    const v = view(120);
    const second = render(v, 2);
    const names = shownRows(second);
    expect(names).toHaveLength(MATRIX_ROWS_PER_PAGE);
    expect(names[0]).toBe(`第${MATRIX_ROWS_PER_PAGE + 1}社区`);
    expect(second).toContain('第 2 / 3 页（第 51–100 个，共 120 个社区（村））');
    expect(second).toContain('href="/staff/compliance/s/220202001?year=2026&amp;page=1"');
    expect(second).toContain('href="/staff/compliance/s/220202001?year=2026&amp;page=3"');
    expect(second).toMatch(/已逾期[^<]*<[^>]*>\s*120/); // the summary counts every community
    const last = render(v, 99); // past the end: the last page
    expect(shownRows(last)).toHaveLength(20);
    expect(last).not.toContain('rel="next"');
  });

  it('shows a street of a few communities whole, without a pager', () => {
    const html = render(view(5));
    expect(shownRows(html)).toHaveLength(5);
    expect(html).not.toContain('aria-label="翻页"');
  });
});
