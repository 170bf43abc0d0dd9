import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { AuditActor } from './audit/index.ts';

/** What every use case receives: the database, the clock and the settings. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
  /** Present while one page view is being answered (viewDeps): what it reads once. */
  viewMemo?: Map<string, Promise<unknown>>;
}

// Per request object: the deps of that page view.
const views = new WeakMap<object, Deps>();

/**
 * The deps of one read-only page view (a GET): a value read through `oncePerView` (a version
 * that the header and the body both check) is read once and shared by every part of the page,
 * so the page is one picture of one moment. Never for a request that writes.
 */
export function viewDeps(deps: Deps, request: object): Deps {
  let d = views.get(request);
  if (!d) views.set(request, (d = { ...deps, viewMemo: new Map() }));
  return d;
}

/** `read()` once per page view (see viewDeps), or every time outside one; `fresh` reads again. */
export function oncePerView<T>(deps: Deps, key: string, read: () => Promise<T>, fresh = false): Promise<T> {
  const memo = deps.viewMemo;
  if (!memo) return read();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known && !fresh) return known;
  const value = read();
  memo.set(key, value);
  return value;
}

/** The command-line tool acts under this name in the audit log. */
export function cliActor(): AuditActor {
  const who = process.env.SUDO_USER ?? process.env.USER ?? 'unknown';
  return { id: null, name: `cli:${who}`, ip: null };
}
