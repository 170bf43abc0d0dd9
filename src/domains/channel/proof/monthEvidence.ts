/**
 * The evidence dashboards: per record published in a Beijing month, which required channels have
 * proof of posting; per community of an admin's area, how many of that month's records are fully
 * disclosed. Every record of the month counts, however many there are.
 */
import type { Deps } from '../../../platform/context.ts';
import { listOrgsFlat, type OrgRow, type SessionUser } from '../../org/index.ts';
import * as repo from '../repository.ts';
import { beijingMonth, type RecordSource } from '../source.ts';
import { evidenceFor, type RecordEvidence } from './evidence.ts';

export interface MonthRow {
  id: string;
  title: string;
  itemName: string;
  publishedAt: Date;
  evidence: RecordEvidence;
}

export interface AreaRow {
  code: string;
  name: string;
  records: number;
  complete: number;
}

/** The community's screens by id, to name them in the evidence. */
export async function screenNames(deps: Deps, orgId: number): Promise<Map<number, string>> {
  return new Map((await repo.listScreens(deps.db.orm, orgId)).map((s) => [s.id, s.name]));
}

/** The records of `org` first published in `month` ('2026-11') as `viewer` sees them, newest first, with their evidence. */
export async function monthEvidence(deps: Deps, source: RecordSource, org: OrgRow, viewer: SessionUser, month: string): Promise<MonthRow[]> {
  const views = await source.published(deps, org, viewer, beijingMonth(month));
  const evidence = await evidenceFor(deps, views, await screenNames(deps, org.id));
  return views.map((v) => ({ id: v.id, title: v.title, itemName: v.itemName, publishedAt: v.publishedAt, evidence: evidence.get(v.id)! }));
}

/** Per community under the admin: the month's records and how many have proof on every required channel. */
export async function areaEvidence(deps: Deps, source: RecordSource, admin: SessionUser, month: string): Promise<AreaRow[]> {
  const communities = (await listOrgsFlat(deps, admin.orgPath)).filter((o) => o.kind === 'community');
  const rows: AreaRow[] = [];
  for (const c of communities) {
    const list = await monthEvidence(deps, source, c, admin, month);
    rows.push({ code: c.code, name: c.name, records: list.length, complete: list.filter((r) => r.evidence.complete).length });
  }
  return rows;
}
