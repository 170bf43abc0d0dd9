/** What every channel route shares: params, the acting staff member, files out. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/validate.ts';
import type { OrgRow, SessionUser } from '../../org/repository.ts';
import { requireStaff } from '../../org/routes.ts';
import { communityFor } from '../policy.ts';

export const codeParam = z.object({ code: z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' }) });
export const publicIdParam = z.object({ id: z.string().regex(/^[a-z0-9]{4,32}$/, { error: '记录地址无效' }) });
export const numericId = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }) });
const orgQuery = z.object({ org: z.union([z.literal(''), z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' })]).optional() });

export const actorOf = (request: FastifyRequest, user: SessionUser) => ({ id: String(user.id), name: user.username, ip: request.ip, userId: user.id });

/** The staff member and the community a staff page is about (`org` in the query or the form for admins). */
export async function staffCommunity(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<{ user: SessionUser; org: OrgRow } | null> {
  const user = requireStaff(request, reply);
  if (!user) return null;
  const fromQuery = parseInput(orgQuery, request.query).org;
  const fromBody = parseInput(orgQuery, { org: (request.body as Record<string, unknown> | undefined)?.org ?? undefined }).org;
  const org = await communityFor(deps, user, fromQuery || fromBody || undefined);
  return { user, org };
}

/** `?org=` to keep on links and redirects when the page is not about the user's own community. */
export const orgSuffix = (user: SessionUser, org: OrgRow, sep: '?' | '&' = '?'): string => (user.orgId === org.id ? '' : `${sep}org=${org.code}`);

/** RFC 5987: the Chinese file name survives in every browser. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
