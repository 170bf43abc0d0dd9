import { Layout } from '../../../web/layout.tsx';
import { renderedOnce, type PageCtx } from '../../../web/page.ts';
import type { RollupRow, RollupView } from '../districtRollup.ts';
import { formatRate } from '../status.ts';
import { CASE_LATE_TITLE, caseLateText, Crumbs, PeriodForm } from './parts.tsx';

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
      <Cell class="num">{row.carriedOver}</Cell>
      <Cell class="num">{(row.counts.done_on_time ?? 0) + (row.counts.done_late ?? 0)}</Cell>
      <Cell class={`num ${rateClass(row.onTime)}`}>{formatRate(row.onTime)}</Cell>
      <Cell class="num">{row.unfinishedOrders}</Cell>
      <Cell class="num cases-late" data-cases-late={row.cases.late + row.cases.overdue}>
        {caseLateText(row.cases)}
      </Cell>
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

/**
 * Every community's own figures: the same numbers as its page and its street's matrix. A
 * district's thousand rows are rendered once per kept view.
 */
function Communities({ view }: { view: RollupView }) {
  if (view.communities.length === 0) return null;
  const table = renderedOnce(view, 'communities', () => <CommunityTable view={view} />);
  return <div class="table-scroll" tabIndex={0} role="region" aria-label="各社区公开情况（可横向滚动）" dangerouslySetInnerHTML={{ __html: table }} />;
}

function CommunityTable({ view }: { view: RollupView }) {
  return (
    <table class="rollup communities">
      <caption>各社区（村）{view.year}年公开情况（含往期未结）</caption>
      <thead>
        <tr>
          <th scope="col">社区（村）</th>
          <th scope="col">街道（乡镇）</th>
          <th scope="col">已逾期</th>
          <th scope="col">即将到期</th>
          <th scope="col">往期未结</th>
          <th scope="col">按时公开</th>
          <th scope="col">逾期后公开</th>
          <th scope="col" title={CASE_LATE_TITLE}>
            依申请/疑义 逾期
          </th>
        </tr>
      </thead>
      <tbody>
        {view.communities.map(({ org, street, tally, cases }) => (
          <tr key={org.code} data-org={org.code}>
            <th scope="row">
              <a href={`/staff/compliance/c/${org.code}`}>{org.name}</a>
            </th>
            <td>{street.name}</td>
            <td class="num st-overdue-text overdue">{tally.counts.overdue}</td>
            <td class="num">{tally.counts.due_soon}</td>
            <td class="num">{tally.carriedOver}</td>
            <td class="num">{tally.counts.done_on_time}</td>
            <td class="num">{tally.counts.done_late}</td>
            <td class="num cases-late" data-cases-late={cases.late + cases.overdue}>
              {caseLateText(cases)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
              <th scope="col" title="往年的义务至今仍未公开，已计入已逾期等各列">往期未结</th>
              <th scope="col">已公开</th>
              <th scope="col">全年按时率</th>
              <th scope="col">未办结督办</th>
              <th scope="col" title={CASE_LATE_TITLE}>
                依申请/疑义 逾期
              </th>
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
      <Communities view={view} />
    </Layout>
  );
}
