import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, draftRecord, PEOPLE, publishRecord, seedRecordWorld, sessionUser } from '../../../test/support/records.ts';
import { startCorrection, withdrawRecord } from './correctRecord.ts';
import { approveRecord, returnRecord } from './reviewRecord.ts';
import { setReviewRequired } from './reviewSettings.ts';
import { saveDraft } from './saveDraft.ts';
import { staffRecord } from './staffView.ts';
import { submitRecord } from './submitRecord.ts';
import * as repo from './repository.ts';
import { listItemContexts } from './itemContext.ts';
import { findOrganisation } from '../org/index.ts';

describe.each(databaseKinds)('the review workflow on $name', (kind) => {
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

  const statusOf = async (id: number) => (await repo.listVersions(deps.db.orm, id)).map((v) => `${v.version}:${v.status}`);
  const auditActions = async (id: number) =>
    (await queryRows<{ action: string }>(deps.db.orm, sql`select action from audit_log where subject_type = 'record' and subject_id = ${String(id)} order by id`)).map((r) => r.action);

  it('goes draft → submitted → returned → submitted → published, each step audited', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '2026年10月财务收支', bodyMd: '本月收入 **1200** 元。' });
    expect(await statusOf(id)).toEqual(['1:draft']);
    expect(await submitRecord(deps, await actor(deps, 'editor-a'), id)).toBe('submitted');
    await expect(saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '改标题' })).rejects.toBeInstanceOf(ConflictError);
    await returnRecord(deps, await actor(deps, 'supervisor-a'), id, { comment: '请补充支出明细' });
    expect(await statusOf(id)).toEqual(['1:returned']);
    await saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '2026年10月财务收支', bodyMd: '收入 1200 元，支出 300 元。' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, { comment: '同意' });
    expect(await statusOf(id)).toEqual(['1:published']);
    expect(await auditActions(id)).toEqual(['record.create', 'record.save', 'record.submit', 'record.return', 'record.save', 'record.submit', 'record.approve', 'record.publish']);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
    const page = await new Agent(app).get(`/r/${(await repo.findRecord(deps.db.orm, id))!.publicId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('收入 1200 元，支出 300 元。');
  });

  it('refuses self-approval and approval by anyone but a supervisor of the community', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '自审测试', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await expect(approveRecord(deps, await actor(deps, 'editor-a'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveRecord(deps, await actor(deps, 'supervisor-b'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveRecord(deps, await actor(deps, 'district'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
    // Over HTTP the editor gets the page back with the refusal, and nothing changed.
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    await editor.get(`/staff/records/${id}`);
    const res = await editor.post(`/staff/records/${id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('只有本社区（村）居务监督委员会成员可以审核');
    expect(await statusOf(id)).toEqual(['1:submitted']);
  });

  it('does not let a supervisor review a version they submitted themselves', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '提交人即审核人', bodyMd: '内容' });
    const version = (await repo.listVersions(deps.db.orm, id))[0]!;
    const supervisor = await sessionUser(deps, 'supervisor-a');
    await repo.updateVersion(deps.db.orm, version.id, { status: 'submitted', submittedById: supervisor.id });
    await expect(approveRecord(deps, await actor(deps, 'supervisor-a'), id, {})).rejects.toThrow('不能审核自己起草或提交的记录');
    await approveRecord(deps, await actor(deps, 'supervisor-a2'), id, {});
  });

  // Once a loaded machine let both of two editors through: the second checked for an open draft
  // just before the first's committed. Four at once on three records widen that window.
  it('lets one of several editors correcting the same record at once win, and tells the others with a 409', async () => {
    const editor = await actor(deps, 'editor-a');
    for (const n of [1, 2, 3]) {
      const id = await publishRecord(deps, 'a', '财务收支情况', { title: `更正竞争${n}`, bodyMd: '内容' });
      const results = await Promise.allSettled([1, 2, 3, 4].map((k) => startCorrection(deps, editor, id, { correctionNote: `更正金额${k}` })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const lost of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(ConflictError);
        expect((lost.reason as ConflictError).statusCode).toBe(409);
      }
      expect((await repo.listVersions(deps.db.orm, id)).filter((v) => v.status === 'draft')).toHaveLength(1);
    }
  });

  // A return that checked the state before an approval committed once marked the published
  // version 退回, which took the record off its public page while both supervisors saw success.
  it('lets one of two supervisors approving and returning at once win; the record stays consistent', async () => {
    const editor = await actor(deps, 'editor-a');
    const [first, second] = await Promise.all([actor(deps, 'supervisor-a'), actor(deps, 'supervisor-a2')]);
    for (const n of [1, 2, 3]) {
      const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: `审核竞争${n}`, bodyMd: '内容' });
      await submitRecord(deps, editor, id);
      const [approved, returned] = await Promise.allSettled([approveRecord(deps, first, id, {}), returnRecord(deps, second, id, { comment: '请补充附件' })]);
      expect([approved.status, returned.status].sort()).toEqual(['fulfilled', 'rejected']);
      const lost = (approved.status === 'rejected' ? approved : returned) as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      const record = (await repo.findRecord(deps.db.orm, id))!;
      const versions = await repo.listVersions(deps.db.orm, id);
      if (approved.status === 'fulfilled') {
        expect(versions.map((v) => v.status)).toEqual(['published']);
        expect(record.currentVersion).toBe(versions[0]!.version);
      } else {
        expect(versions.map((v) => v.status)).toEqual(['returned']);
        expect(record.currentVersion).toBeNull();
      }
    }
  });

  it('refuses transitions from the wrong state', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '状态测试', bodyMd: '内容' });
    const editor = await actor(deps, 'editor-a');
    const supervisor = await actor(deps, 'supervisor-a');
    await expect(approveRecord(deps, supervisor, id, {})).rejects.toBeInstanceOf(ConflictError); // a draft
    await expect(returnRecord(deps, supervisor, id, { comment: '退回' })).rejects.toBeInstanceOf(ConflictError);
    await expect(startCorrection(deps, editor, id, { correctionNote: '更正金额' })).rejects.toBeInstanceOf(ConflictError);
    await expect(withdrawRecord(deps, editor, id, { reason: '不应发布' })).rejects.toBeInstanceOf(ConflictError);
    await submitRecord(deps, editor, id);
    await expect(submitRecord(deps, editor, id)).rejects.toBeInstanceOf(ConflictError);
    await approveRecord(deps, supervisor, id, {});
    await expect(approveRecord(deps, supervisor, id, {})).rejects.toBeInstanceOf(ConflictError);
    await expect(submitRecord(deps, editor, id)).rejects.toBeInstanceOf(ConflictError); // published: nothing open
    await expect(saveDraft(deps, editor, id, { title: '直接改已发布内容' })).rejects.toBeInstanceOf(ConflictError);
    await withdrawRecord(deps, editor, id, { reason: '信息有误，重新发布' });
    await expect(startCorrection(deps, editor, id, { correctionNote: '更正金额' })).rejects.toBeInstanceOf(ConflictError);
    await expect(withdrawRecord(deps, editor, id, { reason: '再撤一次' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('requires a comment to return and a non-empty record to submit', async () => {
    const empty = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '空记录' });
    await expect(submitRecord(deps, await actor(deps, 'editor-a'), empty)).rejects.toThrow('记录还没有内容');
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '退回需要意见', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await expect(returnRecord(deps, await actor(deps, 'supervisor-a'), id, { comment: '' })).rejects.toThrow('退回时请写明需要修改的地方');
  });

  it('hides drafts from a supervisor of another community, residents and the public', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '草稿不外露', bodyMd: '草稿内容' });
    await expect(staffRecord(deps, await sessionUser(deps, 'supervisor-b'), id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(staffRecord(deps, await sessionUser(deps, 'resident-a'), id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await staffRecord(deps, await sessionUser(deps, 'street-a'), id)).record.id).toBe(id);
    const other = new Agent(app);
    await other.login('supervisor-b', PASSWORD);
    expect((await other.get(`/staff/records/${id}`)).statusCode).toBe(404);
    expect((await other.get('/staff/records')).body).not.toContain('草稿不外露');
    expect((await other.get('/staff/review')).body).not.toContain('草稿不外露');
    const publicId = (await repo.findRecord(deps.db.orm, id))!.publicId;
    expect((await new Agent(app).get(`/r/${publicId}`)).statusCode).toBe(404);
  });

  it('publishes at once when the district admin turned review off, and the audit log says so', async () => {
    await expect(setReviewRequired(deps, await actor(deps, 'street-a'), '220202002001', false)).rejects.toBeInstanceOf(ForbiddenError);
    const admin = new Agent(app);
    await admin.login('district', PASSWORD);
    await admin.get('/staff/review-settings');
    expect((await admin.post('/staff/review-settings', { orgCode: '220202002001', required: '0' })).statusCode).toBe(303);
    const id = await draftRecord(deps, 'editor-b', '财务收支情况', { title: '无需审核', bodyMd: '内容' });
    expect(await submitRecord(deps, await actor(deps, 'editor-b'), id)).toBe('published');
    const version = (await repo.listVersions(deps.db.orm, id))[0]!;
    expect(version).toMatchObject({ status: 'published', reviewSkipped: true, reviewerId: null });
    const rows = await queryRows<{ action: string; data: { review?: string } }>(
      deps.db.orm,
      sql`select action, data from audit_log where action in ('record.review_off', 'record.publish') and (subject_id = '220202002001' or subject_id = ${String(id)}) order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['record.review_off', 'record.publish']);
    expect(rows[1]!.data.review).toBe('off');
    await setReviewRequired(deps, await actor(deps, 'district'), '220202002001', true);
  });

  // With review off, 提交 publishes: a double click once published the same version twice.
  it('publishes a double-clicked submission once when review is off', async () => {
    await setReviewRequired(deps, await actor(deps, 'district'), '220202002001', false);
    const editor = await actor(deps, 'editor-b');
    for (const n of [1, 2, 3]) {
      const id = await draftRecord(deps, 'editor-b', '财务收支情况', { title: `双击提交${n}`, bodyMd: '内容' });
      const results = await Promise.allSettled([submitRecord(deps, editor, id), submitRecord(deps, editor, id)]);
      expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(['published']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect((await auditActions(id)).filter((a) => a === 'record.publish')).toHaveLength(1);
    }
    await setReviewRequired(deps, await actor(deps, 'district'), '220202002001', true);
  });

  // A save landing while 提交 (review off) checked the draft for personal numbers was published
  // unchecked: the check read the draft before the save, the publication took the row after it.
  it('publishes only content its privacy check saw when a save races 提交', async () => {
    await setReviewRequired(deps, await actor(deps, 'district'), '220202002001', false);
    const editor = await actor(deps, 'editor-b');
    for (const n of [1, 2, 3]) {
      const id = await draftRecord(deps, 'editor-b', '财务收支情况', { title: `提交时保存${n}`, bodyMd: '内容' });
      await Promise.allSettled([submitRecord(deps, editor, id), saveDraft(deps, editor, id, { title: `提交时保存${n}`, bodyMd: `经办人身份证 ${PEOPLE[0]!.id}` })]);
      const published = (await repo.listVersions(deps.db.orm, id)).find((v) => v.status === 'published');
      if (published) expect(published.bodyMd).not.toContain(PEOPLE[0]!.id);
    }
    await setReviewRequired(deps, await actor(deps, 'district'), '220202002001', true);
  });

  it('publishes at a set time: invisible before it, visible after', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '定时发布的记录', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    const at = await approveRecord(deps, await actor(deps, 'supervisor-a'), id, { publishAt: '2026-11-03T08:00' });
    expect(at.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    const publicId = (await repo.findRecord(deps.db.orm, id))!.publicId;
    expect((await new Agent(app).get(`/r/${publicId}`)).statusCode).toBe(404);
    expect((await new Agent(app).get('/o/220202001001')).body).not.toContain('定时发布的记录');
    deps.clock.set('2026-11-03T08:01:00+08:00');
    expect((await new Agent(app).get(`/r/${publicId}`)).statusCode).toBe(200);
    expect((await new Agent(app).get('/o/220202001001')).body).toContain('定时发布的记录');
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });

  it('withdraws with a public reason: the content leaves, the trace stays', async () => {
    const id = await publishRecord(deps, 'a', '财务收支情况', { title: '将被撤回的记录', bodyMd: '撤回前的正文' });
    await withdrawRecord(deps, await actor(deps, 'supervisor-a'), id, { reason: '数据录入错误，核实后重新发布' });
    const page = await new Agent(app).get(`/r/${(await repo.findRecord(deps.db.orm, id))!.publicId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本记录已于 2026年11月2日 撤回');
    expect(page.body).toContain('数据录入错误，核实后重新发布');
    expect(page.body).not.toContain('撤回前的正文');
  });

  it('opens the editor from an obligation link, and refuses an unknown obligation', async () => {
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const res = await editor.get('/staff/records/new?obligation=999999');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('这项待公开义务已经完成或不属于本社区');
    const created = await editor.post('/staff/records/new', { itemId: '1', title: '不存在的义务', obligationId: '999999' });
    expect(created.statusCode).toBe(404);
  });

  it('lets the admin who owns the catalog mark items as personal lists, defaulting from the words', async () => {
    const org = (await findOrganisation(deps, '220202001001'))!;
    const before = await listItemContexts(deps, org);
    expect(before.map((c) => [c.item.name, c.personalList, c.personalListSet])).toEqual([
      ['低保对象名单', true, false],
      ['临时救助名单', true, false],
      ['财务收支情况', false, false],
    ]);
    const street = new Agent(app);
    await street.login('street-a', PASSWORD);
    const page = await street.get('/staff/record-items?org=220202001001');
    expect(page.body).toContain('您不能修改这份目录清单的设置');
    expect((await street.post('/staff/record-items?org=220202001001', { [`pl_${before[2]!.item.id}`]: '1' })).statusCode).toBe(403);
    const admin = new Agent(app);
    await admin.login('district', PASSWORD);
    await admin.get('/staff/record-items?org=220202001001');
    const saved = await admin.post('/staff/record-items?org=220202001001', { [`pl_${before[0]!.item.id}`]: '1', [`pl_${before[2]!.item.id}`]: '1' });
    expect(saved.statusCode).toBe(303);
    const after = await listItemContexts(deps, org);
    expect(after.map((c) => [c.personalList, c.personalListSet])).toEqual([[true, false], [false, true], [true, true]]);
    expect((await listItemContexts(deps, (await findOrganisation(deps, '220202002001'))!)).map((c) => c.personalList)).toEqual([true, false, true]);
    await admin.get('/staff/record-items?org=220202001001');
    await admin.post('/staff/record-items?org=220202001001', { [`pl_${before[0]!.item.id}`]: '1', [`pl_${before[1]!.item.id}`]: '1' });
  });
});
