import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { OrgRow } from '../../org/index.ts';
import type { ItemSettingsView } from '../itemSettings.ts';

/** District admins turn supervisor review on or off per community. */
export function ReviewSettingsPage({ ctx, communities, settings, saved }: { ctx: PageCtx; communities: OrgRow[]; settings: Map<number, boolean>; saved?: boolean }) {
  return (
    <Layout ctx={ctx} title="审核设置">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › 审核设置
      </nav>
      <h1>公开记录审核设置</h1>
      <p class="muted">默认每条公开记录须经居务监督委员会成员审核后发布。关闭审核后，工作人员提交即发布；每次开关都记入审计日志。</p>
      {saved ? <p class="notice notice-ok">已保存。</p> : null}
      <ul class="settings-list">
        {communities.map((c) => {
          const on = settings.get(c.id) ?? true;
          return (
            <li key={c.code}>
              <strong>{c.name}</strong>：{on ? '须经审核' : '已关闭审核'}
              <form method="post" action="/staff/review-settings" class="inline">
                <Csrf ctx={ctx} />
                <input type="hidden" name="orgCode" value={c.code} />
                <input type="hidden" name="required" value={on ? '0' : '1'} />{' '}
                <button type="submit" class="link-button">
                  {on ? '关闭审核' : '开启审核'}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

/** Which items are personal lists, whose lists disappear from public pages after the 公示期. */
export function ItemSettingsPage({ ctx, view, communities, saved }: { ctx: PageCtx; view: ItemSettingsView | null; communities: OrgRow[]; saved?: boolean }) {
  return (
    <Layout ctx={ctx} title="个人名单设置">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › 个人名单设置
      </nav>
      <h1>个人名单事项</h1>
      <p class="muted">标为“个人名单”的事项（如初审对象名单、临时救助名单），公示期满后名单不再在任何公开页面显示，工作人员仍可查看。默认按事项名称和内容中的“名单”一词判断。公示期留空时按目录清单的规定；目录没有规定的个人名单，请在这里或在每条记录中填写，否则不能发布。</p>
      <form method="get" action="/staff/record-items" class="actions">
        <label>
          社区
          <select name="org">
            {communities.map((c) => (
              <option value={c.code} key={c.code} selected={view?.community.code === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button button-secondary">
          查看
        </button>
      </form>
      {saved ? <p class="notice notice-ok">已保存。</p> : null}
      {view ? (
        <form method="post" action={`/staff/record-items?org=${view.community.code}`} class="stack">
          <Csrf ctx={ctx} />
          <p class="muted">目录清单所属：{view.owner?.name ?? '—'}{view.editable ? '' : '（您不能修改这份目录清单的设置）'}</p>
          <div class="table-scroll">
            <table>
              <caption>个人名单与公示期</caption>
              <thead>
                <tr>
                  <th>个人名单</th>
                  <th>公开事项</th>
                  <th>公示期（个工作日）</th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((c) => {
                  const rule = c.item.rules.find((r) => r.kind === 'publicity');
                  return (
                    <tr key={c.item.id}>
                      <td>
                        <input type="checkbox" name={`pl_${c.item.id}`} value="1" checked={c.personalList} disabled={!view.editable} aria-label={`${c.item.name}是个人名单`} />
                        {c.personalListSet ? '' : <span class="muted small">（默认）</span>}
                      </td>
                      <td>
                        {c.item.seq}. {c.item.name}
                      </td>
                      <td>
                        <input type="number" name={`pd_${c.item.id}`} min={1} max={90} class="short" value={c.publicitySet ? String(c.publicity!.amount) : ''} placeholder={rule ? String(rule.amount) : ''} disabled={!view.editable} aria-label={`${c.item.name}公示期`} />
                        <span class="muted small">{rule ? `目录规定 ${rule.amount} ${rule.unit === 'day' ? '天' : '个工作日'}` : c.personalList ? '目录未规定，请填写' : '目录未规定'}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {view.editable ? (
            <button type="submit" class="button">
              保存
            </button>
          ) : null}
        </form>
      ) : null}
    </Layout>
  );
}
