import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { CommunityView, EventChoice } from '../communityDashboard.ts';
import type { ObligationView } from '../present.ts';
import { CASE_LATE_TITLE, caseLateText, CountSummary, Crumbs, DueBlock, Notice, PeriodForm, StatusBadge } from './parts.tsx';
import { chineseDate } from '../../../platform/time.ts';

function ObligationCard({ ob, canPublish, from }: { ob: ObligationView; canPublish: boolean; from: string }) {
  return (
    <li class={`ob-card st-edge-${ob.status}`}>
      <div class="ob-head">
        <StatusBadge status={ob.status} />
        {ob.open && ob.refOn < from ? <span class="badge carried">往期未结</span> : null}
        <h3>
          <a href={`/staff/compliance/o/${ob.id}`}>{ob.itemName}</a>
        </h3>
      </div>
      <p class="ob-occasion">
        {ob.occasion}
        {ob.eventNote ? `：${ob.eventNote}` : ''}
      </p>
      <DueBlock dueText={ob.dueText} explanation={ob.explanation} movedNote={ob.movedNote} />
      {ob.reopenedNote ? <p class="moved">{ob.reopenedNote}</p> : null}
      {ob.doneText ? <p class="done">{ob.doneText}</p> : null}
      {ob.evidence ? (
        <p class={ob.evidence.complete ? 'done' : 'moved'}>
          {ob.evidence.complete
            ? `已全部公开：${ob.evidence.required} 个公开渠道都有证据`
            : `公开渠道证据 ${ob.evidence.covered}/${ob.evidence.required}，尚未全部公开（请在“电子屏、推送与公开证据”中补充）`}
        </p>
      ) : null}
      {ob.waivedText ? <p class="muted">{ob.waivedText}</p> : null}
      {ob.open && canPublish ? (
        <p class="actions">
          <a class="button" href={ob.publishLink}>
            立即公开
          </a>
        </p>
      ) : null}
    </li>
  );
}

function EventForm({ ctx, code, choices, today }: { ctx: PageCtx; code: string; choices: EventChoice[]; today: string }) {
  if (choices.length === 0) return null;
  return (
    <section class="card" id="register">
      <h2>登记信息形成或变更</h2>
      <p class="muted">事项的公开时限从信息形成、变更或获取之日起算。登记后系统按工作日历算出应公开日期。</p>
      <form method="post" action={`/staff/compliance/c/${code}/events`} class="stack">
        <Csrf ctx={ctx} />
        <label>
          公开事项
          <select name="itemId" required>
            {choices.map((c) => (
              <option value={c.itemId} key={c.itemId}>
                {c.seq}. {c.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>发生了什么</legend>
          {[...new Map(choices.flatMap((c) => c.kinds).map((k) => [k.value, k])).values()].map((k, i) => (
            <label class="check" key={k.value}>
              <input type="radio" name="kind" value={k.value} checked={i === 0} required /> {k.label}
            </label>
          ))}
        </fieldset>
        <label>
          发生日期
          <input type="date" name="occurredOn" required max={today} value={today} />
        </label>
        <label>
          说明（选填，例如“2026年第三季度财务收支明细已形成”）
          <input name="note" maxLength={500} />
        </label>
        <button type="submit" class="button">
          登记并计算期限
        </button>
      </form>
    </section>
  );
}

export function CommunityPage({ ctx, view, error, ok }: { ctx: PageCtx; view: CommunityView; error?: string; ok?: string }) {
  const user = ctx.user!;
  const isEditor = user.role === 'editor' && user.orgId === view.org.id;
  const base = `/staff/compliance/c/${view.org.code}`;
  const title = view.itemKey ? `${view.obligations[0]?.itemName ?? '事项'}（${view.range.label}）` : `${view.range.label}公开义务`;
  return (
    <Layout ctx={ctx} title={`${view.org.name} · ${title}`}>
      <Crumbs>
        <a href="/staff/compliance">公开情况</a> › {view.org.name}
      </Crumbs>
      <h1>
        {view.org.name} · {title}
      </h1>
      <p class="muted">
        今天是{chineseDate(view.today)}。{view.catalogTitle ? `按《${view.catalogTitle}》公开。` : '还没有可用的目录清单。'}
        {view.itemKey ? null : '已逾期的义务无论属于哪个月都排在最前面。'}
      </p>
      <Notice error={error} ok={ok} />
      {view.orders.length > 0 ? (
        <section class="card notice-warn">
          <h2>督办</h2>
          <ul>
            {view.orders.map((o) => (
              <li key={o.id}>
                <a href={`/staff/compliance/orders/${o.id}`}>
                  第 {o.id} 号督办单：{o.instructions.slice(0, 40)}
                </a>{' '}
                — {o.view.statusLabel}，整改期限 {o.view.dueText}
                {o.view.overdue ? '（已超期）' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class={view.cases.late + view.cases.overdue > 0 ? 'notice-warn' : 'muted'} data-cases-late={view.cases.late + view.cases.overdue} title={CASE_LATE_TITLE}>
        依申请/疑义 逾期（{view.range.label}）：{caseLateText(view.cases)}
        {view.cases.total > 0 ? `，共收到查询和疑义 ${view.cases.total} 件` : ''}。<a href="/staff/requests">查看办理</a>
      </p>
      <PeriodForm action={base} period={view.period} label="" />
      {view.itemKey ? (
        <p>
          <a href={base}>返回本月全部义务</a>
        </p>
      ) : null}
      <CountSummary counts={view.counts} />
      {view.carriedOver > 0 ? <p class="carried-note">其中往期未结 {view.carriedOver} 项：统计期以前的义务至今仍未公开，计入本期。</p> : null}
      {view.obligations.length === 0 ? (
        <p class="empty">本期没有需要公开的事项。信息形成或变更时，请在下方登记。</p>
      ) : (
        <ul class="ob-list">
          {view.obligations.map((ob) => (
            <ObligationCard ob={ob} key={ob.id} canPublish={isEditor} from={view.range.from} />
          ))}
        </ul>
      )}
      {isEditor ? <EventForm ctx={ctx} code={view.org.code} choices={view.eventChoices} today={view.today} /> : null}
    </Layout>
  );
}
