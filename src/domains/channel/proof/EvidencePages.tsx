import type { PageCtx } from '../../../web/page.ts';
import { Layout } from '../../../web/layout.tsx';
import type { RecordEvidence } from './evidence.ts';
import { ChannelLayout, withOrg, type OrgRef } from '../pages/parts.tsx';
import { chineseDateOf } from '../../../platform/time.ts';

export interface EvidenceRow {
  id: string;
  title: string;
  itemName: string;
  publishedAt: Date;
  evidence: RecordEvidence;
}

function MonthPicker({ month, action, org }: { month: string; action: string; org?: string }) {
  return (
    <form method="get" action={action} class="actions">
      {org ? <input type="hidden" name="org" value={org} /> : null}
      <label>
        月份
        <input type="month" name="month" value={month} />
      </label>
      <button type="submit" class="button">
        查看
      </button>
    </form>
  );
}

/** One community's records of a month × the channels each must reach, with what proves each. */
export function CommunityEvidence({ ctx, org, own, month, rows }: { ctx: PageCtx; org: OrgRef; own: boolean; month: string; rows: EvidenceRow[] }) {
  const complete = rows.filter((r) => r.evidence.complete).length;
  return (
    <ChannelLayout ctx={ctx} org={org} own={own} title="渠道公开证据">
      <MonthPicker month={month} action="/staff/channel/evidence" org={own ? undefined : org.code} />
      <p class="lead">
        本月发布 {rows.length} 条，其中 <strong>{complete}</strong> 条已在事项要求的全部渠道留有公开证据。
      </p>
      {rows.length === 0 ? <p class="empty">这个月没有发布记录。</p> : null}
      {rows.map((r) => (
        <section class="card" key={r.id}>
          <h2>
            <a href={withOrg(`/staff/channel/records/${r.id}`, org, own)}>{r.title}</a>{' '}
            <span class={r.evidence.complete ? 'tag tag-ok' : 'tag tag-warn'}>{r.evidence.complete ? '全部渠道已留证' : `缺 ${r.evidence.channels.length - r.evidence.covered} 个渠道`}</span>
          </h2>
          <p class="small muted">
            {r.itemName} · {chineseDateOf(r.publishedAt)}
          </p>
          <ul class="evidence-list">
            {r.evidence.channels.map((c) => (
              <li key={c.channel} class={c.evidence.length > 0 ? 'has' : 'missing'}>
                {c.evidence.length > 0 ? '✓' : '✗'} {c.channel}：{c.evidence.length > 0 ? `${c.evidence.length} 项证据` : '尚无证据'}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </ChannelLayout>
  );
}

export interface CommunitySummary {
  code: string;
  name: string;
  records: number;
  complete: number;
}

/** A street's or district's communities: how many of a month's records have evidence on every channel. */
export function AreaEvidence({ ctx, area, month, rows }: { ctx: PageCtx; area: string; month: string; rows: CommunitySummary[] }) {
  return (
    <Layout ctx={ctx} title="渠道公开证据汇总">
      <h1>{area}渠道公开证据汇总</h1>
      <MonthPicker month={month} action="/staff/channel/evidence" />
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>社区（村）</th>
              <th>本月发布</th>
              <th>全部渠道已留证</th>
              <th>比例</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>
                  <a href={`/staff/channel/evidence?org=${r.code}&month=${month}`}>{r.name}</a>
                </td>
                <td>{r.records}</td>
                <td>{r.complete}</td>
                <td>{r.records === 0 ? '—' : `${Math.round((r.complete / r.records) * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
