import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { parseInput } from '../../platform/validate.ts';
import { activeUsersOn, type SessionUser, type Role } from '../org/index.ts';
import * as repo from './supervisionRepository.ts';

/** The in-app notification list, and where a staff member wants reminder e-mails. */

export interface Recipient {
  id: number;
  username: string;
  displayName: string;
}

/** Active users with one of `roles` on exactly the organisation at `path` (not below it). */
export async function staffOn(ex: Executor, org: { path: string; code: string }, roles: Role[]): Promise<Recipient[]> {
  return (await activeUsersOn(ex, org, roles)).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
}

export interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/** How a notice travels besides the in-app list: an e-mail copy, a message to the community's staff group. */
export interface Delivery {
  mail?: boolean;
  group?: { id: number; districtCode: string } | null;
}

/**
 * Adds the same notice to each recipient's list, inside the caller's transaction. An e-mail copy
 * and the staff group's message are queued in the same transaction and sent after the commit by
 * the delivery job (a failure there never undoes the step).
 */
export async function notify(tx: Executor, districtCode: string, recipients: Recipient[], notice: Notice, at: Date, delivery: Delivery = {}): Promise<void> {
  const email = delivery.mail ? { emailState: 'pending' as const, emailNextAt: at } : {};
  await repo.insertNotifications(
    tx,
    recipients.map((r) => ({ districtCode, userId: r.id, ...notice, createdAt: at, ...email })),
  );
  if (delivery.group) {
    const g = delivery.group;
    await repo.insertGroupNotice(tx, { districtCode: g.districtCode, orgId: g.id, ...notice, state: 'pending', nextAttemptAt: at, createdAt: at });
  }
}

export async function notificationsFor(deps: Deps, user: SessionUser) {
  const [items, email] = await Promise.all([repo.listNotifications(deps.db.orm, user.id), repo.findContact(deps.db.orm, user.id)]);
  return { items, email };
}

export async function markAllRead(deps: Deps, user: SessionUser): Promise<void> {
  await repo.markAllRead(deps.db.orm, user.id, deps.clock.now());
}

const contactInput = z.object({
  email: z
    .string()
    .trim()
    .max(200, { error: '邮箱地址太长' })
    .refine((v) => v === '' || z.email().safeParse(v).success, { error: '请填写有效的电子邮箱地址，例如 wang@example.cn' }),
});

/** Saves (or with an empty value, removes) the reminder e-mail address of the signed-in user. */
export async function saveReminderEmail(deps: Deps, actor: AuditActor & { user: SessionUser }, raw: unknown): Promise<void> {
  const { email } = parseInput(contactInput, raw);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveContact(tx, { userId: actor.user.id, districtCode: actor.user.districtCode, email: email || null, updatedAt: now });
    await appendAudit(tx, actor, { action: 'compliance.contact_update', subjectType: 'user', subjectId: actor.user.id, districtCode: actor.user.districtCode, data: { email: email ? 'set' : 'removed' } }, now);
  });
}
