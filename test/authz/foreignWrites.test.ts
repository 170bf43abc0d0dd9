/**
 * Every staff write route, tried by each role of another district against this district's
 * objects. The routes come from the app's own route table (a route added tomorrow is tried
 * tomorrow); the check is that nothing belonging to the victim district changed, whatever the
 * answer. A `:param` this file cannot fill fails the test, so new routes cannot slip past it.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/buildApp.ts';
import type { Database } from '../../src/platform/db.ts';
import { databaseKinds, type TestDeps } from '../support/db.ts';
import { demoDatabase } from '../support/demo.ts';
import { Agent } from '../support/http.ts';

const VICTIM = '220202'; // 吉林市昌邑区 in the demo data
const ATTACKERS = ['wuhua-admin', 'changkou-street', 'changkou-editor', 'changkou-supervisor']; // 五华区
// The victim's own staff send the same forms afterwards: a form that changes nothing even for
// them proves nothing, so the test also counts how many routes the owners could really use.
const OWNERS = ['changyi-admin', 'yanan-street', 'yanan-editor', 'yanan-supervisor'];
const SKIP_TABLES = new Set(['audit_log', 'sessions']); // refusals may be audited; sessions are the attacker's

/** Which rows of a param's collection belong to the victim, by the path segment before it. */
const COLLECTIONS: Record<string, string> = {
  // Staff pages address records by number, channel pages by public id: try both.
  records: `(select id::text from records where district_code = '${VICTIM}' order by id limit 2) union all (select public_id from records where district_code = '${VICTIM}' order by id limit 2)`,
  catalogs: `select id::text from catalogs where district_code = '${VICTIM}'`,
  items: `select id::text from catalog_items where catalog_id in (select id from catalogs where district_code = '${VICTIM}')`,
  // Open ones first: a form can still change them, so the owners' check below means something.
  o: `select id::text from compliance_obligations where district_code = '${VICTIM}' order by fulfilled_at is not null, id`,
  obligations: `select id::text from compliance_obligations where district_code = '${VICTIM}' order by fulfilled_at is not null, id`,
  orders: `select id::text from compliance_orders where district_code = '${VICTIM}' order by closed_at is not null, id`,
  notifications: `select id::text from compliance_notifications where district_code = '${VICTIM}' order by read_at is not null, id`,
  webhooks: `select id::text from channel_webhooks where district_code = '${VICTIM}'`,
  screens: `select id::text from channel_screens where district_code = '${VICTIM}'`,
  subscriptions: `select id::text from channel_subscriptions where district_code = '${VICTIM}'`,
  proofs: `select id::text from channel_proofs where district_code = '${VICTIM}'`,
  attachments: `select id::text from record_attachments where district_code = '${VICTIM}'`,
  deliveries: `select id::text from channel_deliveries where district_code = '${VICTIM}'`,
  users: `select username from users u join organisations o on o.id = u.org_id where o.path like '/${VICTIM}/%'`,
  codes: `select code from organisations where path like '/${VICTIM}/%'`,
  requests: `select id::text from request_cases where district_code = '${VICTIM}' order by id limit 3`,
  // Files attached to a case's reply (the demo has none yet; attachments.test.ts covers another community's staff).
  files: `select id::text from request_attachments where district_code = '${VICTIM}' order by id limit 2`,
  // Every step a staff member can take on a case (the request domain's steps.ts).
  steps: `select unnest(array['assign', 'request_correction', 'extend', 'reply', 'answer', 'escalate', 'dispute', 'volume', 'close'])`,
};

/** A form that fills the fields most staff forms ask for, aimed at the victim district. */
const BASE: Record<string, string> = {
  org: '220202004001', orgCode: '220202004001', code: '220202004099', parentCode: '220202004', kind: 'community', name: '越权测试',
  title: '越权测试', bodyMd: '越权测试内容', reason: '越权测试原因', comment: '越权测试意见', correctionNote: '越权测试更正说明',
  note: '越权测试', date: '2026-12-01', text: '2027年元旦：1月1日放假。', year: '2027', n: '5', username: 'intruder', displayName: '越权', role: 'editor',
  password: 'Zq-8842-kite-Lamp', email: 'intruder@example.cn', url: 'https://example.cn/hook', vendor: 'json', deadline: '2026-12-20',
  due: '2026-12-20', postedAt: '2026-11-20T10:00', channel: '公示栏', seconds: '10', intent: 'save', on: '1', items: '1', answer: '越权回复',
  replyKind: 'disclose', replyText: '越权答复内容', outcome: 'correct',
};
// Fields whose valid values differ between forms (an organisation's kind, a calendar day's kind).
const FORMS = [BASE, { ...BASE, kind: 'holiday', name: '测试节' }];

async function rows(db: Database, text: string): Promise<string[]> {
  return (await db.executeSql(text)).rows.map((r) => String(Object.values(r)[0]));
}

