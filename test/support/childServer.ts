import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * The real `gongkai` command in a child process, and a tiny browser over fetch that talks to it:
 * for tests that must kill, restart or otherwise treat the server as an operator would.
 */

const BIN = 'bin/gongkai.mjs';
const START_WORDS = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
/** The node flags and environment (malloc's) `npm start` sets (package.json), so tests and benchmarks run the server as users do. */
const START_FLAGS: string[] = START_WORDS.filter((word) => word.startsWith('--'));
const START_ENV = Object.fromEntries(START_WORDS.slice(0, START_WORDS.indexOf('node')).map((word) => word.split('=', 2)));

export interface ChildServer {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the address once `公开平台已启动：URL` is printed; rejects if the process exits first. */
  ready: Promise<string>;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Starts `gongkai serve` with PORT=0; `env` adds to (or, with '', clears) the parent's environment. */
export function spawnServer(env: Record<string, string>): ChildServer {
  const child = spawn(process.execPath, [...START_FLAGS, BIN, 'serve'], {
    env: { ...process.env, ...START_ENV, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<string>((resolve, reject) => {
    const look = () => {
      const url = /公开平台已启动：(\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    };
    child.stdout.on('data', look);
    void exited.then(({ code, signal }) => reject(new Error(`gongkai serve exited (${signal ?? code}) before it listened:\n${out}`)));
  });
  ready.catch(() => undefined); // the caller awaits it; an early exit must not be an unhandled rejection
  return { child, ready, exited, output: () => out };
}

/** The demo accounts printed once on the first start: username → password. */
export function demoPasswords(output: string): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const m of output.matchAll(/^ {2}([a-z][a-z0-9-]+)\s+(\S+)\s{3}/gm)) accounts.set(m[1]!, m[2]!);
  return accounts;
}

/** Runs a `gongkai` command to the end without blocking the test's event loop. */
export function runGongkai(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

export interface Page {
  status: number;
  location: string | null;
  body: string;
}

/**
 * A browser over real HTTP: keeps cookies, follows no redirects (the test reads them), and sends
 * the CSRF token of the last page it saw with each form, as test/support/http.ts's Agent does
 * over inject.
 */
export class FetchAgent {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    readonly base: string,
    private readonly timeoutMs = 120_000,
  ) {}

  private async send(method: 'GET' | 'POST', path: string, body?: string): Promise<Page> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /^max-age=0$/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), rest.join('='));
    }
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, location: res.headers.get('location'), body: text };
  }

  get(path: string): Promise<Page> {
    return this.send('GET', path);
  }

  /** Posts a form with `_csrf` from the last page. */
  post(path: string, form: Record<string, string>): Promise<Page> {
    return this.send('POST', path, new URLSearchParams({ ...(this.csrf ? { _csrf: this.csrf } : {}), ...form }).toString());
  }

  async login(username: string, password: string): Promise<Page> {
    await this.get('/login');
    return this.post('/login', { username, password });
  }
}
