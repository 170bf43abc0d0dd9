import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { databaseKinds, createTestDeps, withMeanwhile, type TestDeps } from '../../../test/support/db.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { Agent } from '../../../test/support/http.ts';
import { pdfText, pdfWith, savePdf } from '../../../test/support/pdf.ts';
import { actor, multipart, PEOPLE, seedRecordWorld } from '../../../test/support/records.ts';
import { PNG } from 'pngjs';
import { addCaseFile } from './caseFiles.ts';

const NAME = '赵桂兰';
const PHONE = '13712349876';

describe.each(databaseKinds)('files attached to a reply on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
    await deps?.dispose();
  });

  /** Posts a file as the case page's form does, with the agent's session and CSRF token. */
  const upload = (agent: Agent, id: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}) => {
    const form = multipart({ _csrf: agent.csrf!, ...fields }, { name, bytes });
    return app.inject({ method: 'POST', url: `/staff/requests/${id}/files`, payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${agent.cookie('gk_session')}; gk_csrf=${agent.cookie('gk_csrf')}` } });
  };

  /** A resident's 查询 in the demo world, and its handler (supervisor-a) on the case page. */
  const openCase = async (subject: string, details: string) => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
    const resident = new Agent(app);
    const form = await resident.get('/o/220202001001/ask');
    const token = /name="_ft" value="([^"]+)"/.exec(form.body)![1]!;
    deps.clock.advanceMinutes(2);
    const sent = await resident.post('/o/220202001001/ask', { _ft: token, subject, details, name: NAME, phone: PHONE });
    const code = /aria-label="查询码">([2-9A-Z]{10})</.exec(sent.body)![1]!;
    const id = (await queryRows<{ id: string }>(deps.db.orm, sql`select id from request_cases where tracking_code = ${code}`))[0]!.id;
    const sup = new Agent(app);
    await sup.login('supervisor-a', PASSWORD);
    await sup.get(`/staff/requests/${id}`);
    return { id, code, sup };
  };

  it('the handler attaches, downloads and lists files in the letter; others cannot; the tracking page counts them without names', { timeout: 120_000 }, async () => {
    const { id, code, sup } = await openCase('2026年停车费收支', '请告知停车费收入和用途。');
    const clean = await pdfWith('Parking fees 2026: income 12000 yuan, spent 3000 yuan.');
    expect((await upload(sup, id, '停车费明细.pdf', clean)).statusCode).toBe(303);

    // A third party's ID number: refused until the handler confirms it may go to the applicant.
    const dirty = await pdfWith(`Li ${PEOPLE[1]!.id}`);
    const held = await upload(sup, id, '合同.pdf', dirty);
    expect(held.statusCode).toBe(400);
    expect(held.body).toContain('个人号码');
    expect(held.body).toContain('请勾选确认');
    expect(held.body).not.toContain(PEOPLE[1]!.id);
    // Too big: back on the case page with the limit in words.
    const big = await upload(sup, id, '扫描件.pdf', Buffer.concat([clean, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('单个文件不能超过 10 MB');
    expect(big.body).toContain('2026年停车费收支');

    const page = await sup.get(`/staff/requests/${id}`);
    expect(page.body).toContain('停车费明细.pdf');
    expect(page.body).not.toContain('合同.pdf');
    const fid = /\/staff\/requests\/\d+\/files\/(\d+)"/.exec(page.body)![1]!;
    const download = await sup.get(`/staff/requests/${id}/files/${fid}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, clean)).toBe(0);

    // Another community's staff and anonymous visitors get nothing.
    const other = new Agent(app);
    await other.login('supervisor-b', PASSWORD);
    await other.get('/staff/requests');
    expect((await other.get(`/staff/requests/${id}/files/${fid}`)).statusCode).toBe(403);
    expect((await upload(other, id, 'x.pdf', clean)).statusCode).toBe(403);
    expect((await other.post(`/staff/requests/${id}/files/${fid}/delete`, {})).statusCode).toBe(403);
    const anonymous = await new Agent(app).get(`/staff/requests/${id}/files/${fid}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/login');

    expect((await sup.post(`/staff/requests/${id}/steps/answer`, { replyText: '停车费收支见附件。' })).statusCode).toBe(303);
    const letter = await sup.get(`/staff/requests/${id}/letter`);
    expect(letter.body).toMatch(/附件：[\s\S]*停车费明细\.pdf/);
    const pdf = await sup.get(`/staff/requests/${id}/letter.pdf`);
    expect(pdfText(savePdf(pdf.rawPayload)).join('\n')).toContain('停车费明细.pdf');

    const tracking = await new Agent(app).get(`/q/${code}`);
    // A file name may carry a person's name: the public page counts the files and never names them.
    expect(tracking.body).not.toContain('停车费明细');
    expect(tracking.body).toMatch(/答复附件[\s\S]*1 个/);
    expect(tracking.body).toContain('添加答复附件 1 个'); // the trail step
    expect(tracking.body).not.toContain('/files/');
    expect(tracking.body).not.toContain(NAME);
    expect(tracking.body).not.toContain(PHONE);

    const audit = await queryRows<{ action: string; subject_id: string; data: { file: string; confirmed: boolean } }>(deps.db.orm, sql`select action, subject_id, data from audit_log where action like 'request.attach%'`);
    expect(audit).toEqual([{ action: 'request.attach', subject_id: String(id), data: expect.objectContaining({ file: '停车费明细.pdf', confirmed: false }) }]);
  });

  it('a file with personal numbers is taken once the handler confirms, and the confirmation is recorded', { timeout: 120_000 }, async () => {
    const { id, sup } = await openCase('我的低保审批', '请提供我的低保审批表。');
    expect((await upload(sup, id, '审批表.pdf', await pdfWith(`Zhao ${PEOPLE[0]!.id}`), { confirm: '1' })).statusCode).toBe(303);
    const page = await sup.get(`/staff/requests/${id}`);
    expect(page.body).toContain('已确认可提供给申请人');
    const fid = /\/staff\/requests\/\d+\/files\/(\d+)"/.exec(page.body)![1]!;
    expect((await sup.post(`/staff/requests/${id}/files/${fid}/delete`, {})).statusCode).toBe(303);
    const after = (await sup.get(`/staff/requests/${id}`)).body;
    expect(after).not.toContain(`/files/${fid}"`);
    expect(after).toContain('删除答复附件 1 个'); // the trail says what happened, the audit entry names the file
    const audit = await queryRows<{ action: string; data: { confirmed?: boolean } }>(deps.db.orm, sql`select action, data from audit_log where action like 'request.%tach' order by id`);
    expect(audit.map((a) => [a.action, a.data.confirmed])).toEqual([['request.attach', true], ['request.detach', undefined]]);
  });

  // A file is inspected before it is saved: a case closed meanwhile once got the file anyway, and
  // its public trail and letter changed after 办结.
  it('adds no file to a case closed while the file was being inspected', { timeout: 120_000 }, async () => {
    const { id, sup } = await openCase('停车位分配结果', '请告知停车位分配结果。');
    expect((await sup.post(`/staff/requests/${id}/steps/answer`, { replyText: '分配结果已在公示栏张贴。' })).statusCode).toBe(303);
    await sup.get(`/staff/requests/${id}`);
    const file = await pdfWith('Parking lots: 12 assigned.');
    const [uploaded, closed] = await Promise.all([upload(sup, id, '分配表.pdf', file), sup.post(`/staff/requests/${id}/steps/close`, {})]);
    expect(closed.statusCode).toBe(303);
    const steps = (await queryRows<{ action: string }>(deps.db.orm, sql`select action from request_steps where case_id = ${id} order by id`)).map((r) => r.action);
    expect(steps).toContain('close');
    expect(steps.slice(steps.indexOf('close'))).not.toContain('attach');
    // Either it came first and the letter lists it, or it was refused with the reason.
    if (uploaded.statusCode === 303) expect(steps.indexOf('attach')).toBeLessThan(steps.indexOf('close'));
    else expect(uploaded.statusCode).toBe(409);
  });

  it('keeps a case to 20 files when two uploads each saw room for one', { timeout: 120_000 }, async () => {
    const { id } = await openCase('停车费票据', '请提供停车费票据照片。');
    const handler = await actor(deps, 'supervisor-a');
    const picture = (n: number) => ({ fileName: `票据${n}.png`, bytes: PNG.sync.write(new PNG({ width: n, height: 1 })), confirmed: false });
    for (let n = 1; n <= 19; n++) await addCaseFile(deps, handler, Number(id), picture(n));
    await expect(addCaseFile(withMeanwhile(deps, () => addCaseFile(deps, handler, Number(id), picture(20))), handler, Number(id), picture(21))).rejects.toThrow('最多 20 个附件');
    const files = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from request_attachments where case_id = ${id}`);
    expect(files[0]!.n).toBe(20);
  });
});
