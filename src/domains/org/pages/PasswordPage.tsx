import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

export function PasswordPage({ ctx, error, done }: { ctx: PageCtx; error?: string; done?: boolean }) {
  return (
    <Layout ctx={ctx} title="修改密码">
      <section class="card narrow">
        <h1>修改密码</h1>
        {done ? <p class="notice notice-ok">密码已修改。您在其他设备上的登录已退出。</p> : null}
        {error ? (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/staff/password" class="stack">
          <Csrf ctx={ctx} />
          <label>
            当前密码
            <input name="current" type="password" autocomplete="current-password" required maxLength={200} />
          </label>
          <label>
            新密码（至少 8 个字符）
            <input name="next" type="password" autocomplete="new-password" required minLength={8} maxLength={200} />
          </label>
          <label>
            再次输入新密码
            <input name="confirm" type="password" autocomplete="new-password" required minLength={8} maxLength={200} />
          </label>
          <button type="submit" class="button">
            保存新密码
          </button>
        </form>
      </section>
    </Layout>
  );
}
