import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { isAdmin, ROLE_LABELS } from '../policy.ts';

export function StaffHome({ ctx }: { ctx: PageCtx }) {
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title="工作台">
      <h1>工作台</h1>
      <p class="lead">
        {user.displayName}，您好。您是 <strong>{user.orgName}</strong> 的{ROLE_LABELS[user.role]}。
      </p>
      <ul class="tiles">
        <li>
          <a href={`/o/${user.orgCode}`}>查看本单位公开页面</a>
        </li>
        {isAdmin(user.role) ? (
          <>
            <li>
              <a href="/staff/users">用户管理</a>
            </li>
            <li>
              <a href="/staff/orgs">组织机构</a>
            </li>
            <li>
              <a href="/staff/catalogs">目录清单管理</a>
            </li>
          </>
        ) : null}
        {user.orgKind === 'community' ? (
          <li>
            <a href="/staff/channels">本社区公开渠道</a>
          </li>
        ) : null}
        <li>
          <a href="/staff/password">修改密码</a>
        </li>
      </ul>
    </Layout>
  );
}
