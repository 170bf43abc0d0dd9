/**
 * kill -9 during publishing (issue 13, deliverable 6).
 *
 * A real `gongkai serve` child on a temp DATA_DIR (embedded PGlite, and PostgreSQL too when
 * TEST_DATABASE_URL is set), on a copy of the demo loaded as of now, is driven over real HTTP
 * as browsers would: several concurrent loops, each an editor and a supervisor of the demo's 延安社区
 * (220202004001), create a record, save it with a body and submit it, and approve it. At a random
 * moment while publications are in flight the server is killed with SIGKILL and restarted on the
 * same data. After each restart:
 *  - the server comes back (no lock left behind blocks it) without loading demo data again;
 *  - every publication whose approve request was answered with the redirect is published, and its
 *    public page /r/<publicId> shows its title and body;
 *  - every record the loops know of is in a state its acknowledged steps allow (a submit that was
 *    answered is never back to draft; an approve in flight is either fully published or still
 *    submitted), and a published one is complete on the public page.
 * After the last round the server is stopped with SIGTERM (exit 0, lock removed), then
 * `gongkai audit verify` must exit 0, and the database is read directly: every crash-test record
 * has exactly its one version, each published version is complete (current version, first
 * publication time, review, search text, the body as sent) with its approve and publish audit
 * entries and nothing else is, and every acknowledged publication of every round is there.
 *
 * In CI: 3 kills per database (15-25 s each on a quiet 2-core box, about 75 s when it is loaded).
 * More on demand:
 *   CRASH_ROUNDS=30 npx vitest run test/crash/killDuringPublish.test.ts
 *   CRASH_LOOPS=6        concurrent publish loops (default 4)
 *   CRASH_KILL_MAX_MS=4000   the kill comes 0..this many ms after the round's first acknowledged
 *                            publication (default 2500)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test   also run against PostgreSQL
 * Each round prints one line (kill delay, acknowledged and in-flight requests, restart time).
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows, type DatabaseTarget } from '../../src/platform/db.ts';
import { FetchAgent, runGongkai, spawnServer, type ChildServer } from '../support/childServer.ts';
import { databaseKinds, type DatabaseKind } from '../support/db.ts';
import { demoDatabase, type DemoDeps } from '../support/demo.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const LOOPS = Number(process.env.CRASH_LOOPS ?? 4);
const KILL_MAX_MS = Number(process.env.CRASH_KILL_MAX_MS ?? 2500);
const MARK = '崩溃测试';
const ITEM = '财务收支情况';

interface Target {
  name: 'pglite' | 'postgres';
  /**
   * A copy of the demo for the child (and `audit verify`): its environment, the database to read
   * afterwards, the demo's passwords, and cleanup. The demo is loaded before the server starts
   * (once per run, see test/support/demo.ts), so the server's start is not a demo load racing a
   * timeout on a loaded machine; `npm start` loading the demo is server.test.ts's and cli.test.ts's.
   */
  prepare(dataDir: string): Promise<{ env: Record<string, string>; db: DatabaseTarget; passwords: Map<string, string>; dispose(): Promise<void> }>;
}

/** The demo as of now: the child runs on the real clock. */
const demoNow = (kind: DatabaseKind) => demoDatabase(kind, { at: new Date().toISOString() });
const passwordsOf = (demo: DemoDeps) => new Map(demo.accounts.map((a) => [a.username, a.password]));

const pglite: Target = {
  name: 'pglite',
  async prepare(dataDir) {
    const demo = await demoNow(databaseKinds.find((k) => k.name === 'pglite')!);
    const files = await demo.db.snapshot!();
    await demo.dispose();
    const dir = join(dataDir, 'db');
    await (await openDatabase({ kind: 'pglite', dir, from: files })).close(); // the child's data directory
    return { env: { DATABASE_URL: '' }, db: { kind: 'pglite', dir }, passwords: passwordsOf(demo), dispose: async () => undefined };
  },
};

const postgres: Target = {
  name: 'postgres',
  async prepare() {
    const demo = await demoNow(databaseKinds.find((k) => k.name === 'postgres')!);
    return { env: { DATABASE_URL: demo.databaseUrl! }, db: { kind: 'postgres', url: demo.databaseUrl! }, passwords: passwordsOf(demo), dispose: demo.dispose };
  },
};

const targets: Target[] = [pglite, ...(process.env.TEST_DATABASE_URL ? [postgres] : [])];

/** One publication as the loops drove it: which requests were sent, and which were answered. */
interface Pub {
  round: number;
  title: string;
  body: string;
  id?: number;
  submitSent?: boolean;
  submitAcked?: boolean;
  approveSent?: boolean;
  approveAcked?: boolean;
}

