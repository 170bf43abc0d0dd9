import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import * as repo from './repository.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type LoginResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a password with lockout: the 5th wrong password locks the account for 15 minutes, and
 * a locked account is refused without even checking the password, so guessing gains nothing.
 * Success and failure are both written to the audit log.
 */
export async function login(deps: Deps, input: { username: string; password: string; ip: string | null }): Promise<LoginResult> {
  const now = deps.clock.now();
  const user = await repo.findUserByUsername(deps.db.orm, input.username);
  const actor = { id: user ? String(user.id) : null, name: input.username, ip: input.ip };
  const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
    deps.db.transaction((tx) =>
      appendAudit(tx, actor, { action: 'login.failure', subjectType: 'user', subjectId: user?.id ?? null, districtCode: user?.districtCode, data: { reason, ...extra } }, now),
    );

  if (!user) {
    await verifyPassword(input.password, DUMMY_HASH); // same cost as a real check: no user enumeration by timing
    await fail('unknown_user');
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await fail('locked');
    return { ok: false, reason: 'locked', until: user.lockedUntil };
  }
  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  if (!passwordOk) return recordFailure(deps, user, actor, now);
  if (user.disabled) {
    await fail('disabled');
    return { ok: false, reason: 'disabled' };
  }
  return deps.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null });
    const token = await createSession(tx, user.id, now, input.ip);
    await appendAudit(tx, actor, { action: 'login.success', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode }, now);
    return { ok: true as const, token, userId: user.id };
  });
}

async function recordFailure(deps: Deps, user: repo.UserRow, actor: AuditActor, now: Date): Promise<LoginResult> {
  return deps.db.transaction(async (tx) => {
    const attempts = await repo.recordFailedLogin(tx, user.id);
    const locked = attempts >= MAX_FAILED_ATTEMPTS;
    const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    if (locked) await repo.updateUser(tx, user.id, { lockedUntil: until, failedAttempts: 0 });
    await appendAudit(
      tx,
      actor,
      { action: locked ? 'user.locked' : 'login.failure', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode, data: { reason: 'bad_password', attempts } },
      now,
    );
    return locked ? { ok: false as const, reason: 'locked' as const, until } : { ok: false as const, reason: 'invalid' as const };
  });
}

// A valid hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$Vb1Cq6Yx8mYyJmF0tq3Q1C0v7Zk0cP1mU2yQh8qQk0Y=';
