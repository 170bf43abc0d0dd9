/**
 * The address residents reach the platform at, as printed in QR codes, feeds and mails: PUBLIC_URL
 * when set, otherwise the configured listen address (which a resident's phone cannot open). Lives
 * in web so staff pages of every domain can warn before anything is printed with the fallback.
 */
import type { Config } from '../platform/config.ts';

export type LinkConfig = Pick<Config, 'publicUrl' | 'host' | 'port'>;

const trim = (url: string): string => url.replace(/\/+$/, '');

/** PUBLIC_URL without a trailing slash, else the listen address (0.0.0.0 read as 127.0.0.1). */
export function publicBaseUrl(config: LinkConfig): string {
  if (config.publicUrl) return trim(config.publicUrl);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** The address printed links would fall back to, or null when PUBLIC_URL is set. */
export function missingPublicUrl(config: LinkConfig): { fallback: string } | null {
  return config.publicUrl ? null : { fallback: publicBaseUrl(config) };
}
