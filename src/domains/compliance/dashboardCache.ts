/*
 * Dashboards kept in memory between staff page views. A view is kept under its district's
 * dashboard version (dashboardRepository.dashboardVersion: counters that triggers move in the
 * same transaction as every change a dashboard counts) and the Beijing day (statuses move with
 * “today”). The version is read before the view is computed, so a change committed meanwhile
 * leaves the kept view under the older version, never under the newer: every instance sees a
 * change on its next request. Concurrent requests for a view not yet kept share one computation.
 */
import { LRUCache } from 'lru-cache';
import { oncePerView, type Deps } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { beijingDate } from '../../platform/time.ts';
import { dashboardVersion } from './dashboardRepository.ts';

interface Kept {
  version: string;
  value: Promise<unknown>;
  /** How many communities the view covers: what its memory grows with. */
  size: number;
}

// A district's matrix by item (1,000 communities × ~25 items) holds ~3 MB: at most a few
// districts' worth of views are kept; staff look at a few areas at a time.
const MAX_COMMUNITIES = 5_000;
const kept = new WeakMap<Database, LRUCache<string, Kept>>();

function cacheOf(db: Database): LRUCache<string, Kept> {
  let cache = kept.get(db);
  if (!cache) kept.set(db, (cache = new LRUCache({ maxSize: MAX_COMMUNITIES, sizeCalculation: (k) => Math.max(1, k.size) })));
  return cache;
}

/**
 * The district's dashboard version as of now (read before computing what is kept under it);
 * once per page view, shared by the header's to-dos and the page; `fresh` after a write.
 */
export function versionOf(deps: Deps, districtCode: string, fresh = false): Promise<string> {
  return oncePerView(deps, `dashboard-version:${districtCode}`, () => dashboardVersion(deps.db.orm, districtCode), fresh);
}

/**
 * The value kept under `key` for `version` and today, or `compute()`'s, then kept. A failure is
 * not kept. `key` names the view and everything it depends on besides the version and the day;
 * `size`: the communities the value covers, once computed. Callers share the value: read it,
 * never change it.
 */
export function keptView<T>(deps: Deps, key: string, version: string, compute: () => Promise<T>, size: (value: T) => number = () => 1): Promise<T> {
  const cache = cacheOf(deps.db);
  const full = `${key}|${beijingDate(deps.clock.now())}`;
  const hit = cache.get(full);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  const entry: Kept = { version, value, size: 1 };
  cache.set(full, entry);
  value.then(
    (v) => {
      if (cache.get(full) === entry) cache.set(full, { ...entry, size: size(v) });
    },
    () => {
      if (cache.get(full) === entry) cache.delete(full);
    },
  );
  return value;
}
