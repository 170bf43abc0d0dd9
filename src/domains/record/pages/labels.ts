import type { VersionStatus } from '../schema.ts';

export const STATUS_LABELS: Record<VersionStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回修改',
  published: '已发布',
  superseded: '已被更正',
};

/** One word for where a record stands, as staff lists show it. */
export function recordStateLabel(record: { withdrawnAt: Date | null; currentVersion: number | null }, latest: { status: VersionStatus; version: number; publishedAt: Date | null }, now: Date): string {
  if (record.withdrawnAt) return '已撤回';
  if (latest.status === 'published' && latest.publishedAt && latest.publishedAt > now) return '定时发布';
  if (record.currentVersion !== null && latest.version > record.currentVersion) return `更正中（${STATUS_LABELS[latest.status]}）`;
  return STATUS_LABELS[latest.status];
}
