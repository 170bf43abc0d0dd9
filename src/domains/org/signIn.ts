/** What both sign-in doors (staff /login, residents /my/login) share: the refusal wording and the cookie. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { chineseDateTime } from '../../platform/time.ts';
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS, type LoginResult } from './login.ts';
import { SESSION_COOKIE } from './sessions.ts';

export const loginInput = z.object({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(40, { error: '用户名太长' }),
  password: z.string().min(1, { error: '请输入密码' }).max(200, { error: '密码太长' }),
  next: z.string().optional(),
});
/** A sign-in page always shows: a malformed value counts as absent. */
const lenient = z.string().optional().catch(undefined);
export const loginQuery = z.object({ next: lenient, expired: lenient, bye: lenient });

export function loginRefusal(result: Exclude<LoginResult, { ok: true }>): string {
  // Worded the same whether or not the name exists: the page must not confirm an account.
  if (result.reason === 'locked') {
    return `从您所在的网络连续 ${MAX_FAILED_ATTEMPTS} 次登录失败，这个用户名暂停登录 ${LOCK_MINUTES} 分钟。请于 ${chineseDateTime(result.until)} 以后再试，或联系管理员。`;
  }
  return result.reason === 'disabled' ? '该账户已被停用，请联系管理员。' : '用户名或密码不正确。';
}

/** Sets the session cookie; the same for staff and residents. */
export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure });
}
