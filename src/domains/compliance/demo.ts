import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { effectiveCatalogFor, type EffectiveItem } from '../catalog/index.ts';
import { listOrgsFlat, sessionUserByName, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow, type ComplianceNow } from './context.ts';
import { addDaysIso, addMonthsIso } from './dates.ts';
import { chineseDate } from '../../platform/time.ts';
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
 * clock's), and a plan of which were published on time, late or not at all, in proportions that
 * differ per community. Compliance publishes nothing itself: the record domain's demo publishes a
 * real record for every planned publication (so every “公开” has its record), then the 督办 demo
 * runs on what is left overdue. Loaded in bulk, one audit entry per community ('compliance.demo_load').
 */

/** A publication the demo history calls for: the record domain publishes it on that day. */
export interface DemoPublication {
  orgCode: string;
  obligationId: number;
  itemId: number;
  itemName: string;
  /** 'YYYY-MM-DD', before today. */
  on: string;
  /** What the information was (the event's note, or the day it was formed). */
  occasion: string;
}

/** A stable number in [0, 1) from a text, so the demo is the same on every machine. */
function chance(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

const DEMO_MONTHS = 8;

/**
 * Items a community never published: 厂口社区's 社区简介 (长期公开 since it adopted its list last
 * year) stays overdue, so every view shows an obligation carried over from an earlier period.
 */
const NEVER_PUBLISHED: Record<string, RegExp> = { '530102012001': /社区简介/ };

/** How reliably each demo community publishes on time (others default to 0.8). */
const DILIGENCE: Record<string, number> = { '220202004001': 0.92, '220202004002': 0.7, '220202004003': 0.5, '220202005001': 0.85, '220202005002': 0.62, '530102012001': 0.88 };


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

/**
 * Eight months of events up to today: finance every month, other items now and then. Each
 * planned publication becomes a real reviewed record, so the history is kept short enough for
 * the demo to load in well under a minute.
 */
function demoEvents(org: OrgRow, items: EffectiveItem[], today: string): DemoEvent[] {
  const events: DemoEvent[] = [];
  for (let back = DEMO_MONTHS - 1; back >= 0; back--) {
    const month = addMonthsIso(`${today.slice(0, 7)}-01`, -back).slice(0, 7);
    for (const item of items) {
      const monthly = item.name.includes('财务');
      if (!monthly && chance(`ev:${org.code}:${item.itemKey}:${month}`) > 0.2) continue;
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
async function demoCommunity(deps: Deps, actor: AuditActor, org: OrgRow, now: ComplianceNow): Promise<DemoPublication[]> {
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
    const plan: DemoPublication[] = [];
    for (const [i, ob] of made.entries()) {
      const on = publicationDay(ob, diligence, now.today);
      const ev = events[rows.findIndex((r) => r.id === ob.eventId)] ?? events[i]!;
      if (on && !NEVER_PUBLISHED[org.code]?.test(ob.itemName)) plan.push({ orgCode: org.code, obligationId: ob.id, itemId: ob.itemId, itemName: ob.itemName, on, occasion: ev.note || `${chineseDate(ev.occurredOn)}形成` });
    }
    const data = { org: org.code, events: rows.length, obligations: made.map((o) => o.id), planned: plan.length };
    await appendAudit(tx, actor, { action: 'compliance.demo_load', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data }, now.now);
    return plan;
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

/** A waiver and three 督办 orders (one answered) in 延安街道, so those pages have content; after the records. */
export async function loadSupervisionDemo(deps: Deps): Promise<void> {
  const street = await sessionUser(deps, 'yanan-street');
  const editor = await sessionUser(deps, 'yanan-editor');
  if (!street || !editor) return;
  const now = await complianceNow(deps, street.user.districtCode);
  const orgs = await listOrgsFlat(deps, street.user.orgPath);
  const overdue = async (code: string) => {
    const org = orgs.find((o) => o.code === code);
    const open = org ? await repo.listOpen(deps.db.orm, org.id) : [];
    return open.filter((o) => o.kind === 'event' && statusOf(o, now.day) === 'overdue').sort((a, b) => a.id - b.id);
  };
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

/**
 * Fills the demo communities' obligations and returns the publications their history calls for;
 * the demo loader has the record domain publish them, then calls loadSupervisionDemo.
 */
export async function loadComplianceDemo(deps: Deps, actor: AuditActor): Promise<DemoPublication[]> {
  const plan: DemoPublication[] = [];
  for (const org of (await listOrgsFlat(deps)).filter((o) => o.kind === 'community')) {
    plan.push(...(await demoCommunity(deps, actor, org, await complianceNow(deps, org.districtCode))));
  }
  return plan.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.obligationId - b.obligationId));
}
