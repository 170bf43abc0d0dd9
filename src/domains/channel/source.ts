/**
 * Where channels get records from: the record domain's exported readers, which hand out only
 * PublicRecordViews (masked, audience-checked, publicity expiry applied). Routes and jobs take a
 * RecordSource, so tests can also run them on fixtures.
 */
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { type PublicRecordView, itemRecords, publishedBetween, recentRecords, recordPage } from '../record/index.ts';

export type Found = { kind: 'ok'; view: PublicRecordView } | { kind: 'restricted' } | { kind: 'missing' };

/** Instants [from, to): a Beijing month, for example. */
export interface Period {
  from: Date;
  to: Date;
}

/** The instants of a Beijing calendar month, '2026-11' → [2026-11-01 00:00, 2026-12-01 00:00) +08:00. */
export function beijingMonth(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

export interface RecordSource {
  /** A community's published records for this viewer, newest first, withdrawn ones left out. */
  recent(deps: Deps, org: OrgRow, viewer: SessionUser | null, limit: number): Promise<PublicRecordView[]>;
  /** Every record of a community first published within the period for this viewer, newest first, withdrawn ones left out. No cap. */
  published(deps: Deps, org: OrgRow, viewer: SessionUser | null, period: Period): Promise<PublicRecordView[]>;
  /** One item's records in a community for this viewer, newest first (withdrawn ones keep their trace). */
  ofItem(deps: Deps, org: OrgRow, itemKey: string, viewer: SessionUser | null): Promise<PublicRecordView[]>;
  /** The current version of one record for this viewer. */
  find(deps: Deps, publicId: string, viewer: SessionUser | null): Promise<Found>;
}

export const recordSource: RecordSource = {
  recent: (deps, org, viewer, limit) => recentRecords(deps, { org }, viewer, limit),
  published: (deps, org, viewer, period) => publishedBetween(deps, org, viewer, period),
  ofItem: (deps, org, itemKey, viewer) => itemRecords(deps, org, itemKey, viewer),
  async find(deps, publicId, viewer) {
    try {
      const page = await recordPage(deps, publicId, viewer);
      return page.kind === 'ok' ? { kind: 'ok', view: page.current } : { kind: 'restricted' };
    } catch (err) {
      if (err instanceof NotFoundError) return { kind: 'missing' };
      throw err;
    }
  },
};

/**
 * How a signed-in resident of `org` sees its records: used to decide what reaches that
 * community's resident subscribers (特定群体 records stay inside the community).
 */
export function residentViewer(org: OrgRow): SessionUser {
  return { id: 0, username: 'system:channel', displayName: '订阅推送', role: 'resident', orgId: org.id, orgCode: org.code, orgName: org.name, orgKind: org.kind, orgPath: org.path, districtCode: org.districtCode };
}
