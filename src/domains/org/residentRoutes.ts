/**
 * The residents' own door: /my/login, in plain words and large type, separate from the staff
 * sign-in at /login. Same password check, lockout, rate limit, CSRF and session as staff; after
 * signing in a resident goes to their 我的 page (or back to the 特定群体 page that sent them),
 * never to a staff page.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../platform/context.ts';
import { pageCtx, safeLocalPath, sendPage } from '../../web/page.ts';
import { bodyOf, queryOf } from '../../web/routeKit.ts';
import { login } from './login.ts';
import { ResidentLoginPage } from './pages/ResidentLoginPage.tsx';
import * as repo from './repository.ts';
import { loginInput, loginQuery, loginRefusal, setSessionCookie } from './signIn.ts';

const MY_PAGE = '/my';

/** A resident is sent back to a public page or their own; a staff page is never where they land. */
function residentNext(value: unknown): string {
  const next = safeLocalPath(value, MY_PAGE);
  return /^\/(staff|login)(?:[/?#]|$)/.test(next) ? MY_PAGE : next;
}

export function residentSessionRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/my/login', async (request, reply) => {
      const q = queryOf(request, loginQuery);
      if (request.user) return reply.redirect(request.user.role === 'resident' ? residentNext(q.next) : '/staff', 303);
      const info = q.expired === '1' || request.sessionExpired ? '您很久没有操作，为了安全已自动退出，请重新登录。' : q.bye === '1' ? '您已退出登录。' : undefined;
      return sendPage(reply, h(ResidentLoginPage, { ctx: pageCtx(request, reply), info, next: residentNext(q.next) }));
    });

    app.post('/my/login', { config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
      const input = bodyOf(request, loginInput);
      const next = residentNext(input.next);
      const result = await login(deps, { username: input.username, password: input.password, ip: request.ip });
      if (result.ok) {
        setSessionCookie(deps, reply, result.token);
        const user = await repo.findUserById(deps.db.orm, result.userId);
        return reply.redirect(user?.role === 'resident' ? next : '/staff', 303);
      }
      const page = h(ResidentLoginPage, { ctx: pageCtx(request, reply), error: loginRefusal(result), username: input.username, next });
      return sendPage(reply, page, result.reason === 'locked' ? 429 : 401);
    });
  };
}
