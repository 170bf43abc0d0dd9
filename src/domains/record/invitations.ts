import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { createUser, login, findOrganisationById, inScope, type OrgRow, type SessionUser } from '../org/index.ts';
import type { StaffActor } from './access.ts';
import * as repo from './repository.ts';

// Read aloud at a residents' meeting or printed on a notice: no look-alike characters.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const chars = [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function assertCommunityStaff(actor: StaffActor, org: OrgRow): void {
  if (actor.user.role === 'resident' || !inScope(actor.user, org.path) || org.kind !== 'community') throw new ForbiddenError('只有本社区（村）的工作人员可以管理邀请码。');
}

/** The community whose codes a staff member manages: their own organisation, when it is a community. */
export async function ownCommunity(deps: Deps, user: SessionUser): Promise<OrgRow> {
  const org = await findOrganisationById(deps, user.orgId);
  if (!org || org.kind !== 'community') throw new ForbiddenError('邀请码由社区（村）工作人员管理。');
  return org;
}

/**
 * The community's current code, made on first use. Two staff opening the page at once both found
 * none; each made one and the later overwrote the earlier, so one of them handed out a code that
 * no longer worked. The first stored code now stays, and both are shown it.
 */
export async function invitationFor(deps: Deps, actor: StaffActor, org: OrgRow): Promise<string> {
  assertCommunityStaff(actor, org);
  const existing = await repo.findInvitationByOrg(deps.db.orm, org.id);
  if (existing) return existing.code;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const stored = await repo.firstInvitation(tx, { orgId: org.id, districtCode: org.districtCode, code: newCode(), createdBy: actor.name, createdAt: now });
    if (stored.made) await appendAudit(tx, actor, { action: 'resident.invitation', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode }, now);
    return stored.code;
  });
}

/** A new code; the old one stops working (residents already registered stay). */
export async function rotateInvitation(deps: Deps, actor: StaffActor, org: OrgRow): Promise<string> {
  assertCommunityStaff(actor, org);
  const code = newCode();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveInvitation(tx, { orgId: org.id, districtCode: org.districtCode, code, createdBy: actor.name, createdAt: now });
    await appendAudit(tx, actor, { action: 'resident.invitation', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode }, now);
  });
  return code;
}

const registerInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9]{8}$/, { error: '邀请码应为 8 位字母和数字，例如 K7PM-3QXD' })),
  username: z.string().trim(),
  displayName: z.string().trim().max(40, { error: '称呼不能超过 40 个字' }).optional(),
  password: z.string(),
  confirm: z.string(),
});

/**
 * A resident registers with the community's invitation code and is signed in. The code is the
 * verification: no outside identity service. Returns the session token and the community.
 */
export async function registerResident(deps: Deps, raw: unknown, ip: string | null): Promise<{ token: string; org: OrgRow }> {
  const input = parseInput(registerInput, raw);
  if (input.password !== input.confirm) throw new ValidationError('两次输入的密码不一致', { confirm: '两次输入的密码不一致' });
  const invitation = await repo.findInvitationByCode(deps.db.orm, `${input.code.slice(0, 4)}-${input.code.slice(4)}`);
  const org = invitation ? await findOrganisationById(deps, invitation.orgId) : null;
  if (!invitation || !org) throw new ValidationError('邀请码不正确或已更换，请向社区（村）工作人员询问最新的邀请码。', { code: '邀请码不正确' });
  const actor: AuditActor & { user: null } = { id: null, name: `register:${input.username}`, ip, user: null };
  const user = await createUser(deps, actor, { username: input.username, displayName: input.displayName || input.username, role: 'resident', orgCode: org.code, password: input.password });
  await deps.db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'resident.register', subjectType: 'user', subjectId: user.id, districtCode: org.districtCode, data: { org: org.code, via: 'invitation' } }, deps.clock.now()),
  );
  const session = await login(deps, { username: input.username, password: input.password, ip });
  if (!session.ok) throw new ValidationError('注册成功，但自动登录失败，请到登录页登录。');
  return { token: session.token, org };
}
