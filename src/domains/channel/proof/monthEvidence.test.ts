/**
 * The month's evidence reads the records of that month by their date of first publication, on
 * both databases: every one of them however many the month has, and none of another month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../../test/support/db.ts';
import { addUser, sessionUser } from '../../../../test/support/fixtures.ts';
import { seedSeedCatalogs } from '../../../../test/support/compliance.ts';
import { publishRecord } from '../../../../test/support/channelRecords.ts';
import { findOrganisation, type OrgRow, type SessionUser } from '../../org/index.ts';
import { beijingMonth, recordSource } from '../source.ts';
import { areaEvidence, monthEvidence } from './monthEvidence.ts';


describe.each(databaseKinds)('month evidence on $name', (kind) => {
  let deps: TestDeps;
  let org: OrgRow;
  let editor: SessionUser;
  const october: string[] = [];
  const november: string[] = [];

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-10-30T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    await addUser(deps, 'yanan-supervisor', 'supervisor', '220202004001');
    const publish = (title: string) => publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '财务收支情况', title, body: '本月收入 12,000 元，支出 3,200 元。', publicity: false });
    for (const n of [1, 2]) october.push(await publish(`十月公开 ${n}`));
    // 2026-10-31 23:59 Beijing is still October; one minute later it is November.
    deps.clock.advanceMinutes(((31 - 30) * 24 + 14) * 60 + 59);
    october.push(await publish('十月最后一分钟'));
    deps.clock.advanceMinutes(1);
    for (const n of [1, 2, 3, 4, 5]) november.push(await publish(`十一月公开 ${n}`));
    deps.clock.advanceMinutes(3 * 1440);
    org = (await findOrganisation(deps, '220202004001'))!;
    editor = await sessionUser(deps, 'yanan-editor');
  });
  afterAll(async () => deps?.dispose());

  it('counts every record of the month, newest first, with no row limit', async () => {
    const all = await monthEvidence(deps, recordSource, org, editor, '2026-11');
    expect(all.map((r) => r.id).sort()).toEqual([...november].sort());
    expect(all.map((r) => r.publishedAt.getTime())).toEqual([...all.map((r) => r.publishedAt.getTime())].sort((a, b) => b - a));
  });

  it('leaves out the records of other months, to the minute (Beijing time)', async () => {
    const oct = await monthEvidence(deps, recordSource, org, editor, '2026-10');
    expect(oct.map((r) => r.id).sort()).toEqual([...october].sort());
    expect(await monthEvidence(deps, recordSource, org, editor, '2026-09')).toEqual([]);
    expect(await monthEvidence(deps, recordSource, org, editor, '2026-12')).toEqual([]);
    expect(beijingMonth('2026-12')).toEqual({ from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') });
  });

  it('sums the month per community of an admin’s area', async () => {
    const rows = await areaEvidence(deps, recordSource, await sessionUser(deps, 'yanan-street'), '2026-11');
    expect(rows.find((r) => r.code === '220202004001')).toMatchObject({ records: november.length });
    expect(rows.filter((r) => r.code !== '220202004001').every((r) => r.records === 0)).toBe(true);
  });
});
