/** The delivery log as staff pages show it (robots, subscribers, one record's pushes). */
import type { DeliveryRow } from '../repository.ts';
import { withOrg, type OrgRef } from './parts.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

export const DELIVERY_STATUS: Record<string, string> = { pending: '等待发送', sent: '已送达', failed: '发送失败', skipped: '未发送' };

export interface DeliveryView {
  id: number;
  at: Date;
  recordId: string;
  version: number;
  status: string;
  attempts: number;
  detail: string | null;
  responseStatus: number | null;
  nextAttemptAt: Date | null;
}

export const deliveryView = (d: DeliveryRow): DeliveryView => ({
  id: d.id,
  at: d.lastAttemptAt ?? d.createdAt,
  recordId: d.recordId,
  version: d.recordVersion,
  status: d.status,
  attempts: d.attempts,
  detail: d.detail,
  responseStatus: d.responseStatus,
  nextAttemptAt: d.nextAttemptAt,
});

export function DeliveryTable({ rows, org, own }: { rows: DeliveryView[]; org: OrgRef; own: boolean }) {
  if (rows.length === 0) return <p class="muted">还没有推送记录。</p>;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th>时间</th>
            <th>记录</th>
            <th>状态</th>
            <th>尝试次数</th>
            <th>对方答复</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{chineseDateTime(d.at)}</td>
              <td>
                <a href={withOrg(`/staff/channel/records/${d.recordId}`, org, own)}>{d.recordId}</a>（第 {d.version} 版）
              </td>
              <td>
                {DELIVERY_STATUS[d.status] ?? d.status}
                {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 ? `，${chineseDateTime(d.nextAttemptAt)} 重试` : ''}
              </td>
              <td>{d.attempts}</td>
              <td>
                {d.responseStatus ? `HTTP ${d.responseStatus} ` : ''}
                {d.detail ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
