/** Secrets and webhook addresses (which carry keys) as staff may see them again: never in full. */
import { createHash, randomBytes } from 'node:crypto';

export function maskSecret(secret: string | null): string {
  if (!secret) return '未设置';
  if (secret.length < 12) return '••••••••';
  return `${secret.slice(0, 3)}••••••••${secret.slice(-4)}`;
}

const maskPart = (s: string): string => (s.length <= 6 ? '••••' : `${s.slice(0, 3)}••••${s.slice(-3)}`);

/** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693••••c2f: query values and long tokens in the path hidden. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .split('/')
      .map((seg) => (seg.length >= 16 || /[0-9a-f]{8}-[0-9a-f]{4}/i.test(seg) ? maskPart(seg) : seg))
      .join('/');
    const query = [...u.searchParams.keys()].map((k) => `${k}=${maskPart(u.searchParams.get(k) ?? '')}`).join('&');
    return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return '••••';
  }
}

export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
