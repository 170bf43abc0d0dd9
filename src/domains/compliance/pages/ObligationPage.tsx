import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import { ORDER_REASONS } from '../issueOrder.ts';
import type { ObligationDetail } from '../obligationDetail.ts';
import { Crumbs, DueBlock, Notice, StatusBadge } from './parts.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

function OrderForm({ ctx, d }: { ctx: PageCtx; d: ObligationDetail }) {
  if (d.orderReasons.length === 0) return null;
  return (
    <section class="card">
      <h2>发出督办</h2>
      <form method="post" action={`/staff/compliance/o/${d.view.id}/orders`} class="stack">
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>督办事由</legend>
          {d.orderReasons.map((r, i) => (
            <label class="check" key={r}>
              <input type="radio" name="reasonKind" value={r} checked={i === 0} required /> {ORDER_REASONS[r]}
            </label>
          ))}
        </fieldset>
        <label>
          督办要求
          <textarea name="instructions" rows={3} required minLength={4} maxLength={1000}>
            {`请于期限内在公示栏和政府网站公开“${d.view.itemName}”，并答复整改情况。`}
          </textarea>
        </label>
        <label>
          整改期限（工作日，按工作日历计算）
          <input name="workdays" type="number" min={1} max={60} value={5} required inputMode="numeric" />
        </label>
        <button type="submit" class="button">
          发出督办单
        </button>
      </form>
    </section>
  );
}

function WaiveForm({ ctx, id }: { ctx: PageCtx; id: number }) {
  return (
    <section class="card">
      <h2>批准免除</h2>
      <p class="muted">确实不需要公开时（例如误登记、事项未发生），由街道或区县管理员写明理由后免除。</p>
      <form method="post" action={`/staff/compliance/o/${id}/waive`} class="stack">
        <Csrf ctx={ctx} />
        <label>
          免除理由
          <textarea name="reason" rows={2} required minLength={4} maxLength={500} />
        </label>
        <button type="submit" class="button secondary">
          批准免除
        </button>
      </form>
    </section>
  );
}

export function ObligationPage({ ctx, d, error, ok }: { ctx: PageCtx; d: ObligationDetail; error?: string; ok?: string }) {
  const v = d.view;
  return (
    <Layout ctx={ctx} title={`${v.itemName} · ${d.org.name}`}>
      <Crumbs>
        <a href={`/staff/compliance/c/${d.org.code}`}>{d.org.name}</a> › 公开义务
      </Crumbs>
      <h1>{v.itemName}</h1>
      <p>
        <StatusBadge status={v.status} /> {d.org.name} · {v.occasion}
        {v.eventNote ? `：${v.eventNote}` : ''}
      </p>
      <Notice error={error} ok={ok} />
      <section class="card">
        <DueBlock dueText={v.dueText} explanation={v.explanation} movedNote={v.movedNote} />
        {v.reopenedNote ? <p class="moved">{v.reopenedNote}</p> : null}
        {v.doneText ? <p class="done">{v.doneText}</p> : null}
        {v.waivedText ? <p class="muted">{v.waivedText}</p> : null}
        {d.canPublish ? (
          <p class="actions">
            <a class="button" href={v.publishLink}>
              立即公开
            </a>
          </p>
        ) : null}
      </section>
      {d.changes.length > 0 ? (
        <section class="card">
          <h2>期限变动记录</h2>
          <ul>
            {d.changes.map((c) => (
              <li key={c.id}>
                {chineseDateTime(c.at)}：{c.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.orders.length > 0 ? (
        <section class="card">
          <h2>督办</h2>
          <ul>
            {d.orders.map((o) => (
              <li key={o.id}>
                <a href={`/staff/compliance/orders/${o.id}`}>第 {o.id} 号督办单</a>（{o.view.statusLabel}，整改期限 {o.view.dueText}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <OrderForm ctx={ctx} d={d} />
      {d.canWaive ? <WaiveForm ctx={ctx} id={v.id} /> : null}
    </Layout>
  );
}
