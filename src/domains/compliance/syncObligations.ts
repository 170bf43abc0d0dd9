import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { effectiveCatalogFor, type EffectiveItem } from '../catalog/index.ts';
import { type OrgRow, findOrganisationsByIds, listOrgsFlat } from '../org/index.ts';
import { complianceNow, SYSTEM_ACTOR, type ComplianceNow } from './context.ts';
import { basisHash, planOf } from './deadlines.ts';
import { materialise, moveNote, recompute, ruleReason, type ObligationSeed } from './materialise.ts';
import { periodsOfYear } from './periods.ts';
import * as repo from './repository.ts';
import type { DueBasis } from './types.ts';
import { beijingDate } from '../../platform/time.ts';

/*
 * Brings a community's materialised obligations in line with the catalog it works by: standing
 * and periodic obligations exist for the current year, open obligations follow the item's
 * current rules (a move records why), and item names follow the catalog's current version.
 * Event obligations come from registerEvent; calendar corrections from recomputeDueDates.
 */

interface SyncResult {
  created: number;
  moved: number;
}

const basisOf = (item: EffectiveItem): DueBasis => ({ rules: item.rules, promptDays: item.promptDays });

/** The scheduled (standing and periodic) obligations an item calls for, up to the end of this year. */
function scheduledSeeds(org: OrgRow, item: EffectiveItem, adoptedOn: string, today: string): ObligationSeed[] {
  const basis = basisOf(item);
  const plan = planOf(item.rules);
  const base = { districtCode: org.districtCode, orgId: org.id, item: { id: item.id, itemKey: item.itemKey, name: item.name, seq: item.seq }, basis };
  const seeds: ObligationSeed[] = [];
  if (plan.standing) seeds.push({ ...base, kind: 'standing', naturalKey: 'standing', anchorOn: adoptedOn });
  if (plan.periodic) {
    const thisYear = Number(today.slice(0, 4));
    for (let year = Math.max(Number(adoptedOn.slice(0, 4)), thisYear - 1); year <= thisYear; year++) {
      for (const period of periodsOfYear(plan.periodic.every, year)) {
        if (period.end < adoptedOn) continue;
        seeds.push({ ...base, kind: 'periodic', naturalKey: `period:${period.key}`, periodKey: period.key, anchorOn: period.start });
      }
    }
  }
  return seeds;
}

/** Open obligations made under other rules follow the item's current rules; returns how many moved. */
async function followRules(tx: Executor, now: ComplianceNow, org: OrgRow, item: EffectiveItem): Promise<number> {
  const basis = basisOf(item);
  const hash = basisHash(basis);
  let moved = 0;
  for (const row of await repo.listOpen(tx, org.id, item.itemKey)) {
    const itemRef = { itemId: item.id, itemName: item.name, itemSeq: item.seq };
    if (basisHash(row.basis) === hash) {
      if (row.itemId !== item.id || row.itemName !== item.name) await repo.updateObligation(tx, row.id, itemRef);
      continue;
    }
    const r = recompute(now, row, basis);
    const note = r.moved ? moveNote(r.fromDue, r.toDue, ruleReason(row.basis, basis)) : row.movedNote;
    await repo.updateObligation(tx, row.id, { ...r.values, ...itemRef, movedNote: note, movedAt: r.moved ? now.now : row.movedAt });
    if (r.moved) {
      moved++;
      await repo.insertDueChange(tx, { districtCode: row.districtCode, obligationId: row.id, fromDue: r.fromDue, toDue: r.toDue, reason: note ?? '', at: now.now });
    }
  }
  return moved;
}

/** Syncs one community. `adoptedOn` applies only the first time (the demo backdates it). */
export async function syncCommunity(deps: Deps, org: OrgRow, opts: { now?: ComplianceNow; adoptedOn?: string; actor?: AuditActor } = {}): Promise<SyncResult> {
  if (org.kind !== 'community') return { created: 0, moved: 0 };
  const effective = await effectiveCatalogFor(deps, org);
  if (!effective) return { created: 0, moved: 0 };
  const now = opts.now ?? (await complianceNow(deps, org.districtCode));
  return deps.db.transaction(async (tx) => {
    await repo.lockSync(tx, org.id);
    const sync = await repo.findSync(tx, org.id);
    const adoptedOn = sync?.adoptedOn ?? opts.adoptedOn ?? beijingDate(effective.catalog.activatedAt ?? now.now);
    const existing = new Set((await repo.listScheduled(tx, org.id)).map((r) => `${r.itemKey}\u0000${r.naturalKey}`));
    let created = 0;
    let moved = 0;
    for (const item of effective.items) {
      for (const seed of scheduledSeeds(org, item, adoptedOn, now.today)) {
        if (existing.has(`${item.itemKey}\u0000${seed.naturalKey}`)) continue;
        if (await repo.insertObligation(tx, materialise(now, seed))) created++;
      }
      moved += await followRules(tx, now, org, item);
    }
    await repo.saveSync(tx, { orgId: org.id, districtCode: org.districtCode, adoptedOn, catalogId: effective.catalog.id, syncedOn: now.today, syncedAt: now.now });
    if (created > 0 || moved > 0) {
      const data = { org: org.code, catalog: effective.catalog.id, created, moved };
      await appendAudit(tx, opts.actor ?? SYSTEM_ACTOR, { action: 'compliance.sync', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data }, now.now);
    }
    return { created, moved };
  });
}

/**
 * Syncs every community under `path`. With `onlyStale`, a community already synced today is
 * skipped: dashboards call it on every view and the daily job does the real work.
 */
export async function syncUnder(deps: Deps, path = '/', opts: { onlyStale?: boolean; signal?: AbortSignal } = {}): Promise<SyncResult> {
  const communities = (await listOrgsFlat(deps, path)).filter((o) => o.kind === 'community');
  return opts.onlyStale ? syncStale(deps, communities.map((c) => c.id), opts.signal) : syncEach(deps, communities, opts.signal);
}

/**
 * The communities given (by id) that were not synced today, synced; only their rows are read.
 * Once the daily job has run this is one statement that returns no rows, however many
 * communities a dashboard covers.
 */
export async function syncStale(deps: Deps, ids: number[], signal?: AbortSignal): Promise<SyncResult> {
  if (ids.length === 0) return { created: 0, moved: 0 };
  const stale = await repo.notSyncedOn(deps.db.orm, ids, beijingDate(deps.clock.now()));
  return syncEach(deps, stale.length > 0 ? await findOrganisationsByIds(deps, stale) : [], signal);
}

/**
 * Each community in its own transaction. `signal` (the server stopping) ends the run between
 * two communities: a province's first sync takes minutes, and those not reached stay stale for
 * the next run.
 */
async function syncEach(deps: Deps, communities: OrgRow[], signal?: AbortSignal): Promise<SyncResult> {
  const total = { created: 0, moved: 0 };
  const nows = new Map<string, ComplianceNow>(); // one calendar per district, read once
  for (const org of communities) {
    signal?.throwIfAborted();
    if (org.kind !== 'community') continue;
    const now = nows.get(org.districtCode) ?? (await complianceNow(deps, org.districtCode));
    nows.set(org.districtCode, now);
    const r = await syncCommunity(deps, org, { now });
    total.created += r.created;
    total.moved += r.moved;
  }
  return total;
}
