import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../platform/errors.ts';

/*
 * The anti-abuse measure of the public forms, without a CAPTCHA: the form carries a signed
 * token of when it was served. A post sooner than a person can fill it in (scripts) or after the
 * token has aged (replayed) is refused with a plain Chinese message; the route's rate limit does
 * the rest.
 */
const MIN_SECONDS = 3;
const MAX_SECONDS = 4 * 60 * 60;

function sign(secret: string, issued: number, form: string): string {
  return createHmac('sha256', secret).update(`request-form:${form}:${issued}`).digest('base64url').slice(0, 32);
}

export function issueFormToken(secret: string, form: string, now: Date): string {
  const issued = Math.floor(now.getTime() / 1000);
  return `${issued}.${sign(secret, issued, form)}`;
}

export function checkFormToken(secret: string, form: string, token: unknown, now: Date): void {
  const match = typeof token === 'string' ? /^(\d{9,11})\.([A-Za-z0-9_-]{32})$/.exec(token) : null;
  const issued = match ? Number(match[1]) : NaN;
  const expected = match ? Buffer.from(sign(secret, issued, form)) : null;
  if (!match || !expected || !timingSafeEqual(expected, Buffer.from(match[2]!))) throw new ValidationError('表单已失效，请刷新页面后重新填写。');
  const age = now.getTime() / 1000 - issued;
  if (age < MIN_SECONDS) throw new ValidationError('提交太快了，请核对内容后再提交。');
  if (age > MAX_SECONDS) throw new ValidationError('表单打开时间过长已失效，请刷新页面后重新填写（已填写的内容请先复制保存）。');
}
