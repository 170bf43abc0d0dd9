import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { startJobs, type Jobs } from '../../platform/jobs.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { complianceJobs, DAILY_JOB } from './jobs.ts';
import { saveReminderEmail } from './notifications.ts';
import { registerEvent } from './registerEvent.ts';
import { runDailyReminders } from './reminders.ts';

/** A real SMTP receiver on loopback that keeps every message it is given. */
async function smtpReceiver() {
  const messages: { to: string[]; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), text: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { messages, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(databaseKinds)('daily reminders through pg-boss on $name', (kind) => {
  let deps: TestDeps;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let jobs: Jobs | null = null;
  const count = async (where: string) => (await queryRows<{ n: number }>(deps.db.orm, sql.raw(`select count(*)::int as n from compliance_notifications where ${where}`)))[0]!.n;
  const start = async () => (jobs = await startJobs(deps.db, complianceJobs(deps), (err) => console.error(err)));

  beforeAll(async () => {
    smtp = await smtpReceiver();
    deps = await createTestDeps(kind, { at: '2026-10-09T09:00:00+08:00', env: { SMTP_URL: smtp.url, ESCALATION_WORKDAYS: '3', MAIL_FROM: '公开平台 <gk@example.cn>' } });
    await seedSeedCatalogs(deps);
    const yanan = await org(deps, '220202004001');
    const items = (await effectiveCatalogFor(deps, yanan))!.items;
    const editor = await actor(deps, 'yanan-editor');
    // Due 2026-10-30 (overdue by 3 working days on 11月4日) and 2026-11-05 (due soon then).
    await registerEvent(deps, editor, yanan, { itemId: items.find((i) => i.name === '财务收支情况')!.id, kind: 'formed', occurredOn: '2026-09-28' });
    await registerEvent(deps, editor, yanan, { itemId: items.find((i) => i.name === '临时救助')!.id, kind: 'formed', occurredOn: '2026-10-09' });
    await saveReminderEmail(deps, editor, { email: 'editor@example.cn' });
    await saveReminderEmail(deps, await actor(deps, 'yanan-street'), { email: 'street@example.cn' });
    deps.clock.set('2026-11-04T09:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await jobs?.stop();
    await deps.dispose();
    await smtp.close();
  });

  it('sends one digest to the editor and escalates to the street admin, in-app and by e-mail', async () => {
    await start();
    await jobs!.run(DAILY_JOB);
    const digests = await count(`kind = 'digest' and district_code = '220202'`);
    expect(digests).toBe(1);
    expect(await count(`kind = 'escalation'`)).toBe(1);
    const [digest] = await queryRows<{ title: string; body: string }>(deps.db.orm, sql`select title, body from compliance_notifications where kind = 'digest'`);
    expect(digest!.title).toBe('今日公开提醒：1 项已逾期，1 项即将到期');
    expect(digest!.body).toContain('【已逾期】财务收支情况：应于2026年10月30日前公开');
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['editor@example.cn', 'street@example.cn']);
    expect(smtp.messages.find((m) => m.to[0] === 'street@example.cn')!.text).toContain('Subject:');
  });

  it('sends nothing twice after a restart, or when run again the same day', async () => {
    await jobs!.stop();
    await start(); // a new pg-boss instance, as after a restart; its start-up run goes first
    await jobs!.run(DAILY_JOB);
    await jobs!.run(DAILY_JOB);
    expect(await count(`kind = 'digest' and district_code = '220202'`)).toBe(1);
    expect(await count(`kind = 'escalation'`)).toBe(1);
    expect(smtp.messages).toHaveLength(2);
    const keys = await queryRows<{ key: string; email_status: string }>(deps.db.orm, sql`select key, email_status from compliance_reminders where district_code = '220202' order by key`);
    expect(keys.map((k) => k.email_status)).toEqual(['sent', 'sent']);
    // 厂口社区's standing items (adopted 10月9日) are due soon too; its editor has no e-mail, so in-app only.
    expect(await count(`kind = 'digest' and district_code = '530102'`)).toBe(1);
  });

  // Every start after the reminder hour runs the day again: on a province that was ~9 statements
  // per community (22 s for 10,000). Now what was sent is read once per district, and nothing is written.
  it('runs the same day again with a few reads per district and no writes', async () => {
    const seen: string[] = [];
    const stop = deps.db.observe((text) => seen.push(text));
    try {
      const run = await runDailyReminders(deps, null);
      expect(run).toEqual({ digests: 0, escalations: 0, emailsSent: 0, emailsFailed: 0 });
    } finally {
      stop();
    }
    expect(seen.filter((text) => /^\s*(insert|update|delete)/i.test(text))).toEqual([]);
    expect(seen.length).toBeLessThanOrEqual(2 * 10); // two districts with obligations due
  });

  it('sends the next day’s digest the next day, but never escalates the same obligation again', async () => {
    deps.clock.set('2026-11-05T09:00:00+08:00');
    await jobs!.run(DAILY_JOB);
    expect(await count(`kind = 'digest' and district_code = '220202'`)).toBe(2);
    expect(await count(`kind = 'escalation'`)).toBe(1);
    expect(smtp.messages).toHaveLength(3);
  });
});
