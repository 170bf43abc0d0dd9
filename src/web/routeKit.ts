/*
 * What every route shares at the edge: who may call it (a preHandler), the acting person for the
 * audit log, and the params every domain parses (ids, organisation codes). Handlers then read as
 * load → authorize → use case → present → render.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, ForbiddenError } from '../platform/errors.ts';
import type { UploadedFile } from '../platform/http.ts';
import { ORG_CODE, type Role, type SessionUser, type StaffActor } from '../platform/principal.ts';
import { parseInput } from '../platform/validate.ts';

/** Roles that administer a subtree (street and district). */
export const ADMIN_ROLES: readonly Role[] = ['street_admin', 'district_admin'];


export const orgCode = z.string().regex(ORG_CODE, { error: '组织代码格式不正确' });
export const codeParams = z.object({ code: orgCode });
export const idParams = z.object({ id: z.coerce.number({ error: '编号无效' }).int({ error: '编号无效' }).positive({ error: '编号无效' }).max(Number.MAX_SAFE_INTEGER, { error: '编号无效' }) });

/** A file field of a multipart form, as the HTTP edge delivers it. */
export const uploadedFile = z.custom<UploadedFile>(
  (v) => typeof v === 'object' && v !== null && typeof (v as UploadedFile).fileName === 'string' && Buffer.isBuffer((v as UploadedFile).bytes),
  { error: '请选择要上传的文件' },
);

/** The form body checked against `schema`, or a Chinese 400 naming the first problem. */
export function bodyOf<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  return parseInput(schema, request.body ?? {});
}

/** The query string checked against `schema`, or a Chinese 400. */
export function queryOf<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  return parseInput(schema, request.query ?? {});
}

/** Runs a form's use case; a refusal meant for the user comes back (to show beside the form), anything else is thrown. */
export async function formProblem(fn: () => Promise<unknown>): Promise<{ message: string; status: number } | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return { message: err.message, status: err.statusCode };
    throw err;
  }
}

/** The numeric `:id` of a route, or a Chinese 400. */
export function idParam(request: FastifyRequest): number {
  return parseInput(idParams, request.params).id;
}

/** The `:code` of a route, or a Chinese 400. */
export function codeParam(request: FastifyRequest): string {
  return parseInput(codeParams, request.params).code;
}

/**
 * preHandler for staff pages: anonymous visitors go to the login page (and come back), residents
 * and roles not listed are refused. With no roles, any staff role passes.
 */
export function staffOnly(roles: readonly Role[] = [], refusal = '您的角色无权进行此操作。') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.user;
    if (!user) {
      const query = new URLSearchParams({ next: request.url, ...(request.sessionExpired ? { expired: '1' } : {}) });
      return reply.redirect(`/login?${query}`, 303);
    }
    if (user.role === 'resident') throw new ForbiddenError('此页面仅限工作人员使用。');
    if (roles.length > 0 && !roles.includes(user.role)) throw new ForbiddenError(refusal);
  };
}

/** Where residents sign in (and come back to `next`); staff sign in at /login. */
export const RESIDENT_LOGIN = '/my/login';

/**
 * preHandler for the resident's own pages (我的): anonymous visitors go to the resident sign-in
 * and come back; a signed-in staff member is sent to the staff home, which is their own page.
 */
export function residentOnly() {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.user;
    if (!user) {
      const query = new URLSearchParams({ next: request.url, ...(request.sessionExpired ? { expired: '1' } : {}) });
      return reply.redirect(`${RESIDENT_LOGIN}?${query}`, 303);
    }
    if (user.role !== 'resident') return reply.redirect('/staff', 303);
  };
}

/** The resident of a route guarded by residentOnly (a programming error otherwise). */
export function residentOf(request: FastifyRequest): SessionUser {
  const user = request.user;
  if (!user || user.role !== 'resident') throw new Error(`route ${request.routeOptions.url} is missing the residentOnly preHandler`);
  return user;
}

/** The staff member of a route guarded by staffOnly (a programming error otherwise). */
export function staffOf(request: FastifyRequest): SessionUser {
  const user = request.user;
  if (!user || user.role === 'resident') throw new Error(`route ${request.routeOptions.url} is missing the staffOnly preHandler`);
  return user;
}

/** The acting staff member as the audit log records them. */
export function actorOf(request: FastifyRequest): StaffActor {
  const user = staffOf(request);
  return { id: String(user.id), name: user.username, ip: request.ip, user };
}
