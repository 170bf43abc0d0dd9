import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

interface Props {
  ctx: PageCtx;
  error?: string;
  info?: string;
  username?: string;
  next?: string;
}

/** The residents' sign-in: large type, one short sentence per step, the way in for those without an account. */
export function ResidentLoginPage({ ctx, error, info, username, next }: Props) {
  return (
    <Layout ctx={ctx} title="居民登录">
      <section class="card narrow resident-door">
        <h1>居民登录</h1>
        <p class="lead">登录后可以看到：只给本社区居民看的公示、您订阅的内容、您提的问题办到哪一步了。</p>
        {info ? <p class="notice">{info}</p> : null}
        {error ? (
          <p class="notice notice-error" role="alert" id="login-error">
            {error}
          </p>
        ) : null}
        <form method="post" action="/my/login" class="stack">
          <Csrf ctx={ctx} />
          <input type="hidden" name="next" value={next ?? '/my'} />
          <label>
            用户名（注册时自己设的）
            <input name="username" autocomplete="username" required maxLength={40} value={username ?? ''} aria-describedby={error ? 'login-error' : undefined} />
          </label>
          <label>
            密码
            <input name="password" type="password" autocomplete="current-password" required maxLength={200} />
          </label>
          <button type="submit" class="button button-wide">
            登录
          </button>
        </form>
        <h2>还没有账户？</h2>
        <p>
          向社区（村）工作人员要一个邀请码，然后 <a href="/register">用邀请码注册</a>。
        </p>
        <p class="muted">忘记密码，请到社区（村）服务站找工作人员帮忙。只看公开信息不用登录。</p>
        <p class="small muted">
          社区、街道工作人员请从 <a href="/login">工作人员登录</a> 进入。
        </p>
      </section>
    </Layout>
  );
}
