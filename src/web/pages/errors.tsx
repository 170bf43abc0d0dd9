import { Layout } from '../layout.tsx';
import type { PageCtx } from '../page.ts';

export function NotFoundPage({ ctx, message }: { ctx: PageCtx; message?: string }) {
  return (
    <Layout ctx={ctx} title="页面不存在">
      <h1>页面不存在</h1>
      <p>{message ?? '您要找的页面不存在或已被移除。'}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>
  );
}

/** Shown for any failure a user can meet; never a stack trace. */
export function ErrorPage({ ctx, status, message, requestId }: { ctx: PageCtx; status: number; message: string; requestId?: string }) {
  const title = status >= 500 ? '系统出错了' : '无法完成操作';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="notice notice-error" role="alert">
        {message}
      </p>
      {requestId && status >= 500 ? <p class="muted">如需帮助，请把这个编号告诉管理员：{requestId}</p> : null}
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>
  );
}
