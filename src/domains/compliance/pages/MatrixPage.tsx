import { Csrf, Layout } from '../../../web/layout.tsx';
import { renderedOnce, type PageCtx } from '../../../web/page.ts';
import { Pager } from '../../../web/components/Pager.tsx';
import { cellText, STATUS_LABELS } from '../status.ts';
import type { MatrixRow, MatrixView } from '../streetMatrix.ts';
import { CASE_LATE_TITLE, caseLateText, CountSummary, Crumbs, Notice, PeriodForm, StatusLegend } from './parts.tsx';
import { chineseDate, chineseDateTime } from '../../../platform/time.ts';

/** ?year=2026 or ?year=2026&month=10, as the period forms send them. */
function periodQuery(view: MatrixView): string {
  return view.period.length === 7 ? `year=${view.period.slice(0, 4)}&month=${view.period.slice(5)}` : `year=${view.period}`;
}

function Row({ view, row }: { view: MatrixView; row: MatrixRow }) {
  const base = `/staff/compliance/c/${row.org.code}`;
  return (
    <tr>
      <th scope="row" class="sticky-col">
        <a href={`${base}?${periodQuery(view)}`}>{row.org.name}</a>
      </th>
      {view.items.map((item) => {
        const cell = row.cells.get(item.key);
        if (!cell) {
          return (
            <td key={item.key} class="cell-none">
              <span aria-label="不适用">—</span>
            </td>
          );
        }
        const href = `${base}?${periodQuery(view)}&item=${encodeURIComponent(item.key)}`;
        const carried = cell.carried > 0 ? `（含往期未结 ${cell.carried}）` : '';
        return (
          <td key={item.key} class={`cell st-${cell.worst}${cell.carried > 0 ? ' carried' : ''}`}>
            <a href={href} title={`${row.org.name} · ${item.name}：${cellText(cell)}${carried}（最差状态：${STATUS_LABELS[cell.worst]}）`}>
              {cellText(cell)}
            </a>
            {cell.carried > 0 ? <span class="carried-mark">往期 {cell.carried}</span> : null}
          </td>
        );
      })}
      <td class="num">{row.counts.overdue ?? 0}</td>
      <td class="num carried-col">{row.carriedOver}</td>
      <td class="num">{row.unfinishedOrders > 0 ? <a href={`/staff/compliance/orders?org=${row.org.code}`}>{row.unfinishedOrders}</a> : 0}</td>
      <td class={`num${row.cases.late + row.cases.overdue > 0 ? ' st-overdue-text' : ''}`} data-cases-late={row.cases.late + row.cases.overdue}>
        {caseLateText(row.cases)}
      </td>
    </tr>
  );
}

// A street of hundreds of communities is read a screenful at a time (the totals above count all
// of them, the Excel export lists all): a 500-row grid was 1.5 MB of HTML that no screen shows.
export const MATRIX_ROWS_PER_PAGE = 50;

