// Public surface of the org domain: organisations, people and sessions. Other domains import from
// here only; the tables stay behind repository.ts.
export type { SessionUser, Role, OrgKind } from '../../platform/principal.ts';
export type { CommunityKey, OrgRow } from './repository.ts';
export type { OrgNode } from './orgTree.ts';
export { buildTree, communityKeysUnder, findOrganisation, findOrganisationById, findOrganisationsByIds, findOrganisationWithLineage, lineageOf, listOrgTree, listOrgsFlat } from './orgTree.ts';
export { ORG_KIND_LABELS, ROLE_LABELS, assertAdminOf, inScope, isAdmin } from './policy.ts';
export { isActiveMemberOf, sessionUserByName, activeUsersOn, activeUsersUnder, noOrganisations } from './lookups.ts';
export { addOrganisation } from './addOrganisation.ts';
export { bumpPublicVersion, contextVersionsOf, keptUnderContext, foldPublicSchedule, publicVersionOf, lineagePaths, schedulePublicChange, type PublicChange } from './publicVersions.ts';
export { login, type LoginResult } from './login.ts';
export { createUser, disableUser, type Actor } from './manageUsers.ts';
export { randomPassword } from './passwords.ts';
export { resolveSession, SESSION_COOKIE } from './sessions.ts';
export { setPublicPhones, parsePublicPhones } from './publicPhones.ts';
