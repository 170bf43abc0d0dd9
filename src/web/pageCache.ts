/*
 * Rendered public pages kept in memory, bounded by bytes, least recently used first out. What a
 * page may be cached under, and when it is stale, is decided by the app (src/app/publicCache.ts).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** One form of a page as sent: its bytes, and every header that goes with them. */
export interface PageBytes {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

// Text pages shrink four- to sixfold; PDFs and images are compressed already.
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|feed\+json))/;
const MIN_COMPRESSED_BYTES = 1024;

/** The gzip form of a page, compressed once when it is kept (null when it would not pay). */
export function gzipForm(page: PageBytes): PageBytes | null {
  if (page.body.length < MIN_COMPRESSED_BYTES || !COMPRESSIBLE.test(page.headers['content-type'] ?? '')) return null;
  const body = gzipSync(page.body);
  // A strong validator names one representation: the compressed bytes get a tag of their own.
  const etag = `${page.etag.slice(0, -1)}-gz"`;
  return { body, etag, headers: { ...page.headers, etag, 'content-encoding': 'gzip', 'content-length': String(body.length) } };
}

/**
 * Does an Accept-Encoding header take gzip? Its own entry decides when there is one (`gzip;q=0`
 * refuses it whatever `*` says), else `*`; an entry without q, or with q > 0, takes it.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  // On every cached hit: two numbers, not a table of every coding the browser lists.
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.toLowerCase().split(';');
    const name = coding.trim();
    if (name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (name === '*') any = weight;
    else gzip = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}

/** The form of a cached page to send to a client with this Accept-Encoding. */
export function formFor(page: CachedPage, acceptEncoding: string | undefined): PageBytes {
  return page.gzip && acceptsGzip(acceptEncoding) ? page.gzip : page;
}

export interface CachedPage extends PageBytes {
  /** The content version the page was rendered at; a different current version means stale. */
  version: number;
  /** The same page gzip-compressed, for clients that accept it (text only; null when not worth it). */
  gzip: PageBytes | null;
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

const costOf = (key: string, page: CachedPage) => page.body.length + (page.gzip?.body.length ?? 0) + key.length * 2 + OVERHEAD_BYTES;

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
    const cost = costOf(key, page);
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
    this.used -= costOf(key, page);
  }
}
