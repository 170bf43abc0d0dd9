/**
 * 精准推送 by e-mail: residents subscribe to a community or some of its items, confirm from the
 * mail (so nobody can sign up someone else), and leave with the link in every message.
 */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { AppError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import type { EffectiveItem } from '../../catalog/index.ts';
import type { OrgRow, SessionUser } from '../../org/index.ts';
import { confirmMail } from '../mail/messages.ts';
import type { EmailSender } from '../mail/senders.ts';
import * as repo from '../repository.ts';
import { newToken } from '../secrets.ts';

const SYSTEM = { id: null, name: 'system:subscriptions', ip: null };

export const subscribeInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, { error: '邮箱地址太长' })
    .pipe(z.email({ error: '请填写正确的电子邮箱地址，例如 zhang@example.com' })),
  items: z.union([z.string(), z.array(z.string())]).optional(),
});

/** zh***@example.com: enough for staff to recognise a subscriber, not to harvest addresses. */
export function maskEmail(address: string): string {
  const [user = '', domain = ''] = address.split('@');
  return `${user.slice(0, Math.min(2, Math.max(1, user.length - 1)))}***@${domain}`;
}

export const confirmPath = (token: string) => `/subscriptions/${token}/confirm`;
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;

/**
 * A pending subscription and its confirmation mail. The answer is the same whether or not the
 * address was already subscribed, so the form tells nobody who subscribes to what.
 */
export async function subscribe(deps: Deps, org: OrgRow, items: EffectiveItem[], raw: unknown, viewer: SessionUser | null, ctx: { baseUrl: string; sender: EmailSender | null; ip: string }): Promise<void> {
  const input = parseInput(subscribeInput, raw);
  if (!ctx.sender) throw new AppError('本平台尚未配置邮件发送，暂时不能订阅。', 503, 'mail_unavailable');
  const picked = new Set((Array.isArray(input.items) ? input.items : input.items ? [input.items] : []).map(String));
  const itemKeys = items.filter((i) => picked.has(String(i.id))).map((i) => i.itemKey);
  const now = deps.clock.now();
  const token = newToken();
  const userId = viewer && viewer.orgId === org.id ? viewer.id : null;
  const pending = await deps.db.transaction(async (tx) => {
    const saved = await repo.upsertSubscription(tx, { orgId: org.id, districtCode: org.districtCode, channel: 'email', address: input.email, itemKeys, userId, token, status: 'pending', createdAt: now });
    if (!saved) return false; // already confirmed: nothing to change, no mail
    const data = { org: org.code, address: maskEmail(input.email), items: itemKeys.length, resident: userId !== null };
    await appendAudit(tx, { ...SYSTEM, ip: ctx.ip }, { action: 'channel.subscribe', subjectType: 'channel_subscription', subjectId: saved.id, districtCode: org.districtCode, data }, now);
    return true;
  });
  if (!pending) return;
  try {
    await ctx.sender.send(confirmMail(org.name, input.email, ctx.baseUrl + confirmPath(token), ctx.baseUrl + unsubscribePath(token)));
  } catch {
    throw new AppError('确认邮件暂时发不出去，请稍后再试。', 503, 'mail_failed');
  }
}

async function byToken(deps: Deps, token: string): Promise<repo.SubscriptionRow> {
  const row = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await repo.findSubscriptionByToken(deps.db.orm, token) : null;
  if (!row) throw new NotFoundError('这个链接无效或已过期。');
  return row;
}

export async function findByToken(deps: Deps, token: string): Promise<repo.SubscriptionRow> {
  return byToken(deps, token);
}

/** Moves the subscription on unless another request already did (then false, and no audit entry). */
async function setStatus(deps: Deps, row: repo.SubscriptionRow, status: 'active' | 'unsubscribed', actor: AuditActor): Promise<boolean> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const moved =
      status === 'active'
        ? await repo.updateSubscription(tx, row.id, ['pending'], { status, confirmedAt: now })
        : await repo.updateSubscription(tx, row.id, ['pending', 'active'], { status, unsubscribedAt: now });
    if (!moved) return false;
    const action = status === 'active' ? 'channel.subscribe_confirm' : 'channel.unsubscribe';
    await appendAudit(tx, actor, { action, subjectType: 'channel_subscription', subjectId: row.id, districtCode: row.districtCode, data: { address: maskEmail(row.address) } }, now);
    return true;
  });
}

/** A confirmation racing an unsubscribe never turns the subscription back on. */
export async function confirmSubscription(deps: Deps, token: string, ip: string): Promise<repo.SubscriptionRow> {
  let row = await byToken(deps, token);
  if (row.status === 'pending' && !(await setStatus(deps, row, 'active', { ...SYSTEM, ip }))) row = await byToken(deps, token);
  if (row.status === 'unsubscribed') throw new NotFoundError('这个订阅已经退订。如需再次订阅，请重新填写订阅表。');
  return row;
}

export async function unsubscribe(deps: Deps, token: string, ip: string): Promise<repo.SubscriptionRow> {
  const row = await byToken(deps, token);
  if (row.status !== 'unsubscribed') await setStatus(deps, row, 'unsubscribed', { ...SYSTEM, ip });
  return row;
}

/** Staff end a subscription (for example when a resident asks at the service desk). */
export async function removeSubscription(deps: Deps, actor: AuditActor, org: OrgRow, id: number): Promise<void> {
  const row = await repo.findSubscription(deps.db.orm, id);
  if (!row || row.orgId !== org.id) throw new NotFoundError('没有找到这个订阅。');
  if (row.status !== 'unsubscribed') await setStatus(deps, row, 'unsubscribed', actor);
}

export interface ResidentSubscription {
  address: string;
  status: 'pending' | 'active' | 'unsubscribed';
  items: number;
  unsubscribePath: string | null;
}

/**
 * What a signed-in resident subscribed to while signed in (the "我的" page). The address is shown
 * in full to its owner only; the unsubscribe link is the one the mails carry.
 */
export async function subscriptionsOfResident(deps: Deps, viewer: SessionUser): Promise<ResidentSubscription[]> {
  if (viewer.role !== 'resident') return [];
  const rows = await repo.listSubscriptionsOfUser(deps.db.orm, viewer.id);
  return rows.map((row) => ({
    address: row.address,
    status: row.status as ResidentSubscription['status'],
    items: row.itemKeys.length,
    unsubscribePath: row.status === 'unsubscribed' ? null : unsubscribePath(row.token),
  }));
}
