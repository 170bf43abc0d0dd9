import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { uniqueOr } from '../../platform/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { assertAdminOf, assertCanAssignRole, ROLE_LABELS, ROLE_ORG_KIND, ORG_KIND_LABELS } from './policy.ts';
import * as repo from './repository.ts';
import { ROLES } from './schema.ts';

import type { Actor } from '../../platform/principal.ts';

export type { Actor };

export const userInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,40}$/, { error: '用户名须为 3 到 40 位字母、数字、下划线、点或短横线' }),
  displayName: z.string().trim().max(40, { error: '姓名不能超过 40 个字' }).optional(),
  role: z.enum(ROLES, { error: '角色无效' }),
  orgCode: z.string().trim().min(1, { error: '请选择所属组织' }),
  password: z.string(),
});

/** Creates a user; admins only inside their own subtree (the CLI has the machine's authority). */
export async function createUser(deps: Deps, actor: Actor, raw: z.input<typeof userInput>): Promise<repo.UserRow> {
  const input = parseInput(userInput, raw);
  const org = await repo.findOrgByCode(deps.db.orm, input.orgCode);
  if (!org) throw new NotFoundError(`组织 ${input.orgCode} 不存在`);
  if (actor.user) assertCanAssignRole(actor.user, input.role, org);
  else if (ROLE_ORG_KIND[input.role] !== org.kind) {
    throw new ValidationError(`${ROLE_LABELS[input.role]}只能属于${ORG_KIND_LABELS[ROLE_ORG_KIND[input.role]]}，而 ${org.name} 是${ORG_KIND_LABELS[org.kind]}`);
  }
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new ValidationError(problem, { password: problem });
  const taken = () => new ConflictError(`用户名 ${input.username} 已存在`);
  if (await repo.findUserByUsername(deps.db.orm, input.username)) throw taken();
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  // Two admins (or a double click) creating one name at once both pass the check above while the
  // password is hashed; the unique index refuses the second, which is told so instead of a 500.
  return uniqueOr(taken, deps.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName || input.username,
      passwordHash,
      role: input.role,
      orgId: org.id,
      districtCode: org.districtCode,
      passwordChangedAt: now,
      createdAt: now,
    });
    await appendAudit(tx, actor, { action: 'user.create', subjectType: 'user', subjectId: user.id, districtCode: org.districtCode, data: { username: user.username, role: user.role, org: org.code } }, now);
    return user;
  }));
}

/** Disables a user and ends their sessions at once. */
export async function disableUser(deps: Deps, actor: Actor, username: string): Promise<void> {
  const user = await repo.findUserByUsername(deps.db.orm, username);
  const org = user ? await repo.findOrgById(deps.db.orm, user.orgId) : null;
  if (!user || !org) throw new NotFoundError(`用户 ${username} 不存在`);
  if (actor.user) {
    assertAdminOf(actor.user, org.path);
    if (actor.user.id === user.id) throw new ForbiddenError('不能停用自己的账户。');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { disabled: true });
    await repo.deleteUserSessions(tx, user.id);
    await appendAudit(tx, actor, { action: 'user.disable', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode, data: { username } }, now);
  });
}

/** A user changes their own password; their other sessions end, this one stays. */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor & { user: repo.SessionUser },
  input: { current: string; next: string; confirm: string; keepTokenHash: string },
): Promise<void> {
  const user = await repo.findUserById(deps.db.orm, actor.user.id);
  if (!user) throw new NotFoundError('用户不存在');
  if (!(await verifyPassword(input.current, user.passwordHash))) throw new ValidationError('当前密码不正确', { current: '当前密码不正确' });
  if (input.next !== input.confirm) throw new ValidationError('两次输入的新密码不一致', { confirm: '两次输入的新密码不一致' });
  const problem = passwordProblem(input.next, user.username);
  if (problem) throw new ValidationError(problem, { next: problem });
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.next);
  await deps.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now });
    await repo.deleteUserSessions(tx, user.id, input.keepTokenHash);
    await appendAudit(tx, actor, { action: 'user.password_change', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode }, now);
  });
}
