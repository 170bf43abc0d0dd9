/*
 * Issue 14: the organisation tree is kept between requests (a province's 10,000 rows cost ~140 ms
 * per front page to read); an organisation added anywhere under a path shows in its tree at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { seedTwoStreets } from '../../../test/support/fixtures.ts';
import { addOrganisation } from './addOrganisation.ts';
import { listOrgTree, type OrgNode } from './orgTree.ts';

const codes = (nodes: OrgNode[]): string[] => nodes.flatMap((n) => [n.code, ...codes(n.children)]);

describe.each(databaseKinds)('the kept organisation tree on $name', (kind) => {
  let deps: TestDeps;
  const system = { id: null, name: 'test', ip: null, user: null };

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('reads the rows once, then one statement while nothing changes', async () => {
    const first = await listOrgTree(deps);
    let statements = 0;
    const stop = deps.db.observe(() => statements++);
    const again = await listOrgTree(deps);
    stop();
    expect(again).toBe(first);
    expect(statements).toBe(1);
  });

  it('shows a new community in the whole tree and in its district’s and street’s subtrees at once', async () => {
    const before = { all: await listOrgTree(deps), district: await listOrgTree(deps, '/220202/'), other: await listOrgTree(deps, '/220202/220202002/') };
    await addOrganisation(deps, system, { code: '220202001009', name: '新建社区', kind: 'community', parentCode: '220202001' });
    expect(codes(await listOrgTree(deps))).toContain('220202001009');
    const [district] = await listOrgTree(deps, '/220202/');
    expect(codes([district!])).toEqual([...codes(before.district), '220202001009'].sort());
    expect(district!.children.find((s) => s.code === '220202001')!.children.map((c) => c.name)).toContain('新建社区');
    // A subtree the new community is not under stays as it was.
    expect(await listOrgTree(deps, '/220202/220202002/')).toBe(before.other);
  });
});
