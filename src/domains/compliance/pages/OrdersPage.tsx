import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import { ORDER_REASONS } from '../issueOrder.ts';
import type { OrderDetail, OrderListItem } from '../orderViews.ts';
import type { OrgRow } from '../../org/index.ts';
import { Crumbs, DueBlock, Notice, StatusBadge } from './parts.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

export function OrdersPage({ ctx, orders, scope }: { ctx: PageCtx; orders: OrderListItem[]; scope: OrgRow | null }) {
  return (
    <Layout ctx={ctx} title="督办单">
      <Crumbs>督办单</Crumbs>
      <h1>督办单{scope ? ` · ${scope.name}` : ''}</h1>
      {orders.length === 0 ? (
        <p class="empty">没有督办单。</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{scope ? scope.name : ctx.user!.orgName}的督办单（最新的在前）</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">社区（村）</th>
                <th scope="col">公开事项</th>
                <th scope="col">事由</th>
                <th scope="col">整改期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`/staff/compliance/orders/${o.id}`}>第 {o.id} 号</a>
                  </td>
                  <td>{o.orgName}</td>
                  <td>{o.itemName}</td>
                  <td>{ORDER_REASONS[o.reasonKind]}</td>
                  <td>
                    {o.view.dueText}
                    {o.view.overdue ? <strong class="st-overdue-text">（已超期）</strong> : null}
                  </td>
                  <td>{o.view.statusLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function TextForm({ ctx, action, label, button, required, secondary }: { ctx: PageCtx; action: string; label: string; button: string; required: boolean; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="stack">
      <Csrf ctx={ctx} />
      <label>
        {label}
        <textarea name="text" rows={3} required={required} minLength={required ? 4 : undefined} maxLength={2000} />
      </label>
      <button type="submit" class={secondary ? 'button secondary' : 'button'}>
        {button}
      </button>
    </form>
  );
}

/** What the order is about: an obligation with its status, or a resident's 查询/疑义. */
function OrderSubject({ d }: { d: OrderDetail }) {
  const o = d.order;
  if (!d.obligation) {
    return (
      <>
        {ORDER_REASONS[o.reasonKind]}：<a href={`/staff/requests/${o.caseId}`}>{o.caseTitle}</a>
      </>
    );
  }
  return (
    <>
      {ORDER_REASONS[o.reasonKind]}：<a href={`/staff/compliance/o/${o.obligationId}`}>{d.obligation.itemName}</a>（{d.obligation.occasion}）{' '}
      <StatusBadge status={d.obligation.status} />
    </>
  );
}

export function OrderPage({ ctx, d, error, ok }: { ctx: PageCtx; d: OrderDetail; error?: string; ok?: string }) {
  const o = d.order;
  const base = `/staff/compliance/orders/${o.id}`;
  return (
    <Layout ctx={ctx} title={`第 ${o.id} 号督办单`}>
      <Crumbs>
        <a href="/staff/compliance/orders">督办单</a> › 第 {o.id} 号
      </Crumbs>
      <h1>第 {o.id} 号督办单</h1>
      <Notice error={error} ok={ok} />
      <section class="card">
        <dl class="fields">
          <div>
            <dt>状态</dt>
            <dd>
              {d.view.statusLabel}
              {d.view.overdue ? <strong class="st-overdue-text">（已超过整改期限）</strong> : null}
            </dd>
          </div>
          <div>
            <dt>被督办社区</dt>
            <dd>{d.org.name}</dd>
          </div>
          <div>
            <dt>督办事由</dt>
            <dd>
              <OrderSubject d={d} />
            </dd>
          </div>
          <div>
            <dt>督办要求</dt>
            <dd>{o.instructions}</dd>
          </div>
          <div>
            <dt>发出</dt>
            <dd>{d.view.issuedText}</dd>
          </div>
        </dl>
        <DueBlock label="整改期限" dueText={d.view.dueText} explanation={`${o.workdays} 个工作日：${o.dueExplanation}`} />
      </section>
      {o.response ? (
        <section class="card">
          <h2>社区答复</h2>
          <p class="pre">{o.response}</p>
          <p class="muted">
            {o.respondedBy}，{o.respondedAt ? chineseDateTime(o.respondedAt) : ''}
          </p>
        </section>
      ) : null}
      {o.closingNote || o.closedAt ? (
        <section class="card">
          <h2>审核意见</h2>
          <p class="pre">{o.closingNote ?? '确认整改完成。'}</p>
          {o.closedAt ? (
            <p class="muted">
              {o.closedBy}，{chineseDateTime(o.closedAt)}办结
            </p>
          ) : null}
        </section>
      ) : null}
      {d.canAnswer ? (
        <section class="card">
          <h2>答复整改情况</h2>
          <TextForm ctx={ctx} action={`${base}/answer`} label="整改情况（已在何时、通过哪些渠道公开了什么）" button="提交答复" required />
        </section>
      ) : null}
      {d.canReview ? (
        <section class="card">
          <h2>审核</h2>
          <div class="review-forms">
            <TextForm ctx={ctx} action={`${base}/close`} label="审核意见（选填）" button="确认办结" required={false} />
            <TextForm ctx={ctx} action={`${base}/return`} label="退回理由" button="退回重新整改" required secondary />
          </div>
        </section>
      ) : null}
    </Layout>
  );
}
