import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { SessionUser } from '../../platform/principal.ts';
import * as repo from './repository.ts';

/* Questions other domains ask about people, answered without handing out the tables. */

/** A signed-in person of `orgId` whose account still works? (subscriptions, pushes) */
export async function isActiveMemberOf(deps: Deps, userId: number, orgId: number): Promise<boolean> {
  const user = await repo.findUserById(deps.db.orm, userId);
  return !!user && !user.disabled && user.orgId === orgId;
}

/** The session shape of an account by name, for jobs and demos that act as a known person. */
export async function sessionUserByName(deps: Deps, username: string): Promise<SessionUser | null> {
  const user = await repo.findUserByUsername(deps.db.orm, username);
  const org = user ? await repo.findOrgById(deps.db.orm, user.orgId) : null;
  if (!user || !org) return null;
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, orgId: org.id, orgCode: org.code, orgName: org.name, orgKind: org.kind, orgPath: org.path, districtCode: org.districtCode };
}

/** Active accounts with one of `roles` anywhere under `path`, each with its organisation's code: a district's staff in one statement. */
export async function activeUsersUnder(ex: Executor, path: string, roles: readonly string[]) {
  return (await repo.listUsersUnder(ex, path)).filter((u) => roles.includes(u.role) && !u.disabled);
}

/** Active accounts with one of `roles` on exactly the organisation at `path` (not below it). */
export async function activeUsersOn(ex: Executor, org: { path: string; code: string }, roles: readonly string[]) {
  return (await activeUsersUnder(ex, org.path, roles)).filter((u) => u.orgCode === org.code);
}

/** True when no organisation exists yet (a new installation). */
export async function noOrganisations(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await repo.countOrgs(deps.db.orm)) === 0;
}
