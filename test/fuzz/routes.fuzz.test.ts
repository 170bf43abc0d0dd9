/*
 * Fuzzed requests to every route of the app (issue 13 item 4). The routes are not a hand list:
 * they are collected from the app itself (an onRoute hook on the Fastify instance buildApp
 * makes), and the fields of each form are read from the forms the app renders.
 *
 * For each route and a few roles (anonymous, district / street admin, editor, supervisor,
 * resident, an admin of a foreign district), fast-check sends random field values — NUL, lone
 * surrogates, huge strings, arrays, nested objects, numbers, unicode — as urlencoded, JSON and
 * multipart bodies (well-formed and broken) to every POST route, and random query strings and
 * path parameters to every GET route. Properties of every answer:
 *   - no 5xx (503 allowed: "busy"),
 *   - no hang: each request answers within 5 s,
 *   - every error message a user sees is Chinese: the JSON `{ error }` when asked with
 *     `accept: application/json`, and the HTML error page's / form's `role="alert"` message.
 *
 * Runs on PGlite; also on PostgreSQL when TEST_DATABASE_URL is set.
 * CI: fixed seed, a few cases per route and role (about 20–30 s per database).
 * Longer: FUZZ_RUNS=200 npx vitest run test/fuzz/routes.fuzz.test.ts   (cases per route; see test/support/fuzz.ts)
 */
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app/buildApp.ts';
import { SESSION_COOKIE } from '../../src/domains/org/index.ts';
import { databaseKinds, type TestDeps } from '../support/db.ts';
import { demoDatabase } from '../support/demo.ts';
import { addUser, PASSWORD } from '../support/fixtures.ts';
import { CALL_LIMIT_MS, englishWords, hostileString, hugeString, NASTY_STRINGS, params, runs, within } from '../support/fuzz.ts';

// Every Fastify instance made in this file reports its routes here.
const seen = vi.hoisted(() => ({ routes: [] as { method: string; url: string }[] }));
vi.mock('fastify', async (importOriginal) => {
  const mod = (await importOriginal()) as { default: (opts?: unknown) => FastifyInstance };
  const wrapped = Object.assign((opts?: unknown) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) seen.routes.push({ method: String(method), url: route.url });
    });
    return app;
  }, mod.default);
  return { ...mod, default: wrapped, fastify: wrapped };
});

// ---------------------------------------------------------------------------------------------
// A small client: one cookie jar per role, the CSRF token of the last page, its own address.

interface Answer {
  status: number;
  type: string;
  body: string;
  headers: Record<string, unknown>;
}

