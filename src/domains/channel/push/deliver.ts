/**
 * Sending due deliveries, one attempt each, with exponential back-off on failure (1, 2, 4, 8,
 * 16 minutes; 6 attempts). Every attempt's answer stays in the delivery log. Rows are claimed
 * with SKIP LOCKED, so several instances never send the same delivery twice at once.
 */
import type { Deps } from '../../../platform/context.ts';
import { findOrganisationById } from '../../org/index.ts';
import { baseUrl } from '../links.ts';
import { recordMail, recordSms } from '../mail/messages.ts';
import type { Senders } from '../mail/senders.ts';
import { pushContent, type PushContent } from './content.ts';
import { sendWebhook, type Attempt } from './send.ts';
import { residentSubscriber } from './dispatch.ts';
import * as repo from '../repository.ts';
import { residentViewer, type RecordSource } from '../source.ts';
import { unsubscribePath } from '../subscription/subscriptions.ts';
import { targetOf } from './webhooks.ts';

export const MAX_ATTEMPTS = 6;
export const LEASE_MS = 2 * 60_000;

export const backoffMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

type Outcome = Attempt | { skip: string };

async function toWebhook(deps: Deps, source: RecordSource, d: repo.DeliveryRow, base: string, now: Date): Promise<Outcome> {
  const hook = await repo.findWebhook(deps.db.orm, d.targetId);
  if (!hook || !hook.enabled) return { skip: '推送机器人已停用' };
  const found = await source.find(deps, d.recordId, null);
  const content = contentOf(found, d, base);
  return 'skip' in content ? content : sendWebhook(targetOf(hook), content, now, { allowHosts: deps.config.webhookAllowHosts });
}

function contentOf(found: Awaited<ReturnType<RecordSource['find']>>, d: repo.DeliveryRow, base: string): PushContent | { skip: string } {
  if (found.kind !== 'ok') return { skip: '这条记录现在不能公开查看' };
  if (found.view.withdrawal) return { skip: '这条记录已撤回' };
  if (found.view.version !== d.recordVersion) return { skip: '已有更新的版本，推送新版本' };
  return pushContent(found.view, base);
}

async function toSubscriber(deps: Deps, source: RecordSource, senders: Senders, d: repo.DeliveryRow, base: string): Promise<Outcome> {
  const sub = await repo.findSubscription(deps.db.orm, d.targetId);
  if (!sub || sub.status !== 'active') return { skip: '订阅已取消' };
  const org = await findOrganisationById(deps, sub.orgId);
  const viewer = org && (await residentSubscriber(deps, sub)) ? residentViewer(org) : null;
  const content = contentOf(await source.find(deps, d.recordId, viewer), d, base);
  if ('skip' in content) return content;
  try {
    if (sub.channel === 'sms') {
      if (!senders.sms) return { ok: false, status: null, detail: '未配置短信服务', response: '' };
      const sent = await senders.sms.send(recordSms(content, sub.address));
      return { ok: true, status: null, detail: `短信已提交（${sent.id}）`, response: '' };
    }
    if (!senders.email) return { ok: false, status: null, detail: '未配置邮件服务器（SMTP_URL）', response: '' };
    const sent = await senders.email.send(recordMail(content, sub.address, base + unsubscribePath(sub.token)));
    return { ok: true, status: null, detail: '邮件服务器已接收', response: sent.response.slice(0, 2000) };
  } catch (err) {
    return { ok: false, status: null, detail: `发送失败：${(err as Error).message.slice(0, 300)}`, response: '' };
  }
}

async function settle(deps: Deps, d: repo.DeliveryRow, outcome: Outcome, now: Date): Promise<void> {
  if ('skip' in outcome) return repo.updateDelivery(deps.db.orm, d.id, { status: 'skipped', detail: outcome.skip, claimedUntil: null, nextAttemptAt: null });
  const attempts = d.attempts + 1;
  const common = { attempts, lastAttemptAt: now, responseStatus: outcome.status, detail: outcome.detail, response: outcome.response, claimedUntil: null };
  if (outcome.ok) return repo.updateDelivery(deps.db.orm, d.id, { ...common, status: 'sent', deliveredAt: now, nextAttemptAt: null });
  const last = attempts >= MAX_ATTEMPTS;
  return repo.updateDelivery(deps.db.orm, d.id, { ...common, status: last ? 'failed' : 'pending', nextAttemptAt: last ? null : new Date(now.getTime() + backoffMs(attempts)) });
}

/** Sends what is due now (or only the given deliveries); returns how many were attempted. */
export async function processDue(deps: Deps, source: RecordSource, senders: Senders, opts: { limit?: number; ids?: number[] } = {}): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction((tx) => repo.claimDue(tx, now, new Date(now.getTime() + LEASE_MS), opts.limit ?? 50, opts.ids));
  const base = baseUrl(deps.config);
  for (const d of claimed) {
    const outcome = d.targetKind === 'webhook' ? await toWebhook(deps, source, d, base, now) : await toSubscriber(deps, source, senders, d, base);
    await settle(deps, d, outcome, now);
  }
  return claimed.length;
}
