/*
 * The newest publications (community page, feeds, screens): withdrawn records are left out in
 * SQL, so a list is never short because its newest records were withdrawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, publishRecord, seedRecordWorld } from '../../../test/support/records.ts';
import { findOrganisation } from '../org/index.ts';
import { withdrawRecord } from './correctRecord.ts';
import { recentRecords, recentSummaries } from './readRecords.ts';

describe.each(databaseKinds)('the newest publications of a community on $name', (kind) => {
  let deps: TestDeps;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4]) ids.push(await publishRecord(deps, 'a', '财务收支情况', { title: `第${n}季度财务公开`, bodyMd: '收支明细见附表。' }));
    const editor = await actor(deps, 'editor-a');
    // The two newest are withdrawn: a list of one read twice as many rows, both withdrawn, and
    // showed nothing at all.
    for (const id of ids.slice(2)) await withdrawRecord(deps, editor, id, { reason: '数字有误，核实后重新公示' });
  });
  afterAll(() => deps.dispose());

  it('fills the list with the newest records still shown, for anonymous readers and staff', async () => {
    const org = (await findOrganisation(deps, '220202001001'))!;
    const staff = (await actor(deps, 'editor-a')).user;
    for (const viewer of [null, staff]) {
      expect((await recentRecords(deps, { org }, viewer, 1)).map((v) => v.title)).toEqual(['第2季度财务公开']);
      expect((await recentSummaries(deps, { org }, viewer, 5)).map((v) => v.title)).toEqual(['第2季度财务公开', '第1季度财务公开']);
    }
  });
});
