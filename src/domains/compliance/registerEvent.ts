import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { effectiveCatalogFor, type EffectiveItem, type Rule } from '../catalog/index.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { complianceNow, type ComplianceNow } from './context.ts';
import { addDaysIso } from './dates.ts';
import { planOf, takesEvents } from './deadlines.ts';
import { materialise } from './materialise.ts';
import { assertCanRegisterEvent } from './policy.ts';
import * as repo from './repository.ts';
import { chineseDate } from '../../platform/time.ts';

export const EVENT_KINDS = { formed: '信息形成', changed: '信息变更', acquired: '获取信息', made: '制定', occurred: '事项发生' } as const;
export type EventKind = keyof typeof EVENT_KINDS;

/** The events an item's trigger speaks of: “信息形成或者变更” offers 形成 and 变更. */
export function eventKindsFor(rules: readonly Rule[]): EventKind[] {
  const trigger = planOf(rules).within?.trigger;
  if (trigger === 'acquired') return ['acquired'];
  if (trigger === 'made_or_acquired') return ['made', 'acquired'];
  if (trigger === undefined || trigger === 'formed_or_changed') return ['formed', 'changed'];
  return ['occurred'];
}

/** Items of a community's catalog for which an editor registers events. */
export function eventItems(items: EffectiveItem[]): EffectiveItem[] {
  return items.filter((i) => takesEvents(planOf(i.rules)));
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '请按“年-月-日”填写日期，例如 2026-09-28' });

const eventInput = z.object({
  itemId: z.coerce.number({ error: '请选择公开事项' }).int().positive({ error: '请选择公开事项' }),
  kind: z.enum(Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]], { error: '请选择发生了什么' }),
  occurredOn: isoDate,
  note: z.string().trim().max(500, { error: '说明不能超过 500 个字' }).default(''),
});

/** How far back an event may be registered: late registration is allowed, forgery of old dates is not. */
const MAX_BACK_DAYS = 366;

/**
 * An editor registers “信息形成/变更/获取” with its date; an event obligation follows, due on
 * addWorkdays(date, N) of the item's rule. The event, the obligation and the audit entry commit together.
 */
export async function registerEvent(deps: Deps, actor: AuditActor & { user: SessionUser }, org: OrgRow, raw: unknown): Promise<repo.ObligationRow> {
  assertCanRegisterEvent(actor.user, org);
  const input = parseInput(eventInput, raw);
  const effective = await effectiveCatalogFor(deps, org);
  const item = effective ? eventItems(effective.items).find((i) => i.id === input.itemId) : undefined;
  if (!item) throw new NotFoundError('本社区的目录清单中没有这个需要登记的公开事项。');
  const now = await complianceNow(deps, org.districtCode);
  if (input.occurredOn > now.today) throw new ValidationError('发生日期不能晚于今天。', { occurredOn: '发生日期不能晚于今天' });
  const earliest = addDaysIso(now.today, -MAX_BACK_DAYS);
  if (input.occurredOn < earliest) throw new ValidationError(`只能登记${chineseDate(earliest)}以后发生的事项。`, { occurredOn: '日期太早' });
  return recordEvent(deps, actor, org, item, input, now);
}

/** Stores an event and its obligation in the caller's transaction (checked input; also the demo data's path). */
async function recordEventIn(
  tx: Executor,
  actor: AuditActor,
  org: OrgRow,
  item: EffectiveItem,
  input: { kind: EventKind; occurredOn: string; note: string },
  now: ComplianceNow,
): Promise<repo.ObligationRow> {
  const event = await repo.insertEvent(tx, {
    districtCode: org.districtCode,
    orgId: org.id,
    itemKey: item.itemKey,
    itemId: item.id,
    kind: input.kind,
    occurredOn: input.occurredOn,
    note: input.note,
    registeredBy: actor.name,
    createdAt: now.now,
  });
  const seed = { districtCode: org.districtCode, orgId: org.id, item, kind: 'event' as const, naturalKey: `event:${event.id}`, eventId: event.id, anchorOn: input.occurredOn, basis: { rules: item.rules, promptDays: item.promptDays } };
  const obligation = (await repo.insertObligation(tx, materialise(now, seed)))!;
  const data = { org: org.code, item: item.itemKey, kind: input.kind, occurredOn: input.occurredOn, obligation: obligation.id, dueOn: obligation.dueOn };
  await appendAudit(tx, actor, { action: 'compliance.event_register', subjectType: 'compliance_event', subjectId: event.id, districtCode: org.districtCode, data }, now.now);
  return obligation;
}

async function recordEvent(deps: Deps, actor: AuditActor, org: OrgRow, item: EffectiveItem, input: z.output<typeof eventInput>, now: ComplianceNow): Promise<repo.ObligationRow> {
  return deps.db.transaction((tx) => recordEventIn(tx, actor, org, item, input, now));
}
