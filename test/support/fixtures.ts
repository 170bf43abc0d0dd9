import type { Deps } from '../../src/platform/context.ts';
import { addOrganisation, createUser, sessionUserByName, type Role, type SessionUser } from '../../src/domains/org/index.ts';

const system = { id: null, name: 'test', ip: null, user: null };

/** district 220202 with streets A (…001) and B (…002), one community under each. */
export async function seedTwoStreets(deps: Deps): Promise<void> {
  await addOrganisation(deps, system, { code: '220202', name: '吉林市昌邑区', kind: 'district' });
  await addOrganisation(deps, system, { code: '220202001', name: '甲街道', kind: 'street', parentCode: '220202' });
  await addOrganisation(deps, system, { code: '220202002', name: '乙街道', kind: 'street', parentCode: '220202' });
  await addOrganisation(deps, system, { code: '220202001001', name: '甲一社区', kind: 'community', parentCode: '220202001' });
  await addOrganisation(deps, system, { code: '220202002001', name: '乙一社区', kind: 'community', parentCode: '220202002' });
}

export const PASSWORD = 'Correct-Horse-42';

export async function addUser(deps: Deps, username: string, role: Role, orgCode: string, password = PASSWORD) {
  return createUser(deps, system, { username, role, orgCode, password, displayName: username });
}

/** The signed-in view of a user, as the session lookup builds it, for calling use cases directly. */
export async function sessionUser(deps: Deps, username: string): Promise<SessionUser> {
  const user = await sessionUserByName(deps, username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}
