/*
 * Rendered public pages kept in memory, bounded by bytes, least recently used first out. What a
 * page may be cached under, and when it is stale, is decided by the app (src/app/publicCache.ts).
 */
import { createHash } from 'node:crypto';

export interface CachedPage {
  /** The content version the page was rendered at; a different current version means stale. */
  version: number;
  /** When it was rendered (ms): pages also age out, see the app's policy. */
  storedAt: number;
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** A strong validator: the same bytes give the same tag on every instance. */
export function strongEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Does an If-None-Match header name this tag (a list, or `*`)? */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

// Per entry: the key, the map slot and the headers, roughly.
const OVERHEAD_BYTES = 512;

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private used = 0;

  /** One page may take an eighth of the budget at most, so one big PDF cannot empty the cache. */
  constructor(private readonly budgetBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page) {
      // Map keeps insertion order: moving the entry to the end marks it recently used.
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    const cost = page.body.length + key.length * 2 + OVERHEAD_BYTES;
    if (cost > this.budgetBytes / 8) return;
    this.entries.set(key, page);
    this.used += cost;
    for (const [oldest] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.used -= page.body.length + key.length * 2 + OVERHEAD_BYTES;
  }
}
