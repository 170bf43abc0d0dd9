import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { effectiveCatalogFor, type EffectiveItem } from '../catalog/index.ts';
import { listOrgsFlat, sessionUserByName, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow, type ComplianceNow } from './context.ts';
import { addDaysIso, addMonthsIso } from './dates.ts';
import { publicityEndOf } from './deadlines.ts';
import { materialise } from './materialise.ts';
import { issueOrder } from './issueOrder.ts';
import { eventItems, eventKindsFor } from './registerEvent.ts';
import * as repo from './repository.ts';
import type { ObligationRow } from './repository.ts';
import { answerOrder } from './reviewOrder.ts';
import { statusOf } from './status.ts';
import { syncCommunity } from './syncObligations.ts';
import { waiveObligation } from './waiveObligation.ts';

/*
 * Demo obligations for the demo communities: a year of registered events up to “today” (the
 * clock's), published on time, late or not at all in proportions that differ per community,
 * so the dashboards and the street matrix have something true to show. Publications here are
 * disclosures without records behind them (ids 'demo-…'); the record domain's demo adds real ones.
 * Loaded in bulk, one audit entry per community ('compliance.demo_load').
 */

/** A stable number in [0, 1) from a text, so the demo is the same on every machine. */
function chance(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** How reliably each demo community publishes on time (others default to 0.8). */
const DILIGENCE: Record<string, number> = { '220202004001': 0.92, '220202004002': 0.7, '220202004003': 0.5, '220202005001': 0.85, '220202005002': 0.62, '530102012001': 0.88 };

function atNoon(iso: string): Date {
  return new Date(`${iso}T10:00:00+08:00`);
}

/** When (if at all) the community published it: on time, a few days late, or not yet. */
function publicationDay(ob: ObligationRow, diligence: number, today: string): string | null {
  if (!ob.dueOn) return null;
  const r = chance(`pub:${ob.id}`);
  let day: string | null = null;
  if (r < diligence) {
    const early = addDaysIso(ob.anchorOn, 1 + Math.floor(chance(`k:${ob.id}`) * 12));
    day = early < ob.dueOn ? early : ob.dueOn;
  } else if (r < diligence + (1 - diligence) / 2) {
    day = addDaysIso(ob.dueOn, 2 + Math.floor(chance(`late:${ob.id}`) * 7));
  }
  return day && day < today ? day : null;
}

interface DemoEvent {
  item: EffectiveItem;
  occurredOn: string;
  note: string;
}

/** A year of events up to today: finance every month, other items now and then. */
function demoEvents(org: OrgRow, items: EffectiveItem[], today: string): DemoEvent[] {
  const events: DemoEvent[] = [];
  for (let back = 11; back >= 0; back--) {
    const month = addMonthsIso(`${today.slice(0, 7)}-01`, -back).slice(0, 7);
    for (const item of items) {
      const monthly = item.name.includes('财务');
      if (!monthly && chance(`ev:${org.code}:${item.itemKey}:${month}`) > 0.3) continue;
      const day = Math.min(28, 3 + Math.floor(chance(`day:${org.code}:${item.itemKey}:${month}`) * 25));
      const occurredOn = `${month}-${String(day).padStart(2, '0')}`;
      if (occurredOn <= today) events.push({ item, occurredOn, note: monthly ? `${Number(month.slice(5))}月收支明细已形成` : '' });
    }
  }
  return events;
}

/**
 * One community's demo year in one transaction with bulk inserts and one audit entry naming
 * what was loaded: hundreds of single audited writes would make the first start slow.
 */
async function demoCommunity(deps: Deps, actor: AuditActor, org: OrgRow, now: ComplianceNow): Promise<ObligationRow[]> {
  const effective = await effectiveCatalogFor(deps, org);
  if (!effective) return [];
  const adoptedOn = `${Number(now.today.slice(0, 4)) - 1}-${now.today.slice(5, 7)}-01`;
  await syncCommunity(deps, org, { now, adoptedOn });
  const events = demoEvents(org, eventItems(effective.items), now.today);
  const diligence = DILIGENCE[org.code] ?? 0.8;
  return deps.db.transaction(async (tx) => {
    const base = { districtCode: org.districtCode, orgId: org.id, registeredBy: actor.name, createdAt: now.now };
    const rows = await repo.insertEvents(tx, events.map((e) => ({ ...base, itemKey: e.item.itemKey, itemId: e.item.id, kind: eventKindsFor(e.item.rules)[0]!, occurredOn: e.occurredOn, note: e.note })));
    const made = await repo.insertObligations(
      tx,
      rows.map((ev, i) => materialise(now, { districtCode: org.districtCode, orgId: org.id, item: events[i]!.item, kind: 'event', naturalKey: `event:${ev.id}`, eventId: ev.id, anchorOn: ev.occurredOn, basis: { rules: events[i]!.item.rules, promptDays: events[i]!.item.promptDays } })),
    );
    const published: { ob: ObligationRow; on: string; ends: string | null }[] = [];
    for (const ob of made) {
      const on = publicationDay(ob, diligence, now.today);
      if (on) published.push({ ob, on, ends: publicityEndOf(now.cal, ob.basis, on) });
    }
    for (const p of published) await repo.updateObligation(tx, p.ob.id, { fulfilledRecordId: `demo-${p.ob.id}`, fulfilledOn: p.on, fulfilledAt: atNoon(p.on), publicityEndsOn: p.ends });
    await repo.insertDisclosure(
      tx,
      published.map((p) => ({ recordId: `demo-${p.ob.id}`, districtCode: org.districtCode, orgId: org.id, itemKey: p.ob.itemKey, itemId: p.ob.itemId, obligationId: p.ob.id, publishedAt: atNoon(p.on), publishedOn: p.on, publicityEndsOn: p.ends })),
    );
    const data = { org: org.code, events: rows.length, obligations: made.map((o) => o.id), published: published.length };
    await appendAudit(tx, actor, { action: 'compliance.demo_load', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data }, now.now);
    return made;
  });
}

async function sessionUser(deps: Deps, username: string): Promise<(AuditActor & { user: SessionUser }) | null> {
  const user = await sessionUserByName(deps, username);
  return user ? { id: String(user.id), name: username, ip: null, user } : null;
}

/** Runs a demo step that the calendar or the data may legitimately refuse (e.g. at year end). */
async function attempt(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
  }
}

