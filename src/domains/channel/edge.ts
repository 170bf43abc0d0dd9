/**
 * What the channel routes share at the edge, beyond the web route kit: the community a staff page
 * is about (`?org=` for admins), the `?org=` kept on links, the public id of a record, the
 * community of a public address, and file names on downloads.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { orgCode, staffOf } from '../../web/routeKit.ts';
import { findOrganisation, type OrgRow, type SessionUser } from '../org/index.ts';
import { communityFor } from './policy.ts';

const publicId = z.string().regex(/^[a-z0-9]{4,32}$/, { error: '记录地址无效' });
const publicIdParams = z.object({ id: publicId });
const orgChoice = z.union([z.literal(''), orgCode]).optional();
const orgQuery = z.object({ org: orgChoice });
const orgForm = z.object({ org: orgChoice }).loose();

/** `?org=` of a staff page (or `org` of its form); '' and absent both mean the user's own community. */
export function orgOf(request: FastifyRequest): string | undefined {
  const fromQuery = parseInput(orgQuery, request.query ?? {}).org;
  const fromBody = typeof request.body === 'object' && request.body !== null ? parseInput(orgForm, request.body).org : undefined;
  return fromQuery || fromBody || undefined;
}

/** The staff member (of a route guarded by staffOnly) and the community their page is about. */
export async function staffCommunity(deps: Deps, request: FastifyRequest): Promise<{ user: SessionUser; org: OrgRow }> {
  const user = staffOf(request);
  return { user, org: await communityFor(deps, user, orgOf(request)) };
}

/** The `:id` of a record's address. */
export const recordIdParam = (request: FastifyRequest): string => parseInput(publicIdParams, request.params).id;

/** `?ok=` after a redirect, as the notice its page shows. */
export function okNotice(request: FastifyRequest, messages: Record<string, string>): string | null {
  const { ok } = parseInput(z.object({ ok: z.string().max(40).optional().catch(undefined) }), request.query ?? {});
  return (ok && Object.hasOwn(messages, ok) ? messages[ok] : null) ?? null;
}

/** A community named in a public address, or a 404 saying so. */
export async function publicCommunity(deps: Deps, code: string, missing = '没有找到这个社区（村）。'): Promise<OrgRow> {
  const org = await findOrganisation(deps, code);
  if (!org || org.kind !== 'community') throw new NotFoundError(missing);
  return org;
}

/** `?org=` to keep on links and redirects when the page is not about the user's own community. */
export const orgSuffix = (user: SessionUser, org: OrgRow, sep: '?' | '&' = '?'): string => (user.orgId === org.id ? '' : `${sep}org=${org.code}`);
