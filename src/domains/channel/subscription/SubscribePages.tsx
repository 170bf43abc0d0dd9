/** Public pages of 精准推送: the subscription form (with the feeds), confirmation and unsubscribing. */
import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

export interface SubscribeProps {
  ctx: PageCtx;
  org: { code: string; name: string };
  items: { id: number; name: string }[];
  mailReady: boolean;
  resident: boolean;
  error?: string;
  email?: string;
}

function Feeds({ code }: { code: string }) {
  return (
    <section class="card">
      <h2>用阅读器订阅</h2>
      <p>不想留邮箱，也可以把下面的地址添加到 RSS 阅读器：</p>
      <ul>
        <li>
          <a href={`/feeds/${code}.rss`}>RSS 2.0</a>
        </li>
        <li>
          <a href={`/feeds/${code}.atom`}>Atom</a>
        </li>
        <li>
          <a href={`/feeds/${code}.json`}>JSON Feed</a>
        </li>
      </ul>
    </section>
  );
}

export function SubscribePage({ ctx, org, items, mailReady, resident, error, email }: SubscribeProps) {
  return (
    <Layout ctx={ctx} title={`订阅${org.name}的公开信息`}>
      <p class="breadcrumb">
        <a href={`/o/${org.code}`}>{org.name}</a> › 订阅
      </p>
      <h1>订阅{org.name}的公开信息</h1>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {mailReady ? (
        <form method="post" action={`/o/${org.code}/subscribe`} class="stack card">
          <Csrf ctx={ctx} />
          <p>有新的公开内容时，我们会发邮件告诉您。每封邮件都有退订链接。</p>
          <p class="muted">{resident ? '您已登录为本社区居民，还会收到仅向本社区居民公开的内容。' : '您会收到向全社会公开的内容。本社区居民登录后再订阅，还能收到仅向居民公开的内容。'}</p>
          <label>
            电子邮箱
            <input type="email" name="email" required maxLength={254} autoComplete="email" value={email ?? ''} />
          </label>
          <fieldset>
            <legend>只订阅以下事项（不选则订阅全部）</legend>
            {items.map((i) => (
              <label class="check" key={i.id}>
                <input type="checkbox" name="items" value={String(i.id)} /> {i.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="button">
            订阅
          </button>
        </form>
      ) : (
        <p class="notice">本平台暂未开通邮件订阅，您可以用下面的阅读器地址订阅。</p>
      )}
      <Feeds code={org.code} />
    </Layout>
  );
}

/** A short answer page, with an optional one-button form (confirm, unsubscribe). */
export function MessagePage({ ctx, title, message, action, button, csrf = true }: { ctx: PageCtx; title: string; message: string; action?: string; button?: string; csrf?: boolean }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {action ? (
        <form method="post" action={action}>
          {csrf ? <Csrf ctx={ctx} /> : null}
          <button type="submit" class="button">
            {button}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