/** 上一页 / 下一页 over the matrix's communities, keeping the period. */
function MatrixPager({ view, page, pages }: { view: MatrixView; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (n: number) => `/staff/compliance/s/${view.area.code}?${periodQuery(view)}&page=${n}`;
  const from = (page - 1) * MATRIX_ROWS_PER_PAGE + 1;
  const to = Math.min(view.rows.length, page * MATRIX_ROWS_PER_PAGE);
  return (
    <Pager prev={page > 1 ? href(page - 1) : null} next={page < pages ? href(page + 1) : null}>
      第 {page} / {pages} 页（第 {from}–{to} 个，共 {view.rows.length} 个社区（村））
    </Pager>
  );
}

function lastSync(view: MatrixView): string {
  const times = view.rows.map((r) => r.lastSyncedAt?.getTime() ?? 0).filter((t) => t > 0);
  return times.length ? chineseDateTime(new Date(Math.min(...times))) : '尚未计算';
}

/**
 * Communities (this page's) × items, with the per-community figures after the items; rendered
 * once per kept view and page (a street's 50 rows × ~25 items are most of the page's work).
 */
function MatrixTable({ view, rows, page }: { view: MatrixView; rows: MatrixRow[]; page: number }) {
  const table = renderedOnce(view, `page ${page}`, () => <Table view={view} rows={rows} />);
  return <div class="breakout table-scroll" tabIndex={0} role="region" aria-label="公开情况矩阵（可横向滚动）" dangerouslySetInnerHTML={{ __html: table }} />;
}

function Table({ view, rows }: { view: MatrixView; rows: MatrixRow[] }) {
  return (
    <table class="matrix">
      <caption>
        {view.area.name} · {view.range.label}：社区（村）× 公开事项
      </caption>
      <thead>
        <tr>
          <th scope="col" class="sticky-col">
            社区（村）
          </th>
          {view.items.map((item) => (
            <th scope="col" key={item.key} class="item-col" title={item.name}>
              <span class="item-no">{item.seq}</span>
              <span class="item-name">{item.name}</span>
            </th>
          ))}
          <th scope="col" class="num">
            已逾期
          </th>
          <th scope="col" class="num" title="统计期以前的义务至今仍未公开，已计入本期各列">
            往期未结
          </th>
          <th scope="col" class="num">
            未办结督办
          </th>
          <th scope="col" class="num" title={CASE_LATE_TITLE}>
            依申请/疑义 逾期
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row view={view} row={row} key={row.org.id} />
        ))}
      </tbody>
    </table>
  );
}

/** Communities × items, each cell coloured and worded by its worst status; cells drill down. */
export function MatrixPage({ ctx, view, page: asked = 1, ok }: { ctx: PageCtx; view: MatrixView; page?: number; ok?: string }) {
  const base = `/staff/compliance/s/${view.area.code}`;
  const pages = Math.max(1, Math.ceil(view.rows.length / MATRIX_ROWS_PER_PAGE));
  const page = Math.min(asked, pages);
  const shown = view.rows.slice((page - 1) * MATRIX_ROWS_PER_PAGE, page * MATRIX_ROWS_PER_PAGE);
  const totals: Partial<Record<keyof typeof STATUS_LABELS, number>> = {};
  for (const r of view.rows) for (const [s, n] of Object.entries(r.counts)) totals[s as keyof typeof totals] = (totals[s as keyof typeof totals] ?? 0) + n;
  return (
    <Layout ctx={ctx} title={`${view.area.name}公开情况`}>
      <Crumbs>
        <a href="/staff/compliance">公开情况</a> › {view.area.name}
      </Crumbs>
      <h1>
        {view.area.name}公开情况 · {view.range.label}
      </h1>
      <p class="muted">
        统计日期 {chineseDate(view.today)}。每格是该社区该事项在统计期内的公开义务，加上以前各期至今仍未公开的义务（标“往期”），底色和文字为其中最差的状态，点击可查看明细。义务数据更新于 {lastSync(view)}。
      </p>
      <Notice ok={ok} />
      <div class="toolbar">
        <PeriodForm action={base} period={view.period} label="" />
        <a class="button secondary" href={`${base}/matrix.xlsx?${periodQuery(view)}`}>
          导出 Excel
        </a>
        <form method="post" action={`${base}/refresh`} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit" class="link-button">
            立即重新计算
          </button>
        </form>
      </div>
      <CountSummary counts={totals} />
      <p data-cases-own={view.ownCases.late + view.ownCases.overdue}>
        依申请/疑义 逾期：全辖区 {caseLateText(view.cases)}，其中{view.area.name}本级（依申请公开） {caseLateText(view.ownCases)}。
      </p>
      <StatusLegend />
      {view.rows.length === 0 ? (
        <p class="empty">该辖区还没有社区（村）。</p>
      ) : (
        <MatrixTable view={view} rows={shown} page={page} />
      )}
      <MatrixPager view={view} page={page} pages={pages} />
    </Layout>
  );
}
