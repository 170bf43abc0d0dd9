import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { org, seedSeedCatalogs, sessionUser } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor, importCatalog } from '../catalog/index.ts';
import { syncCommunity } from './syncObligations.ts';
import * as repo from './repository.ts';
import { listNotifications } from './supervisionRepository.ts';

describe.each(databaseKinds)('adopting the district catalog on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  const as = async (username: string) => {
    const agent = new Agent(app);
    expect((await agent.login(username, PASSWORD)).statusCode).toBe(303);
    return agent;
  };

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-10-09T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    // 文化社区 keeps a list of its own (厂口's layout), made before the district template reached it.
    await importCatalog(deps, { id: null, name: 'test', ip: null, user: null }, { fileName: 'changkou-wuhua.txt', bytes: readFileSync('data/catalogs/changkou-wuhua.txt'), orgCode: '220202005001', activate: true });
    await syncCommunity(deps, await org(deps, '220202005001'), { adoptedOn: '2025-10-01' });
    app = await buildApp(deps, { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  it('shows which list each community follows, lets the community ask, previews and moves it, audited', async () => {
    const admin = await as('changyi-admin');
    expect((await admin.get('/staff')).body).toContain('href="/staff/compliance/adoption"');
    const list = await admin.get('/staff/compliance/adoption');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/data-org="220202005001">.*社区自有清单/);
    expect(list.body).toMatch(/data-org="220202004001">.*沿用吉林市昌邑区/);

    const editor = await as('wenhua-editor');
    const own = await editor.get('/staff/compliance/adoption/220202005001');
    expect(own.body).toContain('申请改用吉林市昌邑区目录清单');
    expect(own.body).not.toContain('确认改用');
    expect((await editor.post('/staff/compliance/adoption/220202005001', {})).statusCode).toBe(403);
    expect((await editor.post('/staff/compliance/adoption/220202005001/request', {})).statusCode).toBe(303);
    const notices = await listNotifications(deps.db.orm, (await sessionUser(deps, 'changyi-admin')).id);
    expect(notices.find((n) => n.kind === 'adoption_request')?.link).toBe('/staff/compliance/adoption/220202005001');

    const community = await org(deps, '220202005001');
    const openBefore = await repo.listOpen(deps.db.orm, community.id);
    expect(openBefore.length).toBeGreaterThan(0);
    const preview = await admin.get('/staff/compliance/adoption/220202005001');
    expect(preview.body).toContain('【不再要求】社区简介');
    expect(preview.body).toContain('改用后不再要求');
    const street = await as('wenhua-street');
    expect((await street.post('/staff/compliance/adoption/220202005001', {})).statusCode).toBe(403);

    await admin.get('/staff/compliance/adoption/220202005001');
    const moved = await admin.post('/staff/compliance/adoption/220202005001', {});
    expect(moved.statusCode).toBe(303);
    const effective = await effectiveCatalogFor(deps, community);
    expect(effective).toMatchObject({ own: false, owner: { code: '220202' } });
    const openAfter = await repo.listOpen(deps.db.orm, community.id);
    const keys = new Set(effective!.items.map((i) => i.itemKey));
    expect(openAfter.every((o) => keys.has(o.itemKey))).toBe(true);
    const [audit] = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from audit_log where action in ('catalog.adopt_template', 'compliance.adoption', 'compliance.adoption_request') and subject_id = '220202005001'`);
    expect(audit!.n).toBe(3);
    expect((await admin.get('/staff/compliance/adoption')).body).toMatch(/data-org="220202005001">.*沿用吉林市昌邑区/);
    expect((await admin.post('/staff/compliance/adoption/220202005001', {})).statusCode).toBe(409);
  });
});
