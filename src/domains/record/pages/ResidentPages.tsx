import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

/** Staff see and change the community's invitation code. */
export function InvitationPage({ ctx, orgName, code }: { ctx: PageCtx; orgName: string; code: string }) {
  return (
    <Layout ctx={ctx} title="居民邀请码">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › 居民邀请码
      </nav>
      <h1>{orgName}居民邀请码</h1>
      <p class="invite-code mono" aria-label="邀请码">
        {code}
      </p>
      <p>
        居民打开 <span class="mono">/register</span>，输入这个邀请码即可注册为本社区居民，查看仅向本社区居民公开的事项。请在居民会议、公开栏等只面向本社区居民的场合告知。
      </p>
      <form method="post" action="/staff/residents/rotate" class="inline">
        <Csrf ctx={ctx} />
        <button type="submit" class="button button-secondary">
          更换邀请码（旧码立即失效）
        </button>
      </form>
    </Layout>
  );
}

type Values = Record<string, string | undefined>;

export function RegisterPage({ ctx, error, values = {} }: { ctx: PageCtx; error?: string; values?: Values }) {
  return (
    <Layout ctx={ctx} title="居民注册">
      <h1>居民注册</h1>
      <p>请输入社区（村）工作人员提供的邀请码。注册后可以查看仅向本社区居民公开的事项。</p>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/register" class="stack narrow">
        <Csrf ctx={ctx} />
        <label>
          邀请码
          <input name="code" required maxLength={12} autocomplete="off" value={values.code ?? ''} placeholder="例如 K7PM-3QXD" />
        </label>
        <label>
          用户名（字母或数字，登录用）
          <input name="username" required pattern="[a-zA-Z0-9_.\-]{3,40}" maxLength={40} autocomplete="username" value={values.username ?? ''} />
        </label>
        <label>
          称呼
          <input name="displayName" maxLength={40} value={values.displayName ?? ''} />
        </label>
        <label>
          密码（至少 8 位）
          <input name="password" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
        </label>
        <label>
          再次输入密码
          <input name="confirm" type="password" required minLength={8} maxLength={200} autocomplete="new-password" />
        </label>
        <button type="submit" class="button">
          注册
        </button>
      </form>
    </Layout>
  );
}
