import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import { ORG_KIND_LABELS, ROLE_LABELS } from '../policy.ts';
import type { OrgRow } from '../repository.ts';
import { ROLES, type Role } from '../schema.ts';

export interface UserListRow {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  orgName: string;
}

interface Props {
  ctx: PageCtx;
  users: UserListRow[];
  orgs: OrgRow[];
  error?: string;
  created?: string;
}

// Failed sign-ins slow down one name from one address (lockout.ts), never the account itself,
// so an account has no "locked" state to show here.
function status(u: UserListRow): string {
  return u.disabled ? '已停用' : '正常';
}

function CreateUserForm({ ctx, orgs }: { ctx: PageCtx; orgs: OrgRow[] }) {
  const roles = ROLES.filter((r) => !(ctx.user!.role === 'street_admin' && r === 'district_admin'));
  return (
    <form method="post" action="/staff/users" class="stack">
      <Csrf ctx={ctx} />
      <label>
        用户名（登录用，字母或数字）
        <input name="username" required pattern="[a-zA-Z0-9_.\-]{3,40}" maxLength={40} autocomplete="off" />
      </label>
      <label>
        姓名
        <input name="displayName" maxLength={40} />
      </label>
      <label>
        角色
        <select name="role" required>
          {roles.map((r) => (
            <option value={r} key={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        所属组织
        <select name="orgCode" required>
          {orgs.map((o) => (
            <option value={o.code} key={o.code}>
              {o.name}（{ORG_KIND_LABELS[o.kind]}）
            </option>
          ))}
        </select>
      </label>
      <label>
        初始密码（至少 8 个字符，请当面告知本人并提醒修改）
        <input name="password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
      </label>
      <button type="submit" class="button">
        创建用户
      </button>
    </form>
  );
}

export function UsersPage({ ctx, users, orgs, error, created }: Props) {
  return (
    <Layout ctx={ctx} title="用户管理">
      <h1>用户管理</h1>
      <p class="muted">只显示 {ctx.user!.orgName} 及其下辖单位的用户。</p>
      {created ? <p class="notice notice-ok">已创建用户 {created}。</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="table-scroll">
        <table>
          <caption>本辖区用户</caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">所属组织</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.orgName}</td>
                <td>{status(u)}</td>
                <td>
                  {u.disabled || u.username === ctx.user!.username ? null : (
                    <form method="post" action={`/staff/users/${encodeURIComponent(u.username)}/disable`} class="inline">
                      <Csrf ctx={ctx} />
                      <button type="submit" class="link-button danger">
                        停用
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="card">
        <h2>新建用户</h2>
        <CreateUserForm ctx={ctx} orgs={orgs} />
      </section>
    </Layout>
  );
}
