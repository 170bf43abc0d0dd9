/**
 * Addresses residents follow from a sheet's QR code, a feed, a push or a mail: PUBLIC_URL when
 * set, otherwise the configured listen address. Never the request's Host header: anyone can send
 * any Host, and feeds and sheets are cached, so a forged Host would reach every later reader.
 */
import { publicBaseUrl, type LinkConfig } from '../../web/publicUrl.ts';

/** The second argument (a request) is accepted for older call sites and deliberately not read. */
export function baseUrl(config: LinkConfig, _request?: unknown): string {
  return publicBaseUrl(config);
}

export const recordPath = (id: string): string => `/r/${encodeURIComponent(id)}`;
export const communityPath = (code: string): string => `/o/${encodeURIComponent(code)}`;

export const recordUrl = (base: string, id: string): string => base + recordPath(id);

/** Said once at start: without PUBLIC_URL, links in QR codes and feeds point at the listen address. */
export function publicUrlWarning(config: LinkConfig): string | null {
  if (config.publicUrl) return null;
  return `未设置 PUBLIC_URL：二维码、订阅源和推送中的链接将使用 ${baseUrl(config)}，居民可能无法打开。请将 PUBLIC_URL 设为居民访问本平台的网址。`;
}
