import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { OrgRow } from '../../org/index.ts';
import type { AdoptionPreview, Follower } from '../adoption.ts';
import { Crumbs, Notice } from './parts.tsx';
import { chineseDate } from '../../../platform/time.ts';

const CHANGE_LABELS = { added: '新增', removed: '不再要求', changed: '有改动' } as const;

/** Which list each community works by; communities with their own list link to the preview. */
export function FollowersPage({ ctx, area, followers, ok }: { ctx: PageCtx; area: OrgRow; followers: Follower[]; ok?: string }) {
  return (
    <Layout ctx={ctx} title={`${area.name}目录清单使用情况`}>
      <Crumbs>目录清单使用情况</Crumbs>
      <h1>{area.name} · 各社区使用的目录清单</h1>
      <Notice ok={ok} />
      <table class="followers">
        <thead>
          <tr>
            <th scope="col">社区（村）</th>
            <th scope="col">使用的目录清单</th>
            <th scope="col">版本</th>
            <th scope="col">来源</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {followers.map((f) => (
            <tr key={f.org.code} data-org={f.org.code}>
              <th scope="row">{f.org.name}</th>
              <td>{f.title ?? '没有可用的目录清单'}</td>
              <td class="num">{f.version ?? '—'}</td>
              <td>{f.title ? (f.own ? '社区自有清单' : `沿用${f.owner}`) : '—'}</td>
              <td>{f.own ? <a href={`/staff/compliance/adoption/${f.org.code}`}>预览改用上级目录</a> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** What adoption changes for the community's items and obligations, and the button (or the request). */
export function AdoptionPreviewPage({ ctx, community, preview, canAdopt, canRequest, ok, error }: { ctx: PageCtx; community: OrgRow; preview: AdoptionPreview; canAdopt: boolean; canRequest: boolean; ok?: string; error?: string }) {
  const { plan } = preview;
  return (
    <Layout ctx={ctx} title={`${community.name}改用上级目录清单`}>
      <Crumbs>
        <a href="/staff/compliance/adoption">目录清单使用情况</a> › {community.name}
      </Crumbs>
      <h1>{community.name} · 改用上级目录清单</h1>
      <Notice ok={ok} error={error} />
      {!plan ? (
        <p>本社区已在使用上级目录清单，或上级没有启用的目录清单。</p>
      ) : (
        <>
          <p>
            现用《{plan.own.title}》（第 {plan.own.version} 版），改用{plan.templateOwner.name}《{plan.template.title}》（第 {plan.template.version} 版）后：
          </p>
          <ul class="changes">
            {plan.changes.map((c) => (
              <li key={c.kind + c.key} class={`change-${c.kind}`}>
                【{CHANGE_LABELS[c.kind]}】{c.name}
              </li>
            ))}
          </ul>
          <h2>对应公开义务</h2>
          {preview.closing.length === 0 ? (
            <p>没有需要关闭的未完成义务。新目录中的长期和定期事项会立即生成应公开义务。</p>
          ) : (
            <ul>
              {preview.closing.map((o) => (
                <li key={o.id}>
                  {o.itemName}：{o.dueOn ? `应于${chineseDate(o.dueOn)}前公开` : '时限待定'}
                  {o.overdue ? '（已逾期）' : ''}——改用后不再要求，将关闭并注明原因
                </li>
              ))}
            </ul>
          )}
          {canAdopt ? (
            <form method="post" action={`/staff/compliance/adoption/${community.code}`}>
              <Csrf ctx={ctx} />
              <button type="submit">确认改用{plan.templateOwner.name}目录清单</button>
            </form>
          ) : null}
          {canRequest ? (
            <form method="post" action={`/staff/compliance/adoption/${community.code}/request`}>
              <Csrf ctx={ctx} />
              <button type="submit">申请改用{plan.templateOwner.name}目录清单</button>
            </form>
          ) : null}
        </>
      )}
    </Layout>
  );
}
