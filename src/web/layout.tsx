import type { ComponentChildren } from 'preact';
import type { PageCtx } from './page.ts';
import { ROLE_LABELS } from '../platform/principal.ts';

interface LayoutProps {
  ctx: PageCtx;
  title: string;
  children: ComponentChildren;
}

/** A hidden CSRF field for every form. */
export function Csrf({ ctx }: { ctx: PageCtx }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf} />;
}

/** A GET form: a display preference needs no CSRF token, so public pages stay free of one. */
function ElderToggle({ ctx }: { ctx: PageCtx }) {
  return (
    <form method="get" action="/prefs/elder" class="inline">
      <input type="hidden" name="back" value={ctx.path} />
      <input type="hidden" name="on" value={ctx.elder ? '0' : '1'} />
      <button type="submit" class="link-button" aria-pressed={ctx.elder ? 'true' : 'false'}>
        {ctx.elder ? '退出长辈模式' : '长辈模式（大字）'}
      </button>
    </form>
  );
}

/**
 * Residents and staff have separate doors: 居民登录 leads to the resident's 我的 page, 工作人员登录
 * to the staff home. Both are plain links, so an anonymous page stays the same for every visitor.
 */
function UserNav({ ctx }: { ctx: PageCtx }) {
  if (!ctx.user) {
    return (
      <>
        <a href="/my/login" class="nav-resident">
          居民登录
        </a>
        <a href="/login" class="nav-staff">
          工作人员登录
        </a>
      </>
    );
  }
  const resident = ctx.user.role === 'resident';
  return (
    <>
      <a href={resident ? '/my' : '/staff'} title={`${ctx.user.orgName} · ${ROLE_LABELS[ctx.user.role]}`}>
        {resident ? '我的' : '工作台'}（{ctx.user.displayName}）
        {!resident && ctx.todoCount ? (
          <span class="badge" aria-label={`待办 ${ctx.todoCount} 件`}>
            待办 {ctx.todoCount}
          </span>
        ) : null}
      </a>
      <form method="post" action="/logout" class="inline">
        <Csrf ctx={ctx} />
        <button type="submit" class="link-button">
          退出登录
        </button>
      </form>
    </>
  );
}

/** The one layout: zh-CN, a skip link for keyboard users, readable from 360 px up. */
export function Layout({ ctx, title, children }: LayoutProps) {
  return (
    <html lang="zh-CN" class={ctx.elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - 公开 · 居务村务公开平台`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              公开 <span class="brand-sub">居务村务公开平台</span>
            </a>
            <nav class="top-nav" aria-label="主导航">
              <a href="/">首页</a>
              <ElderToggle ctx={ctx} />
              <UserNav ctx={ctx} />
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">依据《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）公开。</div>
        </footer>
      </body>
    </html>
  );
}
