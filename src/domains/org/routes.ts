import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type ComponentChildren } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, safeLocalPath, sendPage } from '../../web/page.ts';
import { ADMIN_ROLES, RESIDENT_LOGIN, actorOf, bodyOf, codeParam, formProblem, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
import { addOrganisationUnder } from './addOrganisation.ts';
import { setPublicPhones } from './publicPhones.ts';
import { login } from './login.ts';
import { loginInput, loginQuery, loginRefusal, setSessionCookie } from './signIn.ts';
import { changeOwnPassword, createUser, disableUser, userInput } from './manageUsers.ts';
import * as repo from './repository.ts';
import { endSession, hashToken, SESSION_COOKIE } from './sessions.ts';
import { residentSessionRoutes } from './residentRoutes.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { OrgsPage } from './pages/OrgsPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { StaffHome } from './pages/StaffHome.tsx';
import { UsersPage } from './pages/UsersPage.tsx';

const flagQuery = z.object({ done: z.string().optional(), created: z.string().optional(), phones: z.string().optional() });
const formText = z.string({ error: '输入有误' }).default('');
const passwordForm = z.object({ current: formText, next: formText, confirm: formText });
const orgForm = z.object({ code: formText, name: formText, parentCode: z.string({ error: '输入有误' }).optional() });
const usernameParams = z.object({ username: z.string().transform((name) => name.slice(0, 40)) });

const staff = { preHandler: staffOnly() };
const admins = { preHandler: staffOnly(ADMIN_ROLES, '此页面仅限街道和区县管理员使用。') };

/** Residents land on their own page (我的), never on staff pages. */
async function residentsToTheirPage(request: FastifyRequest, reply: FastifyReply) {
  if (request.user?.role === 'resident') return reply.redirect('/my', 303);
  return undefined;
}

/** What the staff home shows from the domains above org (the app plugs it in, see app/ports.ts). */
export interface OrgPorts {
  workday?: (request: FastifyRequest) => ComponentChildren;
}

export function orgRoutes(deps: Deps, ports: OrgPorts = {}) {
  return async (app: FastifyInstance) => {
    await app.register(sessionRoutes(deps));
    await app.register(residentSessionRoutes(deps));
    await app.register(ownAccountRoutes(deps, ports));
    await app.register(userRoutes(deps));
    await app.register(organisationRoutes(deps));
  };
}

/** Signing in and out. */
function sessionRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/login', async (request, reply) => {
      const q = queryOf(request, loginQuery);
      if (request.user) return reply.redirect(safeLocalPath(q.next, '/staff'), 303);
      const info = q.expired === '1' || request.sessionExpired ? '您已长时间未操作，登录已超时，请重新登录。' : q.bye === '1' ? '您已安全退出。' : undefined;
      return sendPage(reply, h(LoginPage, { ctx: pageCtx(request, reply), info, next: safeLocalPath(q.next, '/staff') }));
    });

    app.post('/login', { config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
      const input = bodyOf(request, loginInput);
      const next = safeLocalPath(input.next, '/staff');
      const result = await login(deps, { username: input.username, password: input.password, ip: request.ip });
      if (result.ok) {
        setSessionCookie(deps, reply, result.token);
        // A resident who found the staff door still ends up on their own page, not on staff pages.
        const user = await repo.findUserById(deps.db.orm, result.userId);
        return reply.redirect(user?.role === 'resident' ? '/my' : next, 303);
      }
      const page = h(LoginPage, { ctx: pageCtx(request, reply), error: loginRefusal(result), username: input.username, next });
      return sendPage(reply, page, result.reason === 'locked' ? 429 : 401);
    });

    app.post('/logout', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const resident = request.user?.role === 'resident';
      if (token) await endSession(deps, token, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect(resident ? `${RESIDENT_LOGIN}?bye=1` : '/login?bye=1', 303);
    });
  };
}

/** The staff home and the signed-in person's own password. */
function ownAccountRoutes(deps: Deps, ports: OrgPorts) {
  return async (app: FastifyInstance) => {
    app.get('/staff', { preHandler: [residentsToTheirPage, staffOnly()] }, async (request, reply) =>
      sendPage(reply, h(StaffHome, { ctx: pageCtx(request, reply), todos: ports.workday?.(request) ?? null, links: deps.config })),
    );

    app.get('/staff/password', staff, async (request, reply) =>
      sendPage(reply, h(PasswordPage, { ctx: pageCtx(request, reply), done: queryOf(request, flagQuery).done === '1' })),
    );

    app.post('/staff/password', staff, async (request, reply) => {
      const keepTokenHash = hashToken(request.cookies[SESSION_COOKIE] ?? '');
      const problem = await formProblem(async () => changeOwnPassword(deps, actorOf(request), { ...bodyOf(request, passwordForm), keepTokenHash }));
      if (!problem) return reply.redirect('/staff/password?done=1', 303);
      return sendPage(reply, h(PasswordPage, { ctx: pageCtx(request, reply), error: problem.message }), 400);
    });
  };
}

/** Admins manage the people of their own subtree. */
function userRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: string; created?: string }) => {
      const { orgPath } = staffOf(request);
      const users = await repo.listUsersUnder(deps.db.orm, orgPath);
      const orgs = await repo.listOrgsUnder(deps.db.orm, orgPath);
      return sendPage(reply, h(UsersPage, { ctx: pageCtx(request, reply), users, orgs, ...extra }), extra.error ? 400 : 200);
    };

    app.get('/staff/users', admins, async (request, reply) => render(request, reply, { created: queryOf(request, flagQuery).created }));

    app.post('/staff/users', admins, async (request, reply) => {
      let created = '';
      const problem = await formProblem(async () => {
        created = (await createUser(deps, actorOf(request), bodyOf(request, userInput))).username;
      });
      if (!problem) return reply.redirect(`/staff/users?created=${encodeURIComponent(created)}`, 303);
      return render(request, reply, { error: problem.message });
    });

    app.post('/staff/users/:username/disable', admins, async (request, reply) => {
      await disableUser(deps, actorOf(request), parseInput(usernameParams, request.params).username);
      return reply.redirect('/staff/users', 303);
    });
  };
}

/** Admins add organisations below their own. */
function organisationRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: string; created?: string; phones?: string }) => {
      const orgs = await repo.listOrgsUnder(deps.db.orm, staffOf(request).orgPath);
      return sendPage(reply, h(OrgsPage, { ctx: pageCtx(request, reply), orgs, ...extra }), extra.error ? 400 : 200);
    };

    app.get('/staff/orgs', admins, async (request, reply) => {
      const q = queryOf(request, flagQuery);
      return render(request, reply, { created: q.created, phones: q.phones });
    });

    app.post('/staff/orgs', admins, async (request, reply) => {
      let created = '';
      const problem = await formProblem(async () => {
        created = (await addOrganisationUnder(deps, actorOf(request), bodyOf(request, orgForm))).name;
      });
      if (!problem) return reply.redirect(`/staff/orgs?created=${encodeURIComponent(created)}`, 303);
      return render(request, reply, { error: problem.message });
    });

    app.post('/staff/orgs/:code/phones', admins, async (request, reply) => {
      let saved = '';
      const problem = await formProblem(async () => {
        saved = (await setPublicPhones(deps, actorOf(request), codeParam(request), request.body ?? {})).name;
      });
      if (!problem) return reply.redirect(`/staff/orgs?phones=${encodeURIComponent(saved)}`, 303);
      return render(request, reply, { error: problem.message });
    });
  };
}