class Client {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    readonly role: string,
    readonly address: string,
  ) {}

  private remember(res: { headers: Record<string, unknown>; body: string }) {
    const set = res.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair, ...attrs] = String(line).split(';');
      const [name, ...rest] = pair!.split('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), rest.join('='));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
  }

  signedInAs: string | null = null;

  get signedIn(): boolean {
    return this.cookies.has(SESSION_COOKIE);
  }

  toString() {
    return `Client(${this.role})`;
  }

  [fc.toStringMethod]() {
    return `Client(${this.role})`;
  }

  async send(opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<Answer> {
    const started = performance.now();
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await within(
      CALL_LIMIT_MS,
      `${opts.method} ${opts.url.slice(0, 200)} as ${this.role}`,
      this.app.inject({ method: opts.method as 'GET', url: opts.url, payload: opts.payload, remoteAddress: this.address, headers: { cookie, ...opts.headers } }),
    );
    this.remember(res);
    const ms = performance.now() - started;
    if (process.env.FUZZ_DEBUG && ms > 200) console.log(`slow ${Math.round(ms)} ms: ${opts.method} ${opts.url.slice(0, 120)} as ${this.role} → ${res.statusCode}`);
    return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body, headers: res.headers };
  }

  async login(username: string, password: string) {
    await this.send({ method: 'GET', url: '/login' });
    const body = new URLSearchParams({ _csrf: this.csrf ?? '', username, password }).toString();
    const res = await this.send({ method: 'POST', url: '/login', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (res.status !== 303) throw new Error(`login of ${username} answered ${res.status}`);
    this.signedInAs = username;
    await this.send({ method: 'GET', url: '/staff' });
  }
}

// ---------------------------------------------------------------------------------------------
// What a user sees

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

const textOf = (html: string) => decodeEntities(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** The messages an answer shows the user: JSON `error`, the alerts of a page, else an error page's main text. */
function userMessages(answer: Answer): string[] {
  if (answer.type.includes('application/json')) {
    if (answer.status < 400) return [];
    try {
      const error = (JSON.parse(answer.body) as { error?: unknown }).error;
      return [typeof error === 'string' ? error : `(no error field) ${answer.body.slice(0, 200)}`];
    } catch {
      return [`(not JSON) ${answer.body.slice(0, 200)}`];
    }
  }
  if (answer.type.includes('text/html')) {
    const alerts = [...answer.body.matchAll(/<(\w+)[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => textOf(m[2]!));
    if (alerts.length > 0 || answer.status < 400) return alerts;
    const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(answer.body)?.[1] ?? answer.body;
    return [textOf(/<h1[\s\S]*?<\/p>/.exec(main)?.[0] ?? main)];
  }
  if (answer.status >= 400 && answer.type.includes('text/plain')) return [answer.body.slice(0, 300)];
  return [];
}

/**
 * Bugs this suite found that are reported and not yet fixed, each kept as an explicit failing case
 * in 'kept cases: malformed addresses' below. The random property sets them aside (and prints
 * them) so that it guards everything else; remove an entry once its kept case passes.
 */
// Problems found by this suite and not fixed yet, set aside so everything else stays guarded.
// (Fixed: addresses Fastify refused before routing were answered in English; http.ts frameworkErrors.)
const KNOWN_BUGS: RegExp[] = [];

interface Sent {
  what: string;
  echoed: string[];
}

/** Problems with one answer: a 5xx, or a message that is not Chinese. */
function answerProblems(answer: Answer, sent: Sent): string[] {
  const problems: string[] = [];
  if (answer.status >= 500 && answer.status !== 503) problems.push(`${answer.status} for ${sent.what}`);
  for (const message of userMessages(answer)) {
    const english = englishWords(message, sent.echoed);
    if (english.length > 0 || (answer.status >= 400 && !/[\u4e00-\u9fff]/.test(message))) {
      problems.push(`${answer.status} message not Chinese (${english.join(' ')}): ${JSON.stringify(message.slice(0, 200))} for ${sent.what}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** A value for a form field, in every shape a body parser can deliver. */
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: hostileString(30) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(1e308), fc.constant(-0)) },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('a', '__proto__', 'constructor', '0', ''), hostileString(6)), tie('v'), { maxKeys: 3 }) },
  ),
})).v;

const formValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 6, arbitrary: hostileString(40) },
  { weight: 1, arbitrary: hugeString(120_000) },
  { weight: 2, arbitrary: fc.array(hostileString(10), { minLength: 2, maxLength: 3 }) },
);

/** Field names: those of the route's form, plus a few the route does not expect. */
function fieldNames(known: string[]): fc.Arbitrary<string[]> {
  const extra = fc.array(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'a[b]', 'file', 'id', '_csrf2'), hostileString(8)), { maxLength: 2 });
  return fc.tuple(known.length > 0 ? fc.subarray(known) : fc.constant([] as string[]), extra).map(([a, b]) => [...new Set([...a, ...b])]);
}

type Body =
  | { kind: 'form'; fields: [string, string | string[]][] }
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; fields: [string, string][]; file: { name: string; bytes: Uint8Array } | null; damage: 'none' | 'no-boundary' | 'truncated' | 'wrong-boundary' }
  | { kind: 'raw'; type: string; bytes: Uint8Array };

function body(known: string[]): fc.Arbitrary<Body> {
  const names = fieldNames(known);
  return fc.oneof(
    { weight: 4, arbitrary: names.chain((ns) => fc.tuple(...ns.map((n) => formValue.map((v) => [n, v] as [string, string | string[]])))).map((fields): Body => ({ kind: 'form', fields })) },
    {
      weight: 2,
      arbitrary: names
        .chain((ns) => fc.tuple(...ns.map((n) => jsonValue.map((v) => [n, v] as const))))
        .map((pairs): Body => ({ kind: 'json', value: Object.fromEntries(pairs) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          names.chain((ns) => fc.tuple(...ns.map((n) => hostileString(30).map((v) => [n, v] as [string, string])))),
          fc.option(fc.record({ name: fc.oneof(fc.constantFrom('a.xlsx', 'a.docx', 'a.txt', 'a.pdf', 'a.png', '', '../../x', 'a\u0000.txt'), hostileString(12)), bytes: fc.uint8Array({ maxLength: 600 }) })),
          fc.constantFrom('none', 'none', 'no-boundary', 'truncated', 'wrong-boundary'),
        )
        .map(([fields, file, damage]): Body => ({ kind: 'multipart', fields, file, damage: damage as 'none' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/xml', 'image/png', ''), fc.uint8Array({ maxLength: 300 }))
        .map(([type, bytes]): Body => ({ kind: 'raw', type, bytes })),
    },
  );
}

function encode(b: Body, csrf: string | null, withCsrf: boolean): { payload: string | Buffer; headers: Record<string, string>; echoed: string[] } {
  const token = withCsrf ? (csrf ?? '') : '';
  switch (b.kind) {
    case 'form': {
      const params = new URLSearchParams();
      if (withCsrf) params.append('_csrf', token);
      for (const [k, v] of b.fields) for (const one of [v].flat()) params.append(k, one);
      return { payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, echoed: b.fields.flatMap(([k, v]) => [k, v].flat()) };
    }
    case 'json':
      return {
        payload: JSON.stringify(b.value),
        headers: { 'content-type': 'application/json', ...(withCsrf ? { 'x-csrf-token': token } : {}) },
        echoed: JSON.stringify(b.value).match(/"(?:[^"\\]|\\.)*"/g)?.map((s) => { try { return JSON.parse(s) as string; } catch { return s; } }) ?? [],
      };
    case 'multipart': {
      const boundary = '----fuzz' + 'x'.repeat(8);
      const fields: [string, string][] = withCsrf ? [['_csrf', token], ...b.fields] : b.fields;
      const parts = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k.replace(/["\r\n]/g, '_')}"\r\n\r\n${v}\r\n`));
      if (b.file) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${b.file.name.replace(/["\r\n]/g, '_')}"\r\ncontent-type: application/octet-stream\r\n\r\n`), Buffer.from(b.file.bytes), Buffer.from('\r\n'));
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      let payload = Buffer.concat(parts);
      let type = `multipart/form-data; boundary=${boundary}`;
      if (b.damage === 'no-boundary') type = 'multipart/form-data';
      if (b.damage === 'wrong-boundary') type = 'multipart/form-data; boundary=other';
      if (b.damage === 'truncated') payload = payload.subarray(0, Math.max(1, payload.length >> 1));
      return { payload, headers: { 'content-type': type }, echoed: [...b.fields.flat(), b.file?.name ?? ''] };
    }
    case 'raw':
      return { payload: Buffer.from(b.bytes), headers: b.type ? { 'content-type': b.type } : {}, echoed: [] };
  }
}

const QUERY_KEYS = ['q', 'org', 'next', 'page', 'month', 'year', 'status', 'kind', 'code', 'done', 'created', 'expired', 'bye', 'from', 'to', 'item', 'format', 'id', 'n', 'week', 'view', 'sort', 'street', 'period', 'saved', 'error'];

const queryString: fc.Arbitrary<{ query: string; echoed: string[] }> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString(6)), fc.oneof(hostileString(30), fc.constantFrom(...NASTY_STRINGS))), { maxLength: 5 })
      .map((pairs) => ({ query: pairs.map(([k, v]) => `${uriPart(k)}=${uriPart(v)}`).join('&'), echoed: pairs.flat() })),
  },
  // Broken percent-encoding, brackets, repeated keys, a very long value.
  { weight: 2, arbitrary: fc.constantFrom('%', 'q=%', 'q=%E0%A4%A', 'q=%00', 'q=%ED%A0%80', 'q[]=1&q[]=2', 'q[a][b]=1', 'q=1&q=2&q=3', 'next=%2F%09%2Fevil.example', 'month=2026-13', 'page=-1', 'page=1e309', '&&&==&=', 'org=%FF%FE').map((query) => ({ query, echoed: [] })) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => ({ query: `q=${'中'.repeat(n)}`, echoed: ['中'.repeat(Math.min(n, 3))] })) },
);

// ---------------------------------------------------------------------------------------------
// Routes and the concrete addresses to try for them

interface Route {
  method: string;
  url: string;
  /** Matches a concrete path. */
  pattern: RegExp;
  params: string[];
}

function toRoute(method: string, url: string): Route {
  const params: string[] = [];
  const source = url
    .split(/(:[A-Za-z]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) {
        params.push(part.slice(1));
        return '[^/]+';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { method, url, pattern: new RegExp(`^${source}$`), params };
}

/** Path parameter values by name: real ones first (from the demo data), then hostile ones. */
const PARAM_VALUES: Record<string, string[]> = {
  id: ['1', '2', '3', '5', '8', '13', '999999', '0', '-1', 'abc', '1.5', '1e3', '9'.repeat(30), 'aaaaaaaa'],
  itemId: ['1', '2', '10', '999999', '0', 'x'],
  aid: ['1', '2', '999999', '0', 'x'],
  n: ['1', '2', '0', '10001', 'x'],
  code: ['220202004001', '530102012001', '220202004', '220202', '530102', '999999', '22020200400', 'abc'],
  username: ['fuzz-victim', 'nobody', 'a'.repeat(200)],
  token: ['0'.repeat(64), 'abc', 'a'.repeat(500)],
  file: ['220202004001.rss', '220202004001.atom', '220202004001.json', 'atom.xml', 'x.exe'],
  format: ['xlsx', 'pdf', 'csv', 'exe'],
  month: ['2026-11', '2026-10', '2026-13', '0000-00', 'x'],
  weight: ['400', '700', '900', 'x'],
  name: ['app.css', 'favicon.svg', 'screen.js', '..%2f..%2fpackage.json', '..', '%00'],
};

/** Percent-encodes text; a lone surrogate becomes the bytes ED A0 80 (invalid UTF-8), as a hostile client would send. */
function uriPart(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80');
}

const hostileSegment = fc.oneof(hostileString(20).map(uriPart), fc.constantFrom('%00', '%E0%A4%A', '..', '%2e%2e', '%2F', '%ED%A0%80', '%FF'));

/** A concrete address for a route: a crawled one, or its pattern filled with known or hostile values. */
function address(route: Route, crawled: string[]): fc.Arbitrary<string> {
  const filled = fc
    .tuple(...route.params.map((p) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(PARAM_VALUES[p] ?? ['1'])) }, { weight: 1, arbitrary: hostileSegment })))
    .map((values) => {
      let i = 0;
      return route.url.replace(/:[A-Za-z]+/g, () => values[i++]!).replace('*', 'static/../../etc/passwd');
    });
  if (route.params.length === 0 && !route.url.includes('*')) return fc.constant(route.url);
  return crawled.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...crawled) }, { weight: 1, arbitrary: filled }) : filled;
}

// ---------------------------------------------------------------------------------------------

const ACCOUNTS = [
  ['district', 'changyi-admin'],
  ['street', 'yanan-street'],
  ['editor', 'yanan-editor'],
  ['supervisor', 'yanan-supervisor'],
  ['foreign-admin', 'wuhua-admin'],
] as const;

describe.each(databaseKinds)('every route under fuzzed input on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let routes: Route[] = [];
  const clients: Client[] = [];
  const passwords = new Map<string, string>();
  /** Concrete paths seen in pages (links and form actions), by route. */
  const crawled = new Map<Route, Set<string>>();
  /** Field names of the forms posting to each route. */
  const fields = new Map<Route, Set<string>>();
  const problems: string[] = [];

  const routeOf = (method: string, path: string) => routes.find((r) => r.method === method && r.pattern.test(path));

  /** Addresses that would disable or lock the accounts the fuzzing signs in with. */
  const ours = (path: string) => /\/staff\/users\/(?!fuzz-victim)[^/]+\/disable/.test(path);

  function learn(html: string) {
    for (const m of html.matchAll(/href="(\/[^"#?]*)/g)) {
      const path = decodeEntities(m[1]!);
      for (const method of ['GET']) {
        const r = routeOf(method, path);
        if (r && r.params.length > 0) crawled.get(r)!.add(path);
      }
    }
    for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
      const action = decodeEntities(/action="([^"]*)"/.exec(m[1]!)?.[1] ?? '');
      const method = (/method="([^"]*)"/i.exec(m[1]!)?.[1] ?? 'GET').toUpperCase();
      const path = action.split('?')[0]!;
      const r = routeOf(method === 'POST' ? 'POST' : 'GET', path);
      if (!r) continue;
      if (r.params.length > 0 && !ours(path)) crawled.get(r)!.add(path);
      for (const f of m[2]!.matchAll(/name="([^"]+)"/g)) if (f[1] !== '_csrf') fields.get(r)!.add(decodeEntities(f[1]!));
    }
  }

  /** Signs a role's client in again when a fuzzed request ended its session (e.g. a password change). */
  async function revive(client: Client) {
    const password = passwords.get(client.role);
    if (password && !client.signedIn) await client.login(ACCOUNTS.find(([r]) => r === client.role)?.[1] ?? 'fuzz-resident', password).catch(() => undefined);
  }

  beforeAll(async () => {
    const demo = await demoDatabase(kind, { at: '2026-11-22T10:00:00+08:00', env: { LOGIN_RATE_LIMIT: '10000' } });
    deps = demo;
    const { accounts } = demo;
    await addUser(deps, 'fuzz-resident', 'resident', '220202004001');
    await addUser(deps, 'fuzz-victim', 'editor', '220202004001');
    seen.routes = [];
    app = await buildApp(deps, { logger: false });
    await app.ready();
    routes = seen.routes.filter((r) => r.method === 'GET' || r.method === 'POST').map((r) => toRoute(r.method, r.url));
    for (const r of routes) {
      crawled.set(r, new Set());
      fields.set(r, new Set());
    }
    clients.push(new Client(app, 'anonymous', '10.0.0.1'));
    let n = 2;
    for (const [role, username] of ACCOUNTS) {
      const client = new Client(app, role, `10.0.0.${n++}`);
      const password = accounts.find((a) => a.username === username)!.password;
      passwords.set(role, password);
      await client.login(username, password);
      clients.push(client);
    }
    const resident = new Client(app, 'resident', `10.0.0.${n++}`);
    passwords.set('resident', PASSWORD);
    await resident.login('fuzz-resident', PASSWORD);
    clients.push(resident);
    const crawlStarted = performance.now();
    await clients[0]!.send({ method: 'GET', url: '/login' });
    // Crawl: every GET route as every role, filled with known values, to learn real addresses and forms.
    for (const client of clients) {
      for (const r of routes.filter((x) => x.method === 'GET')) {
        const urls = r.params.length === 0 ? [r.url.replace('*', 'static/app.css')] : [r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => PARAM_VALUES[p]?.[0] ?? '1')];
        for (const url of urls) {
          const res = await client.send({ method: 'GET', url });
          problems.push(...answerProblems(res, { what: `crawl GET ${url} as ${client.role}`, echoed: [] }));
          if (res.type.includes('text/html')) learn(res.body);
        }
      }
      // Second round on the addresses learnt (real record, catalog and obligation ids).
      for (const [r, paths] of crawled) {
        if (r.method !== 'GET' || !['district', 'editor', 'anonymous'].includes(client.role)) continue;
        for (const url of [...paths].slice(0, 1)) {
          const res = await client.send({ method: 'GET', url });
          problems.push(...answerProblems(res, { what: `crawl GET ${url} as ${client.role}`, echoed: [] }));
          if (res.type.includes('text/html')) learn(res.body);
        }
      }
      await revive(client);
    }
    if (process.env.FUZZ_DEBUG) console.log(`crawl ${Math.round(performance.now() - crawlStarted)} ms`);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
    const workers = (await import('../../src/platform/workers.ts').catch(() => null)) as { closeWorkers?: () => Promise<void> } | null;
    await workers?.closeWorkers?.();
  });

  it('found the app\'s routes and forms', () => {
    expect(routes.length).toBeGreaterThan(60);
    for (const r of routes) expect(app.hasRoute({ method: r.method as 'GET', url: r.url }), `${r.method} ${r.url}`).toBe(true);
    const withFields = routes.filter((r) => r.method === 'POST' && fields.get(r)!.size > 0);
    expect(withFields.length, 'POST routes whose form fields were read from a page').toBeGreaterThan(20);
  });

  it('crawling every page as every role: no 5xx, Chinese messages', () => {
    expect(problems).toEqual([]);
  });

  it('kept cases: hostile bodies the issue reported, on every POST route', async () => {
    const found: string[] = [];
    const staff = clients.filter((c) => c.role === 'district' || c.role === 'editor' || c.role === 'anonymous');
    let routeIndex = 0;
    for (const r of routes.filter((x) => x.method === 'POST')) {
      const url = [...crawled.get(r)!][0] ?? r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => PARAM_VALUES[p]?.[0] ?? '1');
      const names = [...fields.get(r)!];
      const all = names.length > 0 ? names : ['title', 'name'];
      const cases: [string, Body][] = [
        ['NUL in every field', { kind: 'form', fields: all.map((n) => [n, 'a\u0000b']) }],
        ['an array for every field', { kind: 'form', fields: all.map((n) => [n, ['1', '2']]) }],
        ['an object for every field (JSON)', { kind: 'json', value: Object.fromEntries(all.map((n) => [n, { a: { b: ['x'] } }])) }],
        ['a number for every field (JSON)', { kind: 'json', value: Object.fromEntries(all.map((n) => [n, 1e20])) }],
        ['a huge value in the first field', { kind: 'form', fields: all.map((n, i) => [n, i === 0 ? '中'.repeat(80_000) : 'x']) }],
        ['multipart without boundary', { kind: 'multipart', fields: all.map((n) => [n, 'x']), file: null, damage: 'no-boundary' }],
        ['truncated multipart with a file', { kind: 'multipart', fields: all.map((n) => [n, 'x']), file: { name: 'a.xlsx', bytes: new Uint8Array(300).fill(65) }, damage: 'truncated' }],
        ['broken JSON', { kind: 'raw', type: 'application/json', bytes: new TextEncoder().encode('{"title": "a"') }],
      ];
      // Each case once, rotating over the roles and the two kinds of answer.
      for (const [i, [what, b]] of cases.entries()) {
        const client = staff[(i + routeIndex) % staff.length]!;
        const accept = i % 2 === 0 ? 'text/html' : 'application/json';
        const { payload, headers, echoed } = encode(b, client.csrf, true);
        const res = await client.send({ method: 'POST', url, payload, headers: { ...headers, accept } });
        found.push(...answerProblems(res, { what: `${what}: POST ${url} as ${client.role} (${accept})`, echoed }));
        await revive(client);
      }
      routeIndex++;
    }
    expect(found).toEqual([]);
  }, 300_000);

  // Found by this suite: Fastify answered these itself in English; now a Chinese 400 / 414.
  it.each([
    ['GET', '/o/%FF', 'text/html'],
    ['GET', '/r/%ED%A0%80', 'application/json'],
    ['GET', '/r/abc/v/1/files/%FF', 'text/html'],
    ['GET', `/unsubscribe/${'a'.repeat(101)}`, 'text/html'],
    ['POST', `/subscriptions/${'a'.repeat(101)}/confirm`, 'application/json'],
  ])('kept cases: malformed addresses: %s %s (%s) answer in Chinese', async (method, url, accept) => {
    const res = await clients[0]!.send({ method, url, headers: { accept } });
    expect(answerProblems(res, { what: `${method} ${url}`, echoed: [] })).toEqual([]);
  });

  it('random bodies to every POST route, random queries to every GET route', async () => {
    const found = new Set<string>();
    const known = new Set<string>();
    const anyClient = fc.nat({ max: clients.length - 1 }).map((i) => clients[i]!);
    for (const r of routes) {
      const paths = [...crawled.get(r)!];
      const isPost = r.method === 'POST';
      // Signing out is fuzzed anonymously: a signed-in role would have to sign in again (slow).
      const clientArb = r.url === '/logout' ? fc.constant(clients[0]!) : anyClient;
      const request = isPost
        ? fc.tuple(clientArb, address(r, paths), body([...fields.get(r)!]), fc.constantFrom(true, true, true, false), fc.constantFrom('text/html', 'application/json'))
        : fc.tuple(clientArb, address(r, paths), queryString, fc.constant(true), fc.constantFrom('text/html', 'application/json'));
      await fc.assert(
        fc.asyncProperty(request, async ([client, url, input, withCsrf, accept]) => {
          await revive(client);
          let res: Answer;
          let sent: Sent;
          if (isPost) {
            const { payload, headers, echoed } = encode(input as Body, client.csrf, withCsrf as boolean);
            res = await client.send({ method: 'POST', url, payload, headers: { ...headers, accept } });
            sent = { what: `POST ${url} ${(input as Body).kind} as ${client.role} (${accept}): ${JSON.stringify(input).slice(0, 300)}`, echoed: [...echoed, ...url.split('/').map(safeDecode)] };
          } else {
            const { query, echoed } = input as { query: string; echoed: string[] };
            const full = query ? `${url}?${query}` : url;
            res = await client.send({ method: 'GET', url: full, headers: { accept } });
            sent = { what: `GET ${full.slice(0, 300)} as ${client.role} (${accept})`, echoed: [...echoed, ...url.split('/').map(safeDecode)] };
          }
          for (const x of answerProblems(res, sent)) {
            if (KNOWN_BUGS.some((k) => k.test(x))) known.add(x);
            else found.add(x);
          }
          // Record, do not stop: every route gets its cases even when one fails.
          return true;
        }),
        params(isPost ? 6 : 3, { numRuns: runs(isPost ? 6 : 3) }),
      );
    }
    if (known.size > 0) console.log(`known bugs met (${known.size}), see KNOWN_BUGS:\n${[...known].slice(0, 5).join('\n')}`);
    expect([...found]).toEqual([]);
  }, Math.max(240_000, runs(6) * 120 * 400));
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
