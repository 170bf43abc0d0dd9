import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { ChannelLayout, Notice, OrgField, type OrgRef } from '../pages/parts.tsx';
import { DeliveryTable, type DeliveryView } from '../pages/Deliveries.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

export interface SubscriberView {
  id: number;
  address: string;
  items: string;
  resident: boolean;
  status: string;
  since: Date;
}

const STATUS: Record<string, string> = { pending: '待确认', active: '已订阅', unsubscribed: '已退订' };

export function SubscriptionsPage(p: { ctx: PageCtx; org: OrgRef; own: boolean; canManage: boolean; mailReady: boolean; subscribers: SubscriberView[]; deliveries: DeliveryView[]; ok?: string | null }) {
  const active = p.subscribers.filter((s) => s.status === 'active').length;
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title="邮件订阅（精准推送）">
      <Notice ok={p.ok} error={p.mailReady ? null : '尚未配置邮件服务器（SMTP_URL），居民暂时不能订阅。'} />
      <p>
        {active} 位居民已订阅。居民在 <a href={`/o/${p.org.code}/subscribe`}>订阅页面</a> 填写邮箱并在邮件中确认后生效；仅向本社区居民公开的内容只发给登录后订阅的本社区居民。
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>邮箱</th>
              <th>订阅事项</th>
              <th>身份</th>
              <th>状态</th>
              <th>时间</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {p.subscribers.map((s) => (
              <tr key={s.id}>
                <td>{s.address}</td>
                <td>{s.items}</td>
                <td>{s.resident ? '本社区居民' : '公众'}</td>
                <td>{STATUS[s.status] ?? s.status}</td>
                <td>{chineseDateTime(s.since)}</td>
                <td>
                  {p.canManage && s.status !== 'unsubscribed' ? (
                    <form method="post" action={`/staff/channel/subscriptions/${s.id}/remove`} class="inline">
                      <Csrf ctx={p.ctx} />
                      <OrgField org={p.org} own={p.own} />
                      <button class="link-button danger">取消订阅</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="card">
        <h2>最近的邮件推送</h2>
        <DeliveryTable rows={p.deliveries} org={p.org} own={p.own} />
      </section>
    </ChannelLayout>
  );
}
