/**
 * Addresses residents follow from a sheet's QR code, a push or a mail. PUBLIC_URL when set;
 * otherwise the origin the request came in on; otherwise (background jobs) the listen address.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.ts';

const trim = (url: string): string => url.replace(/\/+$/, '');

export function baseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, request?: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  if (config.publicUrl) return trim(config.publicUrl);
  if (request) return `${request.protocol}://${request.host}`;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

export const recordPath = (id: string): string => `/r/${encodeURIComponent(id)}`;
export const communityPath = (code: string): string => `/o/${encodeURIComponent(code)}`;

export const recordUrl = (base: string, id: string): string => base + recordPath(id);
