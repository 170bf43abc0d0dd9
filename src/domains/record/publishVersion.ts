import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import { bumpPublicVersion, schedulePublicChange, type OrgRow } from '../org/index.ts';
import type { StaffActor } from './access.ts';
import { recordPublished } from './complianceHooks.ts';
import { loadItemContext } from './itemContext.ts';
import { maskText } from './privacy/index.ts';
import { publicBody } from './present.ts';
import { assertListHasPublicity, publicityEnd, versionPublicity } from './publicity.ts';
import * as repo from './repository.ts';
import { displayCell } from './tables/cells.ts';
import { normaliseForSearch } from './synonyms.ts';

/** Everything a publication needs that is read before its transaction opens. */
interface PreparedPublication {
  record: repo.RecordRow;
  version: repo.VersionRow;
  values: Partial<repo.NewVersion>;
  previous: repo.VersionRow | null;
  itemId: number;
  /** What search will find: masked, normalised title (with the item name) and body (with table cells). */
  search: { title: string; body: string };
}

function searchBody(version: repo.VersionRow): string {
  const cells = version.tables.flatMap((t) => [t.caption, ...t.columns.map((c) => c.name), ...t.rows.flatMap((r) => t.columns.map((c, i) => displayCell(c.type, r[i] ?? null)))]);
  return [publicBody(version.bodyMd).text, ...cells.map((c) => maskText(c).text)].join('\n').slice(0, 200_000);
}

/**
 * Reads the item's rules as they stand at publication: personal list, audience and the 公示期
 * (from the first publication; a correction keeps the period the record started with).
 */
export async function preparePublication(deps: Deps, org: OrgRow, record: repo.RecordRow, version: repo.VersionRow, requestedAt: Date | null): Promise<PreparedPublication> {
  const now = deps.clock.now();
  const publishedAt = requestedAt && requestedAt > now ? requestedAt : now;
  const context = await loadItemContext(deps, org, record.itemKey);
  const versions = await repo.listVersions(deps.db.orm, record.id);
  const previous = versions.find((v) => v.version === record.currentVersion) ?? null;
  assertListHasPublicity(version, context);
  const rule = versionPublicity(version, context);
  let publicity: { endsOn: string | null; days: number | null; explanation: string | null } = { endsOn: null, days: null, explanation: null };
  if (previous?.publicityEndsOn) publicity = { endsOn: previous.publicityEndsOn, days: previous.publicityDays, explanation: previous.publicityExplanation };
  else if (rule) publicity = await publicityEnd(deps, record.districtCode, record.firstPublishedAt ?? publishedAt, rule);
  const values: Partial<repo.NewVersion> = {
    status: 'published',
    publishedAt,
    publicityEndsOn: publicity.endsOn,
    publicityDays: publicity.days,
    publicityExplanation: publicity.explanation,
    personalList: context?.personalList ?? version.personalList,
    audience: context?.audience ?? version.audience,
  };
  const search = {
    title: normaliseForSearch(`${maskText(version.title).text}\n${context?.item.name ?? record.itemName}`),
    body: normaliseForSearch(searchBody(version)),
  };
  return { record, version, values, previous, itemId: context?.item.id ?? record.itemId, search };
}

/** Makes the prepared version the one the public sees; the previous one stays as 更正 history. */
export async function publishPrepared(tx: Executor, deps: Deps, actor: StaffActor, p: PreparedPublication, extra: Partial<repo.NewVersion>): Promise<void> {
  const { record, version, values } = p;
  const publishedAt = values.publishedAt as Date;
  await repo.updateVersion(tx, version.id, { ...values, ...extra });
  if (p.previous) await repo.updateVersion(tx, p.previous.id, { status: 'superseded' });
  await repo.updateRecord(tx, record.id, { currentVersion: version.version, firstPublishedAt: record.firstPublishedAt ?? publishedAt });
  const audience = extra.audience ?? values.audience ?? version.audience;
  const personalList = extra.personalList ?? values.personalList ?? version.personalList;
  const listEndsOn = personalList ? (extra.publicityEndsOn ?? values.publicityEndsOn ?? null) : null;
  await repo.saveSearchText(tx, { recordId: record.id, orgId: record.orgId, orgPath: record.orgPath, audience, publishedAt, listEndsOn, ...p.search });
  await bumpPublicVersion(tx, record.orgId, 'content');
  // 定时发布: the pages change again when it goes live, with no write then.
  if (publishedAt > deps.clock.now()) await schedulePublicChange(tx, { path: record.orgPath }, publishedAt);
  await recordPublished(tx, deps, {
    orgId: record.orgId,
    districtCode: record.districtCode,
    itemId: p.itemId,
    itemKey: record.itemKey,
    recordId: record.id,
    publishedAt,
    ...(record.obligationId ? { obligationId: record.obligationId } : {}),
    publicityEndsOn: values.publicityEndsOn ?? null,
  });
  await appendAudit(
    tx,
    actor,
    {
      action: p.previous ? 'record.correct_publish' : 'record.publish',
      subjectType: 'record',
      subjectId: record.id,
      districtCode: record.districtCode,
      data: { version: version.version, publishedAt: publishedAt.toISOString(), review: extra.reviewSkipped ? 'off' : 'approved', publicityEndsOn: values.publicityEndsOn ?? null, personalList: values.personalList, audience: values.audience },
    },
    deps.clock.now(),
  );
}