/** A waiver and three 督办 orders (one answered) in 延安街道, so those pages have content. */
async function demoSupervision(deps: Deps, byOrg: Map<string, number[]>): Promise<void> {
  const street = await sessionUser(deps, 'yanan-street');
  const editor = await sessionUser(deps, 'yanan-editor');
  if (!street || !editor) return;
  const now = await complianceNow(deps, street.user.districtCode);
  const overdue = async (code: string) => [...(await repo.obligationsByIds(deps.db.orm, byOrg.get(code) ?? [])).values()].filter((o) => statusOf(o, now.day) === 'overdue').sort((a, b) => a.id - b.id);
  const instructions = '请于期限内在社区公示栏和政府网站补充公开，并答复整改情况。';
  const [waived] = await overdue('220202004002');
  if (waived) await attempt(() => waiveObligation(deps, street, waived.id, { reason: '经核实，该月未发生需公开的变更，系误登记。' }));
  const [first, second] = await overdue('220202004003');
  if (first) await attempt(() => issueOrder(deps, street, first.id, { reasonKind: 'overdue', instructions, workdays: '5' }));
  if (second) await attempt(() => issueOrder(deps, street, second.id, { reasonKind: 'overdue', instructions, workdays: '10' }));
  const [own] = await overdue('220202004001');
  if (own) {
    await attempt(async () => {
      const order = await issueOrder(deps, street, own.id, { reasonKind: 'overdue', instructions, workdays: '3' });
      await answerOrder(deps, editor, order.id, { text: '已在公示栏张贴并在政府网站补充公开，今后按月及时公开。' });
    });
  }
}

/** Fills the demo communities' obligations; called by the demo data loader after the accounts. */
export async function loadComplianceDemo(deps: Deps, actor: AuditActor): Promise<void> {
  const byOrg = new Map<string, number[]>();
  for (const org of (await listOrgsFlat(deps)).filter((o) => o.kind === 'community')) {
    byOrg.set(org.code, (await demoCommunity(deps, actor, org, await complianceNow(deps, org.districtCode))).map((o) => o.id));
  }
  await demoSupervision(deps, byOrg);
}
