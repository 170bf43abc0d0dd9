import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { RollupRow, RollupView } from '../districtRollup.ts';
import { formatRate } from '../status.ts';
import { Crumbs, PeriodForm } from './parts.tsx';

function rateClass(rate: number | null): string {
  if (rate == null) return 'rate-none';
  return rate >= 0.9 ? 'rate-good' : rate >= 0.6 ? 'rate-mid' : 'rate-bad';
}

function Line({ row, view, total }: { row: RollupRow; view: RollupView; total?: boolean }) {
  const Cell = total ? 'th' : 'td';
  return (
    <tr class={total ? 'total-row' : undefined}>
      <th scope="row" class="sticky-col">
        {total ? '全区合计' : <a href={`/staff/compliance/s/${row.street.code}?year=${view.year}`}>{row.street.name}</a>}
      </th>
      <Cell class="num">{row.communities}</Cell>
      <Cell class="num">{row.total}</Cell>
      <Cell class="num st-overdue-text">{row.counts.overdue ?? 0}</Cell>
      <Cell class="num">{row.counts.due_soon ?? 0}</Cell>
      <Cell class="num">{(row.counts.done_on_time ?? 0) + (row.counts.done_late ?? 0)}</Cell>
      <Cell class={`num ${rateClass(row.onTime)}`}>{formatRate(row.onTime)}</Cell>
      <Cell class="num">{row.unfinishedOrders}</Cell>
      {view.months.map((m) => {
        const rate = row.months.get(m) ?? null;
        return (
          <Cell class={`num ${rateClass(rate)}`} key={m}>
            {formatRate(rate)}
          </Cell>
        );
      })}
    </tr>
  );
}

/** Per street: obligations by status over the year, and the on-time rate month by month. */
export function RollupPage({ ctx, view }: { ctx: PageCtx; view: RollupView }) {
  return (
    <Layout ctx={ctx} title={`${view.district.name}公开情况`}>
      <Crumbs>
        <a href="/staff/compliance">公开情况</a> › {view.district.name}
      </Crumbs>
      <h1>
        {view.district.name}公开情况 · {view.year}年
      </h1>
      <p class="muted">按时率 = 按时公开 ÷（按时公开 + 逾期后公开 + 已逾期），按应公开日期所在月份统计；“—”表示该月没有到期的义务。点击街道名称查看社区 × 事项矩阵。</p>
      <PeriodForm action={`/staff/compliance/d/${view.district.code}`} period={view.year} label="" yearOnly />
      <div class="breakout table-scroll" tabIndex={0} role="region" aria-label="各街道公开情况（可横向滚动）">
        <table class="rollup">
          <caption>{view.district.name}各街道（乡镇）公开情况</caption>
          <thead>
            <tr>
              <th scope="col" class="sticky-col">
                街道（乡镇）
              </th>
              <th scope="col">社区数</th>
              <th scope="col">义务数</th>
              <th scope="col">已逾期</th>
              <th scope="col">即将到期</th>
              <th scope="col">已公开</th>
              <th scope="col">全年按时率</th>
              <th scope="col">未办结督办</th>
              {view.months.map((m) => (
                <th scope="col" key={m}>
                  {Number(m.slice(5))}月
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <Line row={row} view={view} key={row.street.code} />
            ))}
            <Line row={view.total} view={view} total />
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
