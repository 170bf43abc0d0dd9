import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

export function LoginPage({ ctx, error, info, username, next }: { ctx: PageCtx; error?: string; info?: string; username?: string; next?: string }) {
  return (
    <Layout ctx={ctx} title="工作人员登录">
      <section class="card narrow">
        <h1>工作人员登录</h1>
        {info ? <p class="notice">{info}</p> : null}
        {error ? (
          <p class="notice notice-error" role="alert" id="login-error">
            {error}
          </p>
        ) : null}
        <form method="post" action="/login" class="stack">
          <Csrf ctx={ctx} />
          <input type="hidden" name="next" value={next ?? '/staff'} />
          <label>
            用户名
            <input name="username" autocomplete="username" required maxLength={40} value={username ?? ''} aria-describedby={error ? 'login-error' : undefined} />
          </label>
          <label>
            密码
            <input name="password" type="password" autocomplete="current-password" required maxLength={200} />
          </label>
          <button type="submit" class="button">
            登录
          </button>
        </form>
        <p class="muted">本页供社区、街道和区县工作人员使用。忘记密码请联系所在街道或区县管理员重置。</p>
        <p class="muted">
          居民请从 <a href="/my/login">居民登录</a> 进入；只看公开信息不用登录。
        </p>
      </section>
    </Layout>
  );
}
