import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, draftRecord, seedRecordWorld, sessionUser } from '../../../test/support/records.ts';
import { startSmtp, type SmtpSink } from '../../../test/support/smtp.ts';
import { startReceiver, type Receiver } from '../../../test/support/webhookReceiver.ts';
import { complianceStatus, runNoticeMail } from '../../domains/compliance/index.ts';
import { findOrganisation } from '../../domains/org/index.ts';
import { deliverGroupNotices } from '../../domains/channel/index.ts';
import { workdayOf } from './workday.ts';
import { approveRecord, returnRecord, saveDraft, saveReminderEmail, saveStaffGroup, submitRecord } from '../../../test/support/workday.ts';

const DING_SECRET = 'SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
const STAFF = ['district', 'editor-a2', 'supervisor-a2', 'editor-b'];

describe.each(databaseKinds)('the workday and review notices on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let smtp: SmtpSink;
  let rx: Receiver;

  beforeAll(async () => {
    smtp = await startSmtp();
    // The receiver checks the signature's timestamp against the test's clock.
    rx = await startReceiver({ dingtalk: DING_SECRET }, () => deps.clock.now().getTime());
    deps = await createTestDeps(kind, { env: { PUBLIC_URL: 'https://gk.example.cn', WEBHOOK_ALLOW_HOSTS: '127.0.0.1', SMTP_URL: smtp.url, MAIL_FROM: '公开平台 <gk@example.cn>' } });
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await deps.dispose();
    await smtp.close();
    await rx.close();
  });

  const SLOW = 120_000; // a shared CI machine: several logins and review steps per test

  /** Unread notices per user since `afterId`, as `user:title`. */
  const noticesAfter = async (afterId: number) =>
    (
      await queryRows<{ username: string; title: string }>(
        deps.db.orm,
        sql`select u.username, n.title from compliance_notifications n join users u on u.id = n.user_id where n.id > ${afterId} order by n.id`,
      )
    ).map((r) => `${r.username}:${r.title}`);
  const lastNoticeId = async () => Number((await queryRows<{ id: string | null }>(deps.db.orm, sql`select max(id) as id from compliance_notifications`))[0]?.id ?? 0);

  /** The staff home as the person sees it: the header count and each section's count. */
  async function home(username: string) {
    const agent = new Agent(app);
    await agent.login(username, PASSWORD);
    const page = await agent.get('/staff');
    expect(page.statusCode).toBe(200);
    const nav = /待办 (\d+)<\/span>/.exec(page.body);
    const sections = [...page.body.matchAll(/<h3>([^<]+?) <span class="badge[^"]*">(\d+)<\/span><\/h3>/g)].map((m) => [m[1]!, Number(m[2])] as const);
    return { body: page.body, nav: nav ? Number(nav[1]) : 0, sections: Object.fromEntries(sections) };
  }

  it('tells each review step to the people who act next, and nobody else', async () => {
    let mark = await lastNoticeId();
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '十月财务收支', bodyMd: '收入 1200 元。' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    expect((await noticesAfter(mark)).sort()).toEqual(['supervisor-a2:待审核：十月财务收支', 'supervisor-a:待审核：十月财务收支']);

    mark = await lastNoticeId();
    await returnRecord(deps, await actor(deps, 'supervisor-a'), id, { comment: '请补充支出明细' });
    expect(await noticesAfter(mark)).toEqual(['editor-a:被退回：十月财务收支']);

    await saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '十月财务收支', bodyMd: '收入 1200 元，支出 300 元。' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    mark = await lastNoticeId();
    await approveRecord(deps, await actor(deps, 'supervisor-a2'), id, {});
    expect(await noticesAfter(mark)).toEqual(['editor-a:已审核通过：十月财务收支']);

    // Every notice of the record went to staff of its own community.
    const orgs = await queryRows<{ code: string }>(
      deps.db.orm,
      sql`select distinct o.code from compliance_notifications n join users u on u.id = n.user_id join organisations o on o.id = u.org_id where n.link = ${`/staff/records/${id}`}`,
    );
    expect(orgs.map((o) => o.code)).toEqual(['220202001001']);
  }, SLOW);

  it('lists each role its to-dos, with the count beside 工作台 matching the list', async () => {
    const returned = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '退回待改', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), returned);
    await returnRecord(deps, await actor(deps, 'supervisor-a'), returned, { comment: '请补充附件' });
    const waiting = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '等待审核', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), waiting);

    const editor = await home('editor-a');
    expect(editor.sections['被退回、需要修改的记录']).toBe(1);
    expect(editor.body).toContain(`href="/staff/records/${returned}"`);
    expect(editor.sections['需要答复的督办单']).toBe(0);
    expect(editor.body).toContain('没有需要答复的督办单。');
    const community = (await findOrganisation(deps, '220202001001'))!;
    const status = await complianceStatus(deps, await sessionUser(deps, 'editor-a'), community);
    expect(editor.sections['即将到期和已逾期的公开事项']).toBe(status.total.counts.overdue + status.total.counts.due_soon);
    expect(editor.nav).toBe(Object.values(editor.sections).reduce((a, b) => a + b, 0));

    const supervisor = await home('supervisor-a');
    expect(supervisor.sections['等待您审核的记录']).toBe(1);
    expect(supervisor.body).toContain(`href="/staff/records/${waiting}"`);
    expect(supervisor.nav).toBe(Object.values(supervisor.sections).reduce((a, b) => a + b, 0));
    // The other community's supervisor has nothing of community 甲一.
    expect((await home('supervisor-b')).sections['等待您审核的记录']).toBe(0);

    const street = await home('street-a');
    const area = (await findOrganisation(deps, '220202001'))!;
    const byCommunity = (await complianceStatus(deps, await sessionUser(deps, 'street-a'), area)).communities.filter((c) => c.tally.counts.overdue > 0);
    expect(street.sections['有逾期事项的社区']).toBe(byCommunity.length);
    expect(street.nav).toBe(Object.values(street.sections).reduce((a, b) => a + b, 0));
    expect(await workdayOf(deps, await sessionUser(deps, 'street-a'))).toHaveLength(3);
    // A page other than the home carries the same count.
    const agent = new Agent(app);
    await agent.login('supervisor-a', PASSWORD);
    expect((await agent.get('/staff/records')).body).toContain(`待办 ${supervisor.nav}</span>`);
  }, SLOW);

  it('sends the e-mail copy after the step, to the address on file only', async () => {
    await saveReminderEmail(deps, await actor(deps, 'editor-a'), { email: 'editor-a@example.cn' });
    await runNoticeMail(deps); // earlier notices: editor-a had no address then, so they are skipped, not sent late
    const before = smtp.mails.length;
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '邮件测试', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await returnRecord(deps, await actor(deps, 'supervisor-a'), id, { comment: '请改标题' });
    const run = await runNoticeMail(deps);
    expect(run.sent).toBe(1);
    const mails = await smtp.waitFor(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual(['editor-a@example.cn']);
    expect(mail.subject).toContain('被退回：邮件测试');
    expect(mail.text).toContain(`https://gk.example.cn/staff/records/${id}`);
    expect((await runNoticeMail(deps)).sent).toBe(0); // sent once
  }, SLOW);

  it('posts each step to the community staff group, signed, and a failure retries without touching the step', async () => {
    await saveStaffGroup(deps, await actor(deps, 'editor-a'), (await findOrganisation(deps, '220202001001'))!, { kind: 'dingtalk', url: `${rx.url}/dingtalk/staff`, secret: DING_SECRET });
    await deliverGroupNotices(deps); // what earlier tests queued goes out now
    rx.received.length = 0;
    const id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '群提醒测试', bodyMd: '内容' });
    rx.failNext(1, '/dingtalk');
    await submitRecord(deps, await actor(deps, 'editor-a'), id); // the step succeeds whatever the group does
    expect(await deliverGroupNotices(deps)).toBe(1);
    const state = async () => (await queryRows<{ state: string; attempts: number }>(deps.db.orm, sql`select state, attempts from compliance_group_notices order by id desc limit 1`))[0]!;
    expect(await state()).toEqual({ state: 'pending', attempts: 1 });
    deps.clock.advanceMinutes(2);
    await deliverGroupNotices(deps);
    expect(await state()).toEqual({ state: 'sent', attempts: 2 });
    const last = rx.received.at(-1)!;
    expect(last.query.get('sign')).toBeTruthy(); // the receiver checked the DingTalk signature and answered errcode 0
    expect(JSON.stringify(last.body)).toContain('待审核：群提醒测试');
    expect(JSON.stringify(last.body)).toContain(`https://gk.example.cn/staff/records/${id}`);
    // Community 乙一 has no group: its steps are not posted anywhere.
    const other = await draftRecord(deps, 'editor-b', '财务收支情况', { title: '乙一记录', bodyMd: '内容' });
    await submitRecord(deps, await actor(deps, 'editor-b'), other);
    const count = rx.received.length;
    await deliverGroupNotices(deps);
    expect(rx.received.length).toBe(count);
  }, SLOW);

  it('shows a staff page to every staff role without failing', async () => {
    for (const name of STAFF) expect((await home(name)).body).toContain('常用功能');
  });
});
