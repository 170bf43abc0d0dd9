import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { codeParam, type formProblem } from '../../web/routeKit.ts';
import { findOrganisation, type OrgRow } from '../org/index.ts';

/* What the compliance route files share; auth, ids and the actor come from the route kit. */

/** A refusal shown beside the form that caused it (what the kit's formProblem returns). */
export type FormProblem = NonNullable<Awaited<ReturnType<typeof formProblem>>>;

/** `?ok=<code>` after a redirect, on pages with no other query; anything odd is ignored rather than refused. */
export const okQuery = z.object({ ok: z.string().max(40).optional().catch(undefined) });

export const periodQuery = z.object({
  year: z.string().regex(/^(20\d{2}|2100)$/, { error: '年份应为 2004 到 2100 之间的四位数' }).optional().or(z.literal('')),
  month: z.string().regex(/^(0[1-9]|1[0-2])$/, { error: '月份无效' }).optional().or(z.literal('')),
  item: z.string().max(400, { error: '事项参数太长' }).optional(),
  ok: z.string().max(40).optional(),
  // A page of a long matrix; anything odd shows the first page rather than an error.
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** ?year=2026&month=10 → '2026-10'; ?year=2026 → '2026'; nothing → undefined (the page's default). */
export function periodOf(q: z.output<typeof periodQuery>): string | undefined {
  if (!q.year) return undefined;
  return q.month ? `${q.year}-${q.month}` : q.year;
}

/** The notice for an `?ok=` code, from a page's own table of notices (the address never carries text to show). */
export function noticeOf(notices: Readonly<Record<string, string>>, ok: string | undefined): string | undefined {
  return ok && Object.hasOwn(notices, ok) ? notices[ok] : undefined;
}

/** The organisation named by the route's `:code`. */
export async function orgOfRoute(deps: Deps, request: FastifyRequest): Promise<OrgRow> {
  const org = await findOrganisation(deps, codeParam(request));
  if (!org) throw new NotFoundError('没有找到这个组织。');
  return org;
}
