import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

export interface SignInProps {
  ctx: PageCtx;
  error?: string;
  info?: string;
  username?: string;
  next?: string;
}

/** The notices and the form both sign-in doors share; each door brings its own words around it. */
export function SignInForm({ ctx, error, info, username, next, action, home, usernameLabel, buttonClass }: SignInProps & { action: string; home: string; usernameLabel: string; buttonClass: string }) {
  return (
    <>
      {info ? <p class="notice">{info}</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert" id="login-error">
          {error}
        </p>
      ) : null}
      <form method="post" action={action} class="stack">
        <Csrf ctx={ctx} />
        <input type="hidden" name="next" value={next ?? home} />
        <label>
          {usernameLabel}
          <input name="username" autocomplete="username" required maxLength={40} value={username ?? ''} aria-describedby={error ? 'login-error' : undefined} />
        </label>
        <label>
          密码
          <input name="password" type="password" autocomplete="current-password" required maxLength={200} />
        </label>
        <button type="submit" class={buttonClass}>
          登录
        </button>
      </form>
    </>
  );
}
