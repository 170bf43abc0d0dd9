import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { findOrganisation } from '../org/index.ts';
import { findOpenObligation, listOpenObligations, registerEvent } from '../compliance/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, itemIdOf, seedRecordWorld } from '../../../test/support/records.ts';
import { withdrawRecord } from './correctRecord.ts';
import { approveRecord } from './reviewRecord.ts';
import { submitRecord } from './submitRecord.ts';
import * as repo from './repository.ts';
import { recordPage } from './readRecords.ts';
import { addProof } from '../channel/index.ts';

describe.each(databaseKinds)('records fulfil compliance obligations on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('opens the editor from the dashboard link, publishes, and the obligation is done; withdrawal reopens it', async () => {
    const org = (await findOrganisation(deps, '220202001001'))!;
    const itemId = await itemIdOf(deps, org.code, '低保对象名单');
    const obligation = await registerEvent(deps, await actor(deps, 'editor-a'), org, { itemId, kind: 'formed', occurredOn: '2026-10-30' });
    expect((await listOpenObligations(deps, org.id)).map((o) => o.id)).toContain(obligation.id);

    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const page = await editor.get(`/staff/records/new?obligation=${obligation.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('为应公开义务发布');
    expect(page.body).toMatch(new RegExp(`<option value="${itemId}" selected`));
    const created = await editor.post('/staff/records/new', { itemId: String(itemId), title: '低保初审对象名单公示', obligationId: String(obligation.id) });
    expect(created.statusCode).toBe(303);
    const recordId = Number(/\/staff\/records\/(\d+)/.exec(String(created.headers.location))![1]);
    expect((await repo.findRecord(deps.db.orm, recordId))!.obligationId).toBe(String(obligation.id));

    await editor.get(`/staff/records/${recordId}`);
    await editor.post(`/staff/records/${recordId}`, { title: '低保初审对象名单公示', bodyMd: '名单见下表。', publicity: '1', tnew_text: '姓名\t保障人数\n张三\t2', intent: 'save' });
    await submitRecord(deps, await actor(deps, 'editor-a'), recordId);
    expect(await findOpenObligation(deps, obligation.id)).not.toBeNull(); // submitted is not published
    await approveRecord(deps, await actor(deps, 'supervisor-a'), recordId, {});
    expect(await findOpenObligation(deps, obligation.id)).toBeNull();
    expect((await listOpenObligations(deps, org.id)).map((o) => o.id)).not.toContain(obligation.id);

    // Published is not yet fully disclosed: every channel the item requires needs evidence.
    const dashboard = `/staff/compliance/c/${org.code}?period=2026-11`;
    const before = await editor.get(dashboard);
    const required = Number(/公开渠道证据 0\/(\d+)/.exec(before.body)?.[1]);
    expect(required).toBeGreaterThan(0);
    const record = (await repo.findRecord(deps.db.orm, recordId))!;
    const published = await recordPage(deps, record.publicId, null);
    if (published.kind !== 'ok') throw new Error('record not public');
    const staff = { ...(await actor(deps, 'editor-a')), userId: null };
    for (const channel of published.view.requiredChannels) await addProof(deps, staff, org, published.view, { channel, postedAt: '2026-11-02T08:30', note: `已在${channel}发布` });
    expect((await editor.get(dashboard)).body).toContain(`已全部公开：${required} 个公开渠道都有证据`);

    await withdrawRecord(deps, await actor(deps, 'editor-a'), recordId, { reason: '名单有误，核实后重新公示' });
    expect(await findOpenObligation(deps, obligation.id)).not.toBeNull();
  });

  it('refuses an obligation of another community', async () => {
    const orgB = (await findOrganisation(deps, '220202002001'))!;
    const itemId = await itemIdOf(deps, orgB.code, '低保对象名单');
    const obligation = await registerEvent(deps, await actor(deps, 'editor-b'), orgB, { itemId, kind: 'formed', occurredOn: '2026-10-29' });
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    expect((await editor.get(`/staff/records/new?obligation=${obligation.id}`)).body).toContain('不属于本社区');
    expect((await editor.post('/staff/records/new', { itemId: String(itemId), title: '越界', obligationId: String(obligation.id) })).statusCode).toBe(404);
  });
});
