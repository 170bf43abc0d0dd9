import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { childKindOf, ORG_KIND_LABELS } from '../policy.ts';
import type { OrgRow } from '../repository.ts';
import { ORG_CODE_DIGITS } from '../../../platform/principal.ts';

/**
 * The organisation's own public numbers (监督电话, 服务热线): shown unmasked on its public pages
 * wherever they appear, while every other phone number stays masked.
 */
function PhonesForm({ ctx, org }: { ctx: PageCtx; org: OrgRow }) {
  return (
    <form method="post" action={`/staff/orgs/${org.code}/phones`} class="stack phones-form">
      <Csrf ctx={ctx} />
      <label>
        <span class="small muted">一行一个，如监督电话、服务热线</span>
        <textarea name="phones" rows={2} maxLength={500} aria-label={`${org.name}的公开电话`}>
          {org.publicPhones.join('\n')}
        </textarea>
      </label>
      <button type="submit" class="button button-secondary">
        保存
      </button>
    </form>
  );
}

export function OrgsPage({ ctx, orgs, error, created, phones }: { ctx: PageCtx; orgs: OrgRow[]; error?: string; created?: string; phones?: string }) {
  const parents = orgs.filter((o) => childKindOf(o.kind) !== null);
  return (
    <Layout ctx={ctx} title="组织机构">
      <h1>组织机构</h1>
      {created ? <p class="notice notice-ok">已添加 {created}。</p> : null}
      {phones ? <p class="notice notice-ok">已保存 {phones} 的公开电话。</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="table-scroll">
        <table>
          <caption>{ctx.user!.orgName} 及下辖单位</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">代码</th>
              <th scope="col">类型</th>
              <th scope="col">公开电话</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.code}>
                <td style={`padding-left:${(o.path.split('/').length - 3) * 1.5 + 0.5}em`}>{o.name}</td>
                <td>{o.code}</td>
                <td>{ORG_KIND_LABELS[o.kind]}</td>
                <td>
                  <PhonesForm ctx={ctx} org={o} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {parents.length > 0 ? (
        <section class="card">
          <h2>添加下级单位</h2>
          <form method="post" action="/staff/orgs" class="stack">
            <Csrf ctx={ctx} />
            <label>
              上级单位
              <select name="parentCode" required>
                {parents.map((o) => (
                  <option value={o.code} key={o.code}>
                    {o.name}（下设{ORG_KIND_LABELS[childKindOf(o.kind)!]}）
                  </option>
                ))}
              </select>
            </label>
            <label>
              名称
              <input name="name" required minLength={2} maxLength={60} />
            </label>
            <label>
              行政区划代码（6 到 12 位数字）
              <input name="code" required pattern={ORG_CODE_DIGITS} inputMode="numeric" maxLength={12} />
            </label>
            <button type="submit" class="button">
              添加
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
