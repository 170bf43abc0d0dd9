/**
 * The vendors' signing schemes, as documented:
 * - 钉钉: sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))),
 *   timestamp in milliseconds, both as query parameters of the webhook address.
 * - 飞书: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in
 *   seconds, both as strings in the JSON body.
 * - plain JSON (ours): X-Gongkai-Signature: sha256=hex(HmacSHA256(secret, timestamp + "." + body)).
 */
import { createHmac } from 'node:crypto';

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The webhook address with `timestamp` and the url-encoded `sign` appended. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.delete('timestamp');
  u.searchParams.delete('sign');
  const sign = encodeURIComponent(dingtalkSign(secret, timestampMs));
  return `${u.toString()}${u.search ? '&' : '?'}timestamp=${timestampMs}&sign=${sign}`;
}

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export function jsonSignature(secret: string, timestampSec: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
}
