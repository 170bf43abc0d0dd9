import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { createTestDeps, databaseKinds, withMeanwhile, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { pdfWith } from '../../../test/support/pdf.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, draftRecord, multipart, PEOPLE, seedRecordWorld } from '../../../test/support/records.ts';
import { addAttachment } from './draftFiles.ts';
import { approveRecord } from './reviewRecord.ts';
import { saveDraft } from './saveDraft.ts';
import { maskDraft, overridePrivacy, PrivacyBlockedError, submitRecord } from './submitRecord.ts';
import * as repo from './repository.ts';

async function listXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('低保名单');
  sheet.addRow(['2026年11月城乡低保新增对象名单']);
  sheet.addRow(['序号', '姓名', '身份证号', '联系电话', '保障人数', '月保障金（元）']);
  PEOPLE.forEach((p, i) => sheet.addRow([i + 1, p.name, p.id, p.mobile, i + 1, 480.5 * (i + 1)]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const RAW = [...PEOPLE.map((p) => p.id), ...PEOPLE.map((p) => p.mobile)];

describe.each(databaseKinds)('personal numbers never leave unmasked, on $name', (kind) => {
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

  it('blocks submission while the body holds a full ID or mobile number, until the editor masks it', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '联系人信息', bodyMd: `经办人张秀华，身份证 ${PEOPLE[0]!.id}，电话 ${PEOPLE[0]!.mobile}。` });
    const error = await submitRecord(deps, await actor(deps, 'editor-a'), id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivacyBlockedError);
    expect((error as Error).message).toContain('还有 2 处');
    expect((error as Error).message).toContain('110105********002X');
    expect((error as Error).message).not.toContain(PEOPLE[0]!.id);
    expect(await maskDraft(deps, await actor(deps, 'editor-a'), id)).toBe(2);
    const version = (await repo.listVersions(deps.db.orm, id))[0]!;
    expect(version.bodyMd).toBe('经办人张秀华，身份证 110105********002X，电话 138****5678。');
    expect(await submitRecord(deps, await actor(deps, 'editor-a'), id)).toBe('submitted');
  });

  it('blocks a number split over two table cells, as the public page reads the row across them', async () => {
    const [id6, rest] = [PEOPLE[2]!.id.slice(0, 6), PEOPLE[2]!.id.slice(6)];
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '领款人', bodyMd: '见下表。', tnew_text: `姓名\t证件前段\t证件后段\n王五\t${id6}\t${rest}` });
    const error = await submitRecord(deps, await actor(deps, 'editor-a'), id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrivacyBlockedError);
    expect((error as Error).message).toContain('几个单元格连起来是一个号码');
    expect((error as Error).message).not.toContain(PEOPLE[2]!.id);
  });

  it('lets a row of ordinary figures through: amounts side by side are not a number', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '收支', bodyMd: '见下表。', tnew_text: '项目\t收入\t支出\t结余\n办公\t138000\t12345678\t1500.00' });
    expect(await submitRecord(deps, await actor(deps, 'editor-a'), id)).toBe('submitted');
  });

  it('lets only a supervisor override, with a written reason, audited; an edit afterwards voids it', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '对公账户', bodyMd: `捐款账户 6222020200112345675，联系 ${PEOPLE[1]!.mobile}` });
    await expect(overridePrivacy(deps, await actor(deps, 'editor-a'), id, { reason: '这是社区对公账户，必须公开' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(overridePrivacy(deps, await actor(deps, 'supervisor-a'), id, { reason: '太短' })).rejects.toThrow('至少 10 个字');
    await overridePrivacy(deps, await actor(deps, 'supervisor-a'), id, { reason: '号码为社区办公电话与对公账户，经核实可以公开' });
    const [audit] = await queryRows<{ actor_name: string; data: { reason: string; findings: string[] } }>(deps.db.orm, sql`select actor_name, data from audit_log where action = 'record.privacy_override' and subject_id = ${String(id)}`);
    expect(audit!.actor_name).toBe('supervisor-a');
    expect(audit!.data.reason).toContain('对公账户');
    expect(JSON.stringify(audit!.data)).not.toContain(PEOPLE[1]!.mobile);
    await saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '对公账户', bodyMd: `捐款账户 6222020200112345675，联系 ${PEOPLE[1]!.mobile}。补充一句。` });
    await expect(submitRecord(deps, await actor(deps, 'editor-a'), id)).rejects.toBeInstanceOf(PrivacyBlockedError);
    await overridePrivacy(deps, await actor(deps, 'supervisor-a'), id, { reason: '号码为社区办公电话与对公账户，经核实可以公开' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a2'), id, {});
    const page = await new Agent(app).get(`/r/${(await repo.findRecord(deps.db.orm, id))!.publicId}`);
    expect(page.body).toContain('139****4321');
    expect(page.body).not.toContain(PEOPLE[1]!.mobile);
  });

  it('imports a list from .xlsx with its ID and phone columns masked before anything is stored', async () => {
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const id = await draftRecord(deps, 'editor-a', '低保对象名单', { title: '2026年11月低保新增对象公示', bodyMd: '现予公示。' });
    await editor.get(`/staff/records/${id}`);
    const form = multipart({ _csrf: editor.csrf! }, { name: '名单.xlsx', bytes: await listXlsx() });
    const res = await app.inject({ method: 'POST', url: `/staff/records/${id}/tables/import`, payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${editor.cookie('gk_session')}; gk_csrf=${editor.cookie('gk_csrf')}` } });
    expect(res.statusCode).toBe(303);
    const [version] = await repo.listVersions(deps.db.orm, id);
    const table = version!.tables[0]!;
    expect(table.caption).toBe('2026年11月城乡低保新增对象名单');
    expect(table.columns.map((c) => c.type)).toEqual(['integer', 'person_name', 'id_number', 'phone', 'integer', 'amount']);
    expect(table.rows[0]).toEqual([1, '张秀华', '110105********002X', '138****5678', 1, 48050]);
    const stored = JSON.stringify(await queryRows(deps.db.orm, sql`select * from record_versions where record_id = ${id}`));
    for (const raw of RAW) expect(stored).not.toContain(raw);
    const page = await editor.get(`/staff/records/${id}`);
    expect(page.body).toContain('110105********002X');
    expect(page.body).toContain('480.50 元');
    for (const raw of RAW) expect(page.body).not.toContain(raw);
  });

  it('refuses attachments whose content is not an accepted type, whatever their name', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '附件类型', bodyMd: '见附件' });
    await expect(addAttachment(deps, await actor(deps, 'editor-a'), id, { fileName: '报表.pdf', bytes: new TextEncoder().encode('not a pdf at all') })).rejects.toThrow('不是可接受的附件');
    await expect(addAttachment(deps, await actor(deps, 'editor-a'), id, { fileName: 'x.pdf', bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00') })).rejects.toThrow('不是可接受的附件');
  });

  it('stops a submission when a file is added after its privacy check, and a 21st file added meanwhile', async () => {
    const editor = await actor(deps, 'editor-a');
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '提交时添加附件', bodyMd: '详见附件。' });
    const dirty = { fileName: '名单原件.pdf', bytes: await pdfWith(`Zhang ${PEOPLE[1]!.id}`) };
    // The check passed on no files; the unmasked one landed before the submission was written.
    await expect(submitRecord(withMeanwhile(deps, () => addAttachment(deps, editor, id, dirty)), editor, id)).rejects.toThrow('附件刚刚有增减');
    await expect(submitRecord(deps, editor, id)).rejects.toThrow(PrivacyBlockedError);

    const full = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '附件上限', bodyMd: '见附图。' });
    const picture = (n: number) => ({ fileName: `图${n}.png`, bytes: PNG.sync.write(new PNG({ width: n, height: 1 })) });
    for (let n = 1; n <= 19; n++) await addAttachment(deps, editor, full, picture(n));
    // Both saw room for one more; the second to write is refused.
    await expect(addAttachment(withMeanwhile(deps, () => addAttachment(deps, editor, full, picture(20))), editor, full, picture(21))).rejects.toThrow('最多 20 个附件');
    const [version] = await repo.listVersions(deps.db.orm, full);
    expect(await repo.listAttachments(deps.db.orm, [version!.id])).toHaveLength(20);
  });

  it('keeps an attachment holding personal numbers away from the public, even after an override', async () => {
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '附件含身份证号', bodyMd: '详见附件。' });
    const clean = await addAttachment(deps, await actor(deps, 'editor-a'), id, { fileName: '说明.pdf', bytes: await pdfWith('Budget 2026: income 1200 yuan, spent 300 yuan.') });
    const dirty = await addAttachment(deps, await actor(deps, 'editor-a'), id, { fileName: '名单原件.pdf', bytes: await pdfWith(`Zhang ${PEOPLE[0]!.id} ${PEOPLE[0]!.mobile}`) });
    expect(clean.findings).toEqual([]);
    expect(dirty.findings.map((f) => f.kind)).toEqual(['id_card', 'mobile']);
    await expect(submitRecord(deps, await actor(deps, 'editor-a'), id)).rejects.toThrow('附件“名单原件.pdf”');
    await overridePrivacy(deps, await actor(deps, 'supervisor-a'), id, { reason: '原件须随记录存档，附件不对外公开' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const publicId = (await repo.findRecord(deps.db.orm, id))!.publicId;
    const page = await new Agent(app).get(`/r/${publicId}`);
    expect(page.body).toContain('说明.pdf');
    expect(page.body).not.toContain('名单原件.pdf');
    const ok = await new Agent(app).get(`/r/${publicId}/v/1/files/${clean.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect((await new Agent(app).get(`/r/${publicId}/v/1/files/${dirty.id}`)).statusCode).toBe(404);
  });

  it('keeps a picture off public pages until a supervisor has looked at it and released it, audited', async () => {
    const image = new PNG({ width: 4, height: 4 });
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '票据照片', bodyMd: '票据见附图。' });
    const picture = await addAttachment(deps, await actor(deps, 'editor-a'), id, { fileName: '票据.png', bytes: PNG.sync.write(image) });
    expect(picture.scanned).toBe(false);
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const publicId = (await repo.findRecord(deps.db.orm, id))!.publicId;
    const file = `/r/${publicId}/v/1/files/${picture.id}`;
    expect((await new Agent(app).get(`/r/${publicId}`)).body).not.toContain('票据.png');
    expect((await new Agent(app).get(file)).statusCode).toBe(404);

    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    expect((await editor.get(`/staff/records/${id}/attachments/${picture.id}`)).headers['content-type']).toBe('image/png');
    expect((await editor.post(`/staff/records/${id}/attachments/${picture.id}/release`, {})).statusCode).toBe(403);
    expect((await new Agent(app).get(file)).statusCode).toBe(404);

    const supervisor = new Agent(app);
    await supervisor.login('supervisor-a', PASSWORD);
    expect((await supervisor.get(`/staff/records/${id}`)).body).toContain('已查看，确认公开');
    expect((await supervisor.post(`/staff/records/${id}/attachments/${picture.id}/release`, {})).headers.location).toContain('done=released');
    expect((await new Agent(app).get(`/r/${publicId}`)).body).toContain('票据.png');
    expect((await new Agent(app).get(file)).statusCode).toBe(200);
    const audit = await queryRows<{ action: string }>(deps.db.orm, sql`select action from audit_log where subject_id = ${String(id)} and action = 'record.picture_release'`);
    expect(audit).toHaveLength(1);
  });

  it('never shows a full number on any public page of a published list', async () => {
    const rows = PEOPLE.map((p, i) => [String(i + 1), p.name, p.id, p.mobile, `备注：本人电话 ${p.mobile}`].join('\t')).join('\n');
    const id = await draftRecord(deps, 'editor-a', '低保对象名单', { title: '低保名单全面检查', bodyMd: '名单如下。', tnew_text: `序号\t姓名\t身份证号\t手机\t备注\n${rows}` });
    await maskDraft(deps, await actor(deps, 'editor-a'), id);
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const publicId = (await repo.findRecord(deps.db.orm, id))!.publicId;
    const pages = ['/', '/o/220202', '/o/220202001001', `/r/${publicId}`, '/o/220202001001/items/1', '/search?q=%E4%BD%8E%E4%BF%9D&org=220202', `/search?q=${PEOPLE[0]!.name}&org=220202001001`];
    for (const url of pages) {
      const res = await new Agent(app).get(url);
      expect(res.statusCode, url).toBe(200);
      for (const raw of RAW) expect(res.body, url).not.toContain(raw);
    }
    expect((await new Agent(app).get(`/r/${publicId}`)).body).toContain('220202********0010');
  });

  it('previews what the public will see, masked, live and without JavaScript, and keeps typed text on errors', async () => {
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '预览测试', bodyMd: '' });
    await editor.get(`/staff/records/${id}`);
    const typed = { title: '预览测试', bodyMd: `联系人身份证 ${PEOPLE[0]!.id}`, tnew_text: `姓名\t电话\n张三\t${PEOPLE[0]!.mobile}` };
    const live = await editor.post(`/staff/records/${id}/preview`, typed);
    expect(live.statusCode).toBe(200);
    expect(live.body).toMatch(/^<div id="preview"/);
    expect(live.body).toContain('110105********002X');
    expect(live.body).toContain('138****5678');
    for (const raw of RAW) expect(live.body).not.toContain(raw);
    const noJs = await editor.post(`/staff/records/${id}`, { ...typed, intent: 'preview' });
    expect(noJs.body).toContain('110105********002X');
    expect((await repo.listVersions(deps.db.orm, id))[0]!.bodyMd).toBe(''); // a preview saves nothing
    await editor.get(`/staff/records/${id}`);
    const bad = await editor.post(`/staff/records/${id}`, { title: '预览测试', bodyMd: '保留我输入的正文', tnew_text: '日期\t金额\n2026-10-30\t十元', t0_type0: 'date', intent: 'save' });
    expect(bad.statusCode).toBe(303); // the amount column was guessed as text: nothing to refuse
    await editor.get(`/staff/records/${id}`);
    const wrong = await editor.post(`/staff/records/${id}`, { title: '预览测试', bodyMd: '保留我输入的正文', t0_caption: '表', t0_text: '日期\t金额\n2026-10-30\t十元', t0_type1: 'amount', intent: 'save' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('“十元”不是金额');
    expect(wrong.body).toContain('保留我输入的正文');
  });
});
