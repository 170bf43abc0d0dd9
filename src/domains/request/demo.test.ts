import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { demoDatabase } from '../../../test/support/demo.ts';
import { sessionUser } from '../../../test/support/fixtures.ts';
import { caseQueue, recordObjections } from './index.ts';

describe.each(databaseKinds)('demo requests on $name', (kind) => {
  let deps: TestDeps;

  beforeAll(async () => {
    deps = await demoDatabase(kind, { at: '2026-11-20T10:00:00+08:00' });
  }, 180_000);
  afterAll(async () => deps.dispose());

  it('gives the street a late request, one waiting for 补正 and a closed one, and a 低保 list a 疑义 trail', async () => {
    const street = await caseQueue(deps, await sessionUser(deps, 'yanan-street'));
    const byState = street.filter((c) => c.kind === 'disclosure').map((c) => c.state).sort();
    expect(byState).toEqual(['closed', 'correction_requested', 'received']);
    const late = street.find((c) => c.state === 'received' && c.kind === 'disclosure')!;
    expect(late.dueOn! < '2026-11-20').toBe(true);
    const objections = street.filter((c) => c.kind === 'objection');
    expect(objections).toHaveLength(2);
    const trail = await recordObjections(deps, objections[0]!.recordId!);
    expect(trail.map((t) => t.outcome)).toContain('更正');
    const changkou = await caseQueue(deps, await sessionUser(deps, 'changkou-supervisor'));
    expect(changkou.map((c) => c.kind)).toEqual(['query']);
  });
});
