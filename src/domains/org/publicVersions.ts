/*
 * The content version of public pages, per organisation, kept in the database so that every
 * instance of the app agrees on it (docs/ARCHITECTURE.md, "Public pages and their cache").
 *
 * A page about organisation X is current as long as its key has not moved:
 *   key(X) = tree(X) + down(X) + down(every ancestor of X)
 * - a change of public content in community C (publish, correct, withdraw) moves `tree` of C and
 *   of every ancestor, up to '/' (the home page covers all organisations);
 * - a change of context at A that pages below A show (its catalog, item settings, a name, a new
 *   child) moves `down` of A and `tree` of A and its ancestors.
 * Both counters only grow, so any change makes the key of each affected page grow.
 */
import { LRUCache } from 'lru-cache';
import type { Deps } from '../../platform/context.ts';
import type { Database, Executor } from '../../platform/db.ts';
import * as repo from './repository.ts';

export type PublicChange = 'content' | 'context';

/** '/220202/220202001/' → ['/', '/220202/', '/220202/220202001/']. */
export function lineagePaths(path: string): string[] {
  const codes = path.split('/').filter(Boolean);
  return ['/', ...codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`)];
}

/**
 * Records, in the caller's transaction, that the public pages of `org` changed. Call it in the
 * same transaction as the change itself, so no reader sees new data under an old version.
 */
export async function bumpPublicVersion(tx: Executor, org: { path: string } | number, change: PublicChange): Promise<void> {
  const path = typeof org === 'number' ? await repo.orgPathById(tx, org) : org.path;
  if (!path) return;
  await repo.bumpPublicVersions(tx, lineagePaths(path), change === 'context' ? path : null);
}

/**
 * Records, in the caller's transaction, a publication of `org` that goes live at `at` (定时发布):
 * the keys of its lineage move again at that moment, with no write then.
 */
export async function schedulePublicChange(tx: Executor, org: { path: string }, at: Date): Promise<void> {
  await repo.schedulePublic(tx, lineagePaths(org.path), at);
}

/** Folds scheduled publications gone live into the counters (the hourly job): keys stay, rows go. */
export async function foldPublicSchedule(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  return deps.db.transaction((tx) => repo.foldPassedSchedule(tx, deps.clock.now()));
}

// An embedded database has one writer, this process: a key read from it stays true until one of
// our own transactions commits (or a scheduled publication goes live), so it is remembered until
// then. PostgreSQL may have other writers (other instances): there the key is read on every
// request (one primary-key lookup).
interface Remembered {
  key: number;
  /** When a scheduled publication makes the key move (ms), if one is due. */
  until: number | null;
}
const remembered = new WeakMap<Database, { commits: number; keys: Map<string, Remembered> }>();
const MAX_REMEMBERED = 10_000;

/** The keys remembered for `db` (embedded only), forgotten when one of our transactions commits. */
function memoOf(db: Database): Map<string, Remembered> | null {
  if (db.kind !== 'pglite') return null;
  const commits = db.commits;
  let memo = remembered.get(db);
  if (!memo || memo.commits !== commits) remembered.set(db, (memo = { commits, keys: new Map() }));
  if (memo.keys.size >= MAX_REMEMBERED) memo.keys.clear();
  return memo.keys;
}

/** The version key of the public pages of the organisation at `path` ('/' for the home page), now. */
export async function publicVersionOf(deps: Pick<Deps, 'db' | 'clock'>, path: string): Promise<number> {
  const memo = memoOf(deps.db);
  const now = deps.clock.now();
  const known = memo?.get(path);
  if (known && (known.until === null || now.getTime() < known.until)) return known.key;
  const { key, nextAt } = await repo.publicVersionKey(deps.db.orm, path, lineagePaths(path), now);
  memo?.set(path, { key, until: nextAt?.getTime() ?? null });
  return key;
}

/**
 * The context version of each path: the `down` counters of it and its ancestors, which move with
 * every change of what pages below show besides records (catalog, item settings, channels, names).
 * What is derived from context alone (the effective catalog) can be kept under it. One statement
 * for any number of paths; none on the embedded database once read.
 */
export async function contextVersionsOf(deps: Pick<Deps, 'db'>, paths: string[]): Promise<Map<string, number>> {
  const memo = memoOf(deps.db);
  const out = new Map<string, number>();
  const missing = paths.filter((p) => {
    const known = memo?.get(`ctx:${p}`);
    if (known !== undefined) out.set(p, known.key);
    return known === undefined;
  });
  if (missing.length === 0) return out;
  const counters = await repo.downCounters(deps.db.orm, [...new Set(missing.flatMap(lineagePaths))]);
  for (const p of missing) {
    const key = lineagePaths(p).reduce((sum, q) => sum + (counters.get(q) ?? 0), 0);
    memo?.set(`ctx:${p}`, { key, until: null });
    out.set(p, key);
  }
  return out;
}

/**
 * A store of what is derived from an organisation's context alone (its effective catalog, its
 * item settings), kept per database under the organisation's context version: `get` answers the
 * kept values in one statement (none on the embedded database once read) and loads the rest
 * together through `load`. Bounded by `sizeOf` (a catalog's items, say): a district's 2,000
 * communities of 100 items each would otherwise hold tens of MB. Callers share the values
 * returned: read them, never change them.
 */
export function keptUnderContext<T>(bound: { maxSize: number; sizeOf(value: T): number }) {
  const kept = new WeakMap<Database, LRUCache<string, { value: T }>>();
  return async function get(deps: Pick<Deps, 'db'>, orgs: repo.OrgRow[], load: (missing: repo.OrgRow[]) => Promise<Map<number, T>>): Promise<Map<number, T>> {
    const out = new Map<number, T>();
    if (orgs.length === 0) return out;
    let cache = kept.get(deps.db);
    if (!cache) kept.set(deps.db, (cache = new LRUCache({ maxSize: bound.maxSize, sizeCalculation: ({ value }) => Math.max(1, bound.sizeOf(value)) })));
    const versions = await contextVersionsOf(deps, orgs.map((o) => o.path));
    const keyOf = (org: repo.OrgRow) => `${org.id}:${org.name}:${versions.get(org.path)}`;
    const missing = orgs.filter((org) => {
      const hit = cache.get(keyOf(org));
      if (hit) out.set(org.id, hit.value);
      return !hit;
    });
    if (missing.length === 0) return out;
    const loaded = await load(missing);
    for (const org of missing) {
      if (!loaded.has(org.id)) continue;
      const value = loaded.get(org.id) as T;
      out.set(org.id, value);
      cache.set(keyOf(org), { value });
    }
    return out;
  };
}
