import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, ForbiddenError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { formatDateTime, pageCtx, safeLocalPath, sendPage } from '../../web/page.ts';
import { addOrganisation } from './addOrganisation.ts';
import { login, LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './login.ts';
import { changeOwnPassword, createUser, disableUser } from './manageUsers.ts';
import { childKindOf, isAdmin } from './policy.ts';
import * as repo from './repository.ts';
import { endSession, hashToken, SESSION_COOKIE } from './sessions.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { OrgsPage } from './pages/OrgsPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { StaffHome } from './pages/StaffHome.tsx';
import { UsersPage } from './pages/UsersPage.tsx';

const loginInput = z.object({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(40, { error: '用户名太长' }),
  password: z.string().min(1, { error: '请输入密码' }).max(200, { error: '密码太长' }),
  next: z.string().optional(),
});

/** Sends anonymous visitors of staff pages to the login page, and residents away from them. */
export function requireStaff(request: FastifyRequest, reply: FastifyReply): repo.SessionUser | null {
  const user = request.user;
  if (!user) {
    const query = new URLSearchParams({ next: request.url, ...(request.sessionExpired ? { expired: '1' } : {}) });
    reply.redirect(`/login?${query}`, 303);
    return null;
  }
  if (user.role === 'resident') throw new ForbiddenError('此页面仅限工作人员使用。');
  return user;
}

function actorOf(request: FastifyRequest) {
  return { id: request.user ? String(request.user.id) : null, name: request.user?.username ?? 'anonymous', ip: request.ip, user: request.user };
}

/** Forms re-render with the problem shown beside them instead of losing what was typed. */
async function formError(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return err.message;
    throw err;
  }
}

export function orgRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/login', async (request, reply) => {
      const q = request.query as Record<string, string>;
      if (request.user) return reply.redirect(safeLocalPath(q.next, '/staff'), 303);
      const info = q.expired === '1' || request.sessionExpired ? '您已长时间未操作，登录已超时，请重新登录。' : q.bye === '1' ? '您已安全退出。' : undefined;
      return sendPage(reply, h(LoginPage, { ctx: pageCtx(request, reply), info, next: safeLocalPath(q.next, '/staff') }));
    });

    app.post('/login', { config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
      const input = parseInput(loginInput, request.body);
      const next = safeLocalPath(input.next, '/staff');
      const result = await login(deps, { username: input.username, password: input.password, ip: request.ip });
      if (result.ok) {
        reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure });
        return reply.redirect(next, 303);
      }
      const error =
        result.reason === 'locked'
          ? `密码连续输错 ${MAX_FAILED_ATTEMPTS} 次，账户已被锁定 ${LOCK_MINUTES} 分钟。请于 ${formatDateTime(result.until)} 以后再试，或联系管理员。`
          : result.reason === 'disabled'
            ? '该账户已被停用，请联系管理员。'
            : '用户名或密码不正确。';
      return sendPage(reply, h(LoginPage, { ctx: pageCtx(request, reply), error, username: input.username, next }), result.reason === 'locked' ? 423 : 401);
    });

    app.post('/logout', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login?bye=1', 303);
    });

    app.get('/staff', async (request, reply) => {
      // Residents land on their community's page (after login or registration), not on staff pages.
      if (request.user?.role === 'resident') return reply.redirect(`/o/${request.user.orgCode}`, 303);
      if (!requireStaff(request, reply)) return reply;
      return sendPage(reply, h(StaffHome, { ctx: pageCtx(request, reply) }));
    });

    app.get('/staff/password', async (request, reply) => {
      if (!requireStaff(request, reply)) return reply;
      return sendPage(reply, h(PasswordPage, { ctx: pageCtx(request, reply), done: (request.query as Record<string, string>).done === '1' }));
    });

    app.post('/staff/password', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const body = (request.body ?? {}) as Record<string, string>;
      const token = request.cookies[SESSION_COOKIE] ?? '';
      const error = await formError(() =>
        changeOwnPassword(deps, { ...actorOf(request), user }, { current: body.current ?? '', next: body.next ?? '', confirm: body.confirm ?? '', keepTokenHash: hashToken(token) }),
      );
      if (!error) return reply.redirect('/staff/password?done=1', 303);
      return sendPage(reply, h(PasswordPage, { ctx: pageCtx(request, reply), error }), 400);
    });

    await app.register(adminRoutes(deps));
  };
}

function adminRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const requireAdmin = (request: FastifyRequest, reply: FastifyReply) => {
      const user = requireStaff(request, reply);
      if (user && !isAdmin(user.role)) throw new ForbiddenError('此页面仅限街道和区县管理员使用。');
      return user;
    };
    const renderUsers = async (request: FastifyRequest, reply: FastifyReply, user: repo.SessionUser, extra: { error?: string; created?: string } = {}) =>
      sendPage(
        reply,
        h(UsersPage, { ctx: pageCtx(request, reply), users: await repo.listUsersUnder(deps.db.orm, user.orgPath), orgs: await repo.listOrgsUnder(deps.db.orm, user.orgPath), now: deps.clock.now(), ...extra }),
        extra.error ? 400 : 200,
      );

    app.get('/staff/users', async (request, reply) => {
      const user = requireAdmin(request, reply);
      return user ? renderUsers(request, reply, user, { created: (request.query as Record<string, string>).created }) : reply;
    });

    app.post('/staff/users', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const body = (request.body ?? {}) as Record<string, string>;
      const error = await formError(() => createUser(deps, actorOf(request), body as never));
      if (!error) return reply.redirect(`/staff/users?created=${encodeURIComponent(body.username ?? '')}`, 303);
      return renderUsers(request, reply, user, { error });
    });

    app.post('/staff/users/:username/disable', async (request, reply) => {
      if (!requireAdmin(request, reply)) return reply;
      await disableUser(deps, actorOf(request), String((request.params as Record<string, string>).username).slice(0, 40));
      return reply.redirect('/staff/users', 303);
    });

    const renderOrgs = async (request: FastifyRequest, reply: FastifyReply, user: repo.SessionUser, extra: { error?: string; created?: string } = {}) =>
      sendPage(reply, h(OrgsPage, { ctx: pageCtx(request, reply), orgs: await repo.listOrgsUnder(deps.db.orm, user.orgPath), ...extra }), extra.error ? 400 : 200);

    app.get('/staff/orgs', async (request, reply) => {
      const user = requireAdmin(request, reply);
      return user ? renderOrgs(request, reply, user, { created: (request.query as Record<string, string>).created }) : reply;
    });

    app.post('/staff/orgs', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const body = (request.body ?? {}) as Record<string, string>;
      const parent = body.parentCode ? await repo.findOrgByCode(deps.db.orm, body.parentCode) : null;
      const kind = parent ? childKindOf(parent.kind) : null;
      const error = await formError(() => addOrganisation(deps, actorOf(request), { code: body.code ?? '', name: body.name ?? '', kind: kind ?? 'community', parentCode: body.parentCode }));
      if (!error) return reply.redirect(`/staff/orgs?created=${encodeURIComponent(body.name ?? '')}`, 303);
      return renderOrgs(request, reply, user, { error });
    });
  };
}
