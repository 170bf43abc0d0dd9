import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { databaseKinds, createTestDeps, type TestDeps } from '../../../test/support/db.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { Agent } from '../../../test/support/http.ts';
import { publishRecord, seedRecordWorld } from '../../../test/support/records.ts';

const NAME = '赵桂兰';
const PHONE = '13712349876';

describe.each(databaseKinds)('public request forms and the staff queue on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
    await deps?.dispose();
  });

  async function fill(agent: Agent, url: string, form: Record<string, string>) {
    const page = await agent.get(url);
    expect(page.statusCode).toBe(200);
    const token = /name="_ft" value="([^"]+)"/.exec(page.body)![1]!;
    deps.clock.advanceMinutes(2); // a person takes a while to fill the form in
    return agent.post(url, { _ft: token, ...form });
  }
  const caseIdOf = async (code: string) => (await queryRows<{ id: string }>(deps.db.orm, sql`select id from request_cases where tracking_code = ${code}`))[0]!.id;
  const codeOf = (body: string) => /aria-label="查询码">([2-9A-Z]{10})</.exec(body)?.[1];

  it('a resident objects to a 低保 list; the supervisor answers; the trail shows on the record without personal data', { timeout: 120_000 }, async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    const recordId = await publishRecord(deps, 'a', '低保对象名单', { title: '2026年第四季度低保对象名单', bodyMd: '拟纳入低保：刘某某' });
    const pid = (await queryRows<{ public_id: string }>(deps.db.orm, sql`select public_id from records where id = ${recordId}`))[0]!.public_id;
    app = await buildApp(deps, { logger: false });
    const resident = new Agent(app);
    expect((await resident.get(`/r/${pid}`)).body).toContain(`/r/${pid}/objection`);

    // too fast, and without CSRF: refused
    const page = await resident.get(`/r/${pid}/objection`);
    const token = /name="_ft" value="([^"]+)"/.exec(page.body)![1]!;
    const quick = await resident.post(`/r/${pid}/objection`, { _ft: token, subject: '名单有误', details: '刘某某家有营业执照。', name: NAME, phone: PHONE });
    expect(quick.statusCode).toBe(400);
    expect(quick.body).toContain('提交太快');
    expect(quick.body).toContain('刘某某家有营业执照');
    expect((await resident.post(`/r/${pid}/objection`, { _ft: token, subject: 'x' }, { withCsrf: false })).statusCode).toBe(403);

    const sent = await fill(resident, `/r/${pid}/objection`, { subject: '名单有误', details: '刘某某家有营业执照，不符合条件。', name: NAME, phone: PHONE });
    expect(sent.statusCode).toBe(200);
    const code = codeOf(sent.body)!;
    expect(code).toBeTruthy();
    const tracking = await resident.get(`/q/${code}`);
    expect(tracking.body).toContain('疑义');
    expect(tracking.body).toContain('2026年11月17日'); // 15 calendar days by default

    const street = new Agent(app);
    await street.login('street-a', PASSWORD);
    const queue = await street.get('/staff/requests');
    expect(queue.body).toContain('137****9876');
    expect(queue.body).not.toContain(PHONE);

    const sup = new Agent(app);
    await sup.login('supervisor-a', PASSWORD);
    const id = await caseIdOf(code);
    await sup.get(`/staff/requests/${id}`);
    expect((await sup.post(`/staff/requests/${id}/steps/assign`, {})).statusCode).toBe(303);
    expect((await sup.get(`/staff/requests/${id}`)).body).toContain(PHONE);
    const refused = await sup.post(`/staff/requests/${id}/steps/answer`, { replyText: '经核实。' });
    expect(refused.body).toContain('请选择处理结果');
    const answered = await sup.post(`/staff/requests/${id}/steps/answer`, { outcome: 'correct', replyText: `经入户核实，反映情况属实（来电 ${PHONE}），将更正名单并重新公示。` });
    expect(answered.statusCode).toBe(303);
    // another street's admin cannot act on it
    const other = new Agent(app);
    await other.login('supervisor-b', PASSWORD);
    await other.get('/staff/requests');
    expect((await other.post(`/staff/requests/${id}/steps/close`, {})).statusCode).toBe(403);

    const trail = await new Agent(app).get(`/r/${pid}/objection`);
    expect(trail.body).toContain('更正');
    expect(trail.body).toContain('将更正名单并重新公示');
    for (const url of [`/r/${pid}/objection`, `/q/${code}`, `/r/${pid}`]) {
      const body = (await new Agent(app).get(url)).body;
      expect(body, url).not.toContain(PHONE);
      expect(body, url).not.toContain(NAME);
    }
  });

  it('a request to a street runs to a reply letter', { timeout: 120_000 }, async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
    const resident = new Agent(app);
    const form = await resident.get('/o/220202001/ask');
    expect(form.body).toContain('20个工作日内答复');
    expect(form.body).not.toContain('name="anonymous"');
    const sent = await fill(resident, '/o/220202001/ask', { subject: '2026年老旧小区改造资金使用情况', details: '请提供本街道2026年老旧小区改造资金的使用明细。', name: NAME, phone: PHONE });
    const code = codeOf(sent.body)!;
    // received Monday 2026-11-02: day 20 is 2026-11-30
    expect(sent.body).toContain('2026年11月30日前答复');
    const street = new Agent(app);
    await street.login('street-a', PASSWORD);
    const id = await caseIdOf(code);
    const casePage = await street.get(`/staff/requests/${id}`);
    expect(casePage.body).toContain('第1个工作日为2026年11月3日');
    expect((await street.post(`/staff/requests/${id}/steps/reply`, { replyKind: 'disclose', replyText: '附件为资金使用明细表。' })).statusCode).toBe(303);
    const letter = await street.get(`/staff/requests/${id}/letter`);
    expect(letter.body).toContain('政府信息公开申请答复书');
    expect(letter.body).toContain('第三十六条第（二）项');
    expect(letter.body).toContain('附件为资金使用明细表');
    const tracking = await new Agent(app).get(`/q/${code}`);
    expect(tracking.body).toContain('予以公开');
    expect(tracking.body).not.toContain(NAME);
    expect((await new Agent(app).get('/q/ZZZZZZZZZZ')).statusCode).toBe(404);
  });
});
