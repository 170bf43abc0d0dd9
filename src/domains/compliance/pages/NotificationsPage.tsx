import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import type { NotificationRow } from '../supervisionRepository.ts';
import { Crumbs, Notice } from './parts.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

interface Props {
  ctx: PageCtx;
  items: NotificationRow[];
  email: string | null;
  mailConfigured: boolean;
  error?: string;
  ok?: string;
}

export function NotificationsPage({ ctx, items, email, mailConfigured, error, ok }: Props) {
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <Layout ctx={ctx} title="提醒与通知">
      <Crumbs>提醒与通知</Crumbs>
      <h1>提醒与通知</h1>
      <Notice error={error} ok={ok} />
      {unread > 0 ? (
        <form method="post" action="/staff/notifications/read" class="actions">
          <Csrf ctx={ctx} />
          <span>
            有 <strong>{unread}</strong> 条未读。
          </span>
          <button type="submit" class="link-button">
            全部标为已读
          </button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p class="empty">还没有提醒。每天早上系统会把即将到期和已逾期的公开义务汇总提醒给社区工作人员。</p>
      ) : (
        <ul class="notices">
          {items.map((n) => (
            <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
              <p class="notice-title">
                {n.readAt ? null : <span class="tag">未读</span>} {n.link ? <a href={n.link}>{n.title}</a> : n.title}
              </p>
              <p class="pre small">{n.body}</p>
              <p class="muted small">{chineseDateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      <section class="card">
        <h2>邮件提醒</h2>
        <p class="muted">
          {mailConfigured ? '填写邮箱后，每日提醒和督办提醒也会发到这个邮箱。留空则只在本页提醒。' : '本平台尚未配置邮件服务器（SMTP_URL），目前只在本页提醒；邮箱可以先填好。'}
        </p>
        <form method="post" action="/staff/notifications/email" class="stack narrow">
          <Csrf ctx={ctx} />
          <label>
            电子邮箱
            <input type="email" name="email" value={email ?? ''} maxLength={200} autocomplete="email" />
          </label>
          <button type="submit" class="button secondary">
            保存
          </button>
        </form>
      </section>
    </Layout>
  );
}