const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (html: string) => html.replace(/<!--.*?-->/g, '');
/** What a page that is not the expected redirect says: status, location and its alert, if any. */
const answer = (page: { status: number; location: string | null; body: string }) =>
  `${page.status} ${page.location ?? ''} ${/role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/.exec(page.body)?.[1]?.replace(/<[^>]+>/g, '').trim().slice(0, 200) ?? ''}`;

/** The status word of version 1 on the staff record page (版本和审核记录), e.g. 已发布 or 待审核. */
function versionStatus(html: string): string | null {
  return /第\s*1\s*版 · ([^ ·<]+)/.exec(text(html))?.[1] ?? null;
}

async function started(server: ChildServer, timeoutMs = 180_000): Promise<{ url: string; ms: number }> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${server.output()}`)), timeoutMs)));
  try {
    const url = await Promise.race([server.ready, timeout]);
    return { url, ms: Date.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

async function signedIn(url: string, username: string, password: string): Promise<FetchAgent> {
  const agent = new FetchAgent(url);
  const res = await agent.login(username, password);
  if (res.status !== 303) throw new Error(`login of ${username} answered ${res.status}`);
  return agent;
}

describe.each(targets)('kill -9 during publishing on $name', (target) => {
  it(
    `loses no acknowledged publication and leaves no half-written record across ${ROUNDS} kills`,
    { timeout: 240_000 + ROUNDS * 150_000 },
    async () => {
      const t0 = Date.now();
      const dataDir = mkdtempSync(join(tmpdir(), 'gk-crash-'));
      const { env: dbEnv, db: dbTarget, passwords, dispose } = await target.prepare(dataDir);
      const env = { ...dbEnv, DATA_DIR: dataDir, LOGIN_RATE_LIMIT: '10000', DEMO_DATA: 'auto' };
      let server: ChildServer | null = null;
      const pubs: Pub[] = [];
      const problems: string[] = [];
      const lockFile = join(dataDir, 'db.lock');
      try {
        server = spawnServer(env);
        let { url } = await started(server);
        const editorPassword = passwords.get('yanan-editor');
        const supervisorPassword = passwords.get('yanan-supervisor');
        expect(editorPassword, server.output()).toBeTruthy();
        expect(supervisorPassword, server.output()).toBeTruthy();

        // The item's id in this database, from the editor's own form.
        const probe = await signedIn(url, 'yanan-editor', editorPassword!);
        const form = (await probe.get('/staff/records/new')).body;
        const itemId = new RegExp(`<option value="(\\d+)"[^>]*>[^<]*${ITEM}`).exec(form)?.[1];
        expect(itemId, 'the new-record form offers 财务收支情况').toBeTruthy();

        for (let round = 1; round <= ROUNDS; round++) {
          let killed = false;
          let stopLoops = false;
          let acked = 0;
          const onProblem = (msg: string) => {
            if (!killed) problems.push(`round ${round}: ${msg}`);
          };

          /** One browser pair (editor and supervisor) publishing record after record until told to stop. */
          const loop = async (n: number) => {
            const editor = await signedIn(url, 'yanan-editor', editorPassword!);
            const supervisor = await signedIn(url, 'yanan-supervisor', supervisorPassword!);
            for (let seq = 1; !stopLoops; seq++) {
              // No digit runs in the tag: the privacy gate rightly blocks anything that reads as a phone number.
              const tag = `轮${round}环${n}第${seq}条${letters(6)}`;
              const pub: Pub = { round, title: `${MARK} ${tag}`, body: `${MARK}正文 ${tag}：本月收入 ${seq * 100} 元，支出 ${seq * 10} 元。` };
              pubs.push(pub);
              await editor.get('/staff/records/new');
              const created = await editor.post('/staff/records/new', { itemId: itemId!, title: pub.title });
              const id = /^\/staff\/records\/(\d+)$/.exec(created.location ?? '')?.[1];
              if (created.status !== 303 || !id) return onProblem(`create answered ${answer(created)}`);
              pub.id = Number(id);
              await editor.get(`/staff/records/${id}`);
              pub.submitSent = true;
              const submitted = await editor.post(`/staff/records/${id}`, { title: pub.title, bodyMd: pub.body, intent: 'submit' });
              if (submitted.status !== 303 || submitted.location !== `/staff/records/${id}?done=submitted`) return onProblem(`submit of ${id} answered ${answer(submitted)}`);
              pub.submitAcked = true;
              await supervisor.get(`/staff/records/${id}`);
              pub.approveSent = true;
              const approved = await supervisor.post(`/staff/records/${id}/approve`, { comment: '同意发布' });
              if (approved.status !== 303 || approved.location !== `/staff/records/${id}?done=approved`) return onProblem(`approve of ${id} answered ${answer(approved)}`);
              pub.approveAcked = true;
              acked++;
            }
          };
          const loops = Array.from({ length: LOOPS }, (_, n) =>
            loop(n + 1).catch((err: Error) => {
              // After the kill every open request fails; before it, a failure is a finding.
              if (!killed) problems.push(`round ${round}, loop ${n + 1}: ${err.message}`);
            }),
          );

          // Kill at a random moment once publications are flowing.
          const waitStart = Date.now();
          while (acked === 0 && Date.now() - waitStart < 120_000 && problems.length === 0) await sleep(50);
          expect(problems).toEqual([]);
          expect(acked, 'a publication was acknowledged before the kill').toBeGreaterThan(0);
          const delay = Math.floor(Math.random() * KILL_MAX_MS);
          await sleep(delay);
          killed = true;
          stopLoops = true;
          server.child.kill('SIGKILL');
          const exit = await server.exited;
          expect(exit.signal).toBe('SIGKILL');
          await Promise.all(loops);
          const mine = pubs.filter((p) => p.round === round);
          const inFlight = {
            create: mine.filter((p) => p.id === undefined).length,
            submit: mine.filter((p) => p.submitSent && !p.submitAcked).length,
            approve: mine.filter((p) => p.approveSent && !p.approveAcked).length,
          };
          const staleLock = existsSync(lockFile);

          // Restart on the same data: the stale lock (PGlite) must not block it, and no demo is reloaded.
          server = spawnServer(env);
          const restart = await started(server);
          url = restart.url;
          expect(server.output()).not.toContain('演示账户');
          console.log(
            `[crash ${target.name}] round ${round}/${ROUNDS}: killed ${delay} ms after the first acknowledgement; ` +
              `${mine.filter((p) => p.approveAcked).length} acknowledged, in flight: approve ${inFlight.approve}, submit ${inFlight.submit}, create ${inFlight.create}; ` +
              `stale lock ${staleLock ? 'left' : 'none'}; restarted in ${(restart.ms / 1000).toFixed(1)} s`,
          );

          // Every record this round knows of, as staff and as the public see it now.
          const supervisor = await signedIn(url, 'yanan-supervisor', supervisorPassword!);
          for (const pub of mine.filter((p) => p.id !== undefined)) {
            const page = await supervisor.get(`/staff/records/${pub.id}`);
            const where = `record ${pub.id} (${pub.title}; submit ${pub.submitAcked ? 'acked' : pub.submitSent ? 'in flight' : 'not sent'}, approve ${pub.approveAcked ? 'acked' : pub.approveSent ? 'in flight' : 'not sent'})`;
            if (page.status !== 200) {
              problems.push(`${where}: staff page answered ${page.status}`);
              continue;
            }
            const status = versionStatus(page.body);
            const allowed = pub.approveAcked ? ['已发布'] : pub.approveSent || pub.submitAcked ? ['待审核', '已发布'] : pub.submitSent ? ['草稿', '待审核'] : ['草稿'];
            if (!status || !allowed.includes(status)) problems.push(`${where}: version 1 is ${status ?? '(no version)'}, expected ${allowed.join(' or ')}`);
            if (status === '已发布') {
              const publicId = /href="\/r\/([a-z0-9]+)"/.exec(page.body)?.[1];
              const view = publicId ? await new FetchAgent(url).get(`/r/${publicId}`) : null;
              if (!view || view.status !== 200) problems.push(`${where}: published but its public page answered ${view?.status ?? '(no link)'}`);
              else if (!text(view.body).includes(pub.title) || !text(view.body).includes(pub.body)) problems.push(`${where}: public page /r/${publicId} lacks the title or body`);
            } else if (status === '待审核' && !text(page.body).includes(pub.body)) {
              problems.push(`${where}: submitted without the body that was sent`);
            }
          }
          expect(problems).toEqual([]);
        }

        // A clean stop, then the audit chain and the rows themselves, with nothing else holding the database.
        server.child.kill('SIGTERM');
        expect((await server.exited).code).toBe(0);
        server = null;
        expect(existsSync(lockFile), 'a clean stop removes the lock').toBe(false);
        const verify = await runGongkai(['audit', 'verify'], env);
        expect(verify.code, verify.out + verify.err).toBe(0);
        expect(verify.out).toContain('哈希链校验通过');

        const db = await openDatabase(dbTarget);
        try {
          type Row = {
            id: number;
            current_version: number | null;
            first_published_at: unknown;
            versions: number;
            status: string | null;
            title: string | null;
            body_md: string | null;
            published_at: unknown;
            submitted_at: unknown;
            reviewer_id: unknown;
            search_title: string | null;
            creates: number;
            submits: number;
            approves: number;
            publishes: number;
          };
          const rows = await queryRows<Row>(
            db.orm,
            sql`select r.id::int as id, r.current_version, r.first_published_at,
                  (select count(*)::int from record_versions x where x.record_id = r.id) as versions,
                  v.status, v.title, v.body_md, v.published_at, v.submitted_at, v.reviewer_id,
                  (select s.title from record_search s where s.record_id = r.id) as search_title,
                  (select count(*)::int from audit_log a where a.subject_type = 'record' and a.subject_id = r.id::text and a.action = 'record.create') as creates,
                  (select count(*)::int from audit_log a where a.subject_type = 'record' and a.subject_id = r.id::text and a.action = 'record.submit') as submits,
                  (select count(*)::int from audit_log a where a.subject_type = 'record' and a.subject_id = r.id::text and a.action = 'record.approve') as approves,
                  (select count(*)::int from audit_log a where a.subject_type = 'record' and a.subject_id = r.id::text and a.action = 'record.publish') as publishes
                from records r left join record_versions v on v.record_id = r.id and v.version = 1
                where r.item_name = ${ITEM} and (v.title like ${MARK + ' %'} or v.title is null)
                order by r.id`,
          );
          const byTitle = new Map(pubs.map((p) => [p.title, p]));
          for (const r of rows) {
            const pub = r.title ? byTitle.get(r.title) : undefined;
            const where = `record ${r.id} (${r.title ?? 'no version 1'})`;
            if (!pub) {
              problems.push(`${where}: not a publication the loops started`);
              continue;
            }
            if (pub.id !== undefined && pub.id !== r.id) problems.push(`${where}: the loop was answered with id ${pub.id}`);
            if (r.versions !== 1) problems.push(`${where}: ${r.versions} versions`);
            if (r.creates !== 1) problems.push(`${where}: ${r.creates} record.create audit entries`);
            if (r.status === 'published') {
              const complete = r.current_version === 1 && r.first_published_at && r.published_at && r.submitted_at && r.reviewer_id && r.search_title && r.body_md === pub.body;
              if (!complete) problems.push(`${where}: published but incomplete ${JSON.stringify(r)}`);
              if (r.submits !== 1 || r.approves !== 1 || r.publishes !== 1) problems.push(`${where}: published with audit submit/approve/publish ${r.submits}/${r.approves}/${r.publishes}`);
            } else if (r.status === 'submitted' || r.status === 'draft') {
              if (pub.approveAcked) problems.push(`${where}: acknowledged approval, but the version is ${r.status}`);
              if (r.current_version !== null || r.first_published_at) problems.push(`${where}: ${r.status} yet the record points at a published version`);
              if (r.approves !== 0 || r.publishes !== 0) problems.push(`${where}: ${r.status} with approve/publish audit entries ${r.approves}/${r.publishes}`);
              if (r.status === 'submitted' && (r.submits !== 1 || !r.submitted_at || r.body_md !== pub.body)) problems.push(`${where}: submitted but incomplete ${JSON.stringify(r)}`);
              if (r.status === 'draft' && (pub.submitAcked || r.submits !== 0)) problems.push(`${where}: draft after an acknowledged submit (audit submits ${r.submits})`);
            } else {
              problems.push(`${where}: unexpected status ${r.status}`);
            }
          }
          const found = new Set(rows.map((r) => r.title));
          const lost = pubs.filter((p) => p.id !== undefined && !found.has(p.title));
          for (const p of lost) problems.push(`record ${p.id} (${p.title}): created and answered, but gone after the restarts`);
          const acknowledged = pubs.filter((p) => p.approveAcked).length;
          const published = rows.filter((r) => r.status === 'published').length;
          console.log(
            `[crash ${target.name}] ${ROUNDS} kills, ${pubs.length} publications started, ${acknowledged} acknowledged, ${published} published, ` +
              `${rows.length - published} left open; audit: ${verify.out.trim()}; ${((Date.now() - t0) / 1000).toFixed(0)} s`,
          );
          expect(acknowledged).toBeGreaterThanOrEqual(ROUNDS);
        } finally {
          await db.close();
        }
        expect(problems).toEqual([]);
      } finally {
        if (server) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
        await dispose();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
