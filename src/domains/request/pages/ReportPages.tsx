/** Staff pages: the annual report (政府信息公开工作年度报告) and the yearly 居务公开 summary. */
import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { chineseDate } from '../../../platform/time.ts';
import type { AnnualReport } from '../annualReport.ts';
import { SUMMARY_COLUMNS, type YearSummary } from '../communitySummary.ts';
import { reportSections, reportTitle, type ReportTable } from '../reportLayout.ts';

function YearLinks({ base, year, thisYear }: { base: string; year: number; thisYear: number }) {
  const years = [thisYear - 2, thisYear - 1, thisYear];
  return (
    <p class="year-links">
      年份：
      {years.map((y) => (y === year ? <strong key={y}> {y}年 </strong> : <a key={y} href={`${base}?year=${y}`}> {y}年 </a>))}
    </p>
  );
}

function Table({ t }: { t: ReportTable }) {
  return (
    <>
      <p class="table-caption">
        {t.caption} <span class="muted small scroll-hint">（表格较宽，可左右滑动查看）</span>
      </p>
      <div class="table-scroll">
      <table class="report-table" aria-label={t.caption}>
        <thead>
          {t.groups ? (
            <tr>
              <th scope="col" rowSpan={2}>
                项目
              </th>
              {t.groups.map((g, i) =>
                g.span > 1 ? (
                  <th key={i} scope="colgroup" colSpan={g.span}>
                    {g.label}
                  </th>
                ) : (
                  <th key={i} scope="col" rowSpan={2}>
                    {g.label || t.head[t.head.length - 1]}
                  </th>
                ),
              )}
            </tr>
          ) : null}
          <tr>
            {t.groups ? null : <th scope="col">项目</th>}
            {(t.groups ? t.head.slice(1, -1) : t.head).map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.lines.map((l, i) => (
            <tr key={i} class={`level-${l.level}`}>
              <th scope="row">{l.label}</th>
              {t.head.map((_, c) => (
                <td key={c} class="num">
                  {l.cells ? l.cells[c] : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {t.note ? <p class="muted small">{t.note}</p> : null}
    </>
  );
}

export function AnnualReportPage({ ctx, report, thisYear }: { ctx: PageCtx; report: AnnualReport; thisYear: number }) {
  const base = `/staff/reports/${report.org.code}/annual`;
  return (
    <Layout ctx={ctx} title={reportTitle(report)}>
      <p class="breadcrumb">
        <a href="/staff/requests">申请与疑义</a> › 年度报告
      </p>
      <h1>{reportTitle(report)}</h1>
      <YearLinks base={base} year={report.year} thisYear={thisYear} />
      <p class="actions">
        <a class="button" href={`${base}.pdf?year=${report.year}`}>
          下载 PDF
        </a>{' '}
        <a class="button button-secondary" href={`${base}.xlsx?year=${report.year}`}>
          下载 Excel
        </a>
      </p>
      {reportSections(report).map((s) => (
        <section key={s.title} class="card report-section">
          <h2>{s.title}</h2>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {s.tables.map((t) => (
            <Table key={t.caption} t={t} />
          ))}
        </section>
      ))}
      <p class="muted">
        {report.org.name} {chineseDate(report.madeOn)}
      </p>
    </Layout>
  );
}

export function YearSummaryPage({ ctx, summary, thisYear }: { ctx: PageCtx; summary: YearSummary; thisYear: number }) {
  const base = `/staff/reports/${summary.org.code}/summary`;
  const title = `${summary.org.name}${summary.year}年居务公开情况汇总`;
  const rows = summary.org.kind === 'community' ? summary.lines : [...summary.lines, summary.total];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <YearLinks base={base} year={summary.year} thisYear={thisYear} />
      <p class="actions">
        <a class="button button-secondary" href={`${base}.xlsx?year=${summary.year}`}>
          下载 Excel
        </a>
      </p>
      <p class="muted small">公开事项按合规统计口径（本年的公开义务，加上以前年度至今仍未公开的义务）；查询和疑义按本年收到的计算。统计日期：{chineseDate(summary.madeOn)}。</p>
      <p class="table-caption">
        各社区（村）公开事项与查询、疑义 <span class="muted small scroll-hint">（表格较宽，可左右滑动查看）</span>
      </p>
      <div class="table-scroll">
        <table class="report-table" aria-label="各社区（村）公开事项与查询、疑义">
          <thead>
            <tr>
              <th scope="col">社区（村）</th>
              {SUMMARY_COLUMNS.map((c) => (
                <th key={c.head} scope="col">
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.code + l.name}>
                <th scope="row">{l.name}</th>
                {SUMMARY_COLUMNS.map((c) => (
                  <td key={c.head} class="num">
                    {c.value(l)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
