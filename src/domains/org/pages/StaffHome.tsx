import type { ComponentChildren } from 'preact';
import { PublicUrlWarning } from '../../../web/components/PublicUrlWarning.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { LinkConfig } from '../../../web/publicUrl.ts';
import type { PageCtx } from '../../../web/page.ts';
import { isAdmin, ROLE_LABELS } from '../policy.ts';
import type { Role } from '../../../platform/principal.ts';

/** Admins see which list each community follows; a community's editor can ask to adopt the district's. */
function AdoptionTile({ role }: { role: Role }) {
  const label = role === 'editor' ? '改用区县目录清单' : isAdmin(role) ? '各社区使用的目录清单' : null;
  return label ? (
    <li>
      <a href="/staff/compliance/adoption">{label}</a>
    </li>
  ) : null;
}

/** `todos`: the person's to-do list, which the app composes from the domains above this one. */
export function StaffHome({ ctx, todos, links }: { ctx: PageCtx; todos?: ComponentChildren; links: LinkConfig }) {
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title="工作台">
      <h1>工作台</h1>
      <p class="lead">
        {user.displayName}，您好。您是 <strong>{user.orgName}</strong> 的{ROLE_LABELS[user.role]}。
      </p>
      <PublicUrlWarning config={links} />
      {todos}
      <h2>常用功能</h2>
      <StaffLinks user={user} />
    </Layout>
  );
}

function StaffLinks({ user }: { user: NonNullable<PageCtx['user']> }) {
  return (
    <ul class="tiles">
      <li>
        <a href={`/o/${user.orgCode}`}>查看本单位公开页面</a>
      </li>
      <li>
        <a href="/staff/compliance">{user.orgKind === 'community' ? '本社区应公开事项' : '辖区公开情况'}</a>
      </li>
      <li>
        <a href="/staff/records">公开记录</a>
      </li>
      <li>
        <a href="/staff/channel">电子屏、推送与公开证据</a>
      </li>
      <li>
        <a href="/staff/requests">依申请公开、查询与疑义</a>
      </li>
      <li>
        <a href="/staff/compliance/orders">督办单</a>
      </li>
      <li>
        <a href="/staff/notifications">提醒与通知</a>
      </li>
      <li>
        <a href="/staff/calendar">工作日历</a>
      </li>
      {user.role === 'supervisor' ? (
        <li>
          <a href="/staff/review">待审核的记录</a>
        </li>
      ) : null}
      {user.orgKind === 'community' ? (
        <li>
          <a href="/staff/residents">居民邀请码</a>
        </li>
      ) : null}
      {isAdmin(user.role) ? (
        <li>
          <a href="/staff/record-items">个人名单设置</a>
        </li>
      ) : null}
      {user.role === 'district_admin' ? (
        <li>
          <a href="/staff/review-settings">审核设置</a>
        </li>
      ) : null}
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
      <AdoptionTile role={user.role} />
      <li>
        <a href="/staff/password">修改密码</a>
      </li>
    </ul>
  );
}