/** One statement that fingerprints, per table, everything the victim district owns (or sees, like the calendar). */
async function stateQuery(db: Database): Promise<string> {
  const tables = await rows(db, `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'district_code' order by 1`);
  const digest = (table: string, where: string) => `select '${table}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x where ${where}`;
  return [
    ...tables.filter((t) => !SKIP_TABLES.has(t) && t !== 'calendar_years').map((t) => digest(t, `district_code = '${VICTIM}'`)),
    digest('organisations', `path like '/${VICTIM}/%'`),
    digest('users', `org_id in (select id from organisations where path like '/${VICTIM}/%')`),
    // The calendar the victim works by: its own entries and those for every district.
    digest('calendar_years', `district_code is null or district_code = '${VICTIM}'`),
  ].join(' union all ');
}

async function victimState(db: Database, query: string): Promise<Record<string, string>> {
  return Object.fromEntries((await db.executeSql(query)).rows.map((r) => [String(r.t), String(r.h)]));
}

/** Every concrete URL of a route pattern, each param filled with the victim's objects. */
async function urlsOf(db: Database, pattern: string): Promise<string[]> {
  let urls = [''];
  const parts = pattern.split('/').slice(1);
  for (const [i, part] of parts.entries()) {
    if (!part.startsWith(':')) {
      urls = urls.map((u) => `${u}/${part.replace(/\.:format$/, '.xlsx')}`);
      continue;
    }
    const name = part.slice(1);
    const key = name === 'code' ? 'codes' : name === 'username' ? 'users' : name === 'aid' ? 'attachments' : name === 'itemId' ? 'items' : parts[i - 1]!;
    const query = COLLECTIONS[key];
    if (!query) throw new Error(`no victim objects known for ${pattern} (:${name} after "${parts[i - 1]}"): add it to COLLECTIONS`);
    const values = (await rows(db, query)).slice(0, 4);
    urls = urls.flatMap((u) => values.map((v) => `${u}/${encodeURIComponent(v)}`));
  }
  return urls;
}

describe.each(databaseKinds)('staff writes across districts on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  const routes: RouteOptions[] = [];
  const agents = new Map<string, Agent>();
  let snapshot = '';

  beforeAll(async () => {
    const demo = await demoDatabase(kind, { at: '2026-11-20T10:00:00+08:00' });
    deps = demo;
    const { accounts } = demo;
    app = await buildApp(deps, { logger: false, onRoute: (r) => routes.push(r) });
    snapshot = await stateQuery(deps.db);
    for (const name of [...ATTACKERS, ...OWNERS]) {
      const agent = new Agent(app);
      const res = await agent.login(name, accounts.find((a) => a.username === name)!.password);
      expect(res.statusCode).toBe(303);
      agents.set(name, agent);
    }
  }, 300_000); // the demo publishes its whole compliance history through review
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  /** Each agent posts each form; the victim's state is compared around every single post. */
  async function attempt(names: string[], url: string, untilChanged = false): Promise<{ name: string; status: number; changed: string[] }[]> {
    const out: { name: string; status: number; changed: string[] }[] = [];
    for (const name of names) {
      const agent = agents.get(name)!;
      for (const form of FORMS) {
        await agent.get('/staff');
        const before = await victimState(deps.db, snapshot);
        const res = await agent.post(url, form);
        const after = await victimState(deps.db, snapshot);
        out.push({ name, status: res.statusCode, changed: Object.keys(after).filter((t) => after[t] !== before[t]) });
        if (untilChanged && out.at(-1)!.changed.length > 0) return out;
      }
    }
    return out;
  }

  it('changes nothing of another district, whoever asks and however', async () => {
    const writes = routes.filter((r) => [r.method].flat().some((m) => m !== 'GET' && m !== 'HEAD') && r.url.startsWith('/staff'));
    expect(writes.length).toBeGreaterThan(20);
    const broken: string[] = [];
    const ownersReached = new Set<string>();
    for (const route of writes) {
      for (const url of await urlsOf(deps.db, route.url)) {
        for (const a of await attempt(ATTACKERS, url)) if (a.changed.length > 0) broken.push(`${a.name} POST ${url}`);
        if (!ownersReached.has(route.url) && (await attempt(OWNERS, url, true)).some((a) => a.changed.length > 0)) ownersReached.add(route.url);
      }
    }
    expect([...new Set(broken)]).toEqual([]);
    // The shared forms make these routes act for their rightful users (the user, organisation,
    // catalog channel, review, notification, order, calendar, screen and withdrawal forms among
    // them). Routes whose forms need a state or a file of their own (draft records, uploads)
    // are guarded by this test only as far as a plain form reaches them; per-route forms are next.
    expect(ownersReached.size).toBeGreaterThanOrEqual(14);
  }, 600_000);
});
