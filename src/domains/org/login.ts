import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { backoffFor } from './lockout.ts';
import { verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import * as repo from './repository.ts';

export { LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './lockout.ts';

export type LoginResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a password with a back-off per (user name, address): the 5th failure from one address
 * locks that name for that address for 15 minutes, and a locked pair is refused without checking
 * the password, so guessing gains nothing. Unknown names go through the same steps and get the
 * same answers. Success and failure are both written to the audit log.
 */
export async function login(deps: Deps, input: { username: string; password: string; ip: string | null }): Promise<LoginResult> {
  const now = deps.clock.now();
  const backoff = backoffFor(deps.db);
  const user = await repo.findUserByUsername(deps.db.orm, input.username);
  const actor = { id: user ? String(user.id) : null, name: input.username, ip: input.ip };
  const audit = async (action: string, data: Record<string, unknown>) =>
    deps.db.transaction((tx) => appendAudit(tx, actor, { action, subjectType: 'user', subjectId: user?.id ?? null, districtCode: user?.districtCode, data }, now));

  const lockedUntil = backoff.lockedUntil(input.username, input.ip, now);
  if (lockedUntil) {
    await audit('login.failure', { reason: 'locked' });
    return { ok: false, reason: 'locked', until: lockedUntil };
  }
  // The same cost with or without an account: no user enumeration by timing.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk) {
    const failed = backoff.fail(input.username, input.ip, now);
    await audit(failed.lockedUntil ? 'login.locked' : 'login.failure', { reason: user ? 'bad_password' : 'unknown_user', attempts: failed.attempts });
    return failed.lockedUntil ? { ok: false, reason: 'locked', until: failed.lockedUntil } : { ok: false, reason: 'invalid' };
  }
  if (user.disabled) {
    await audit('login.failure', { reason: 'disabled' });
    return { ok: false, reason: 'disabled' };
  }
  backoff.succeed(input.username, input.ip);
  return deps.db.transaction(async (tx): Promise<LoginResult> => {
    // A password change (or a disabling) committed while the password was being checked: the
    // old password must not open a session after it (a leaked password is why people change it).
    if (!(await repo.confirmLogin(tx, user.id, user.passwordHash))) {
      await appendAudit(tx, actor, { action: 'login.failure', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode, data: { reason: 'changed_meanwhile' } }, now);
      return { ok: false, reason: 'invalid' };
    }
    const token = await createSession(tx, user.id, now, input.ip);
    await appendAudit(tx, actor, { action: 'login.success', subjectType: 'user', subjectId: user.id, districtCode: user.districtCode }, now);
    return { ok: true as const, token, userId: user.id };
  });
}

// A valid hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$Vb1Cq6Yx8mYyJmF0tq3Q1C0v7Zk0cP1mU2yQh8qQk0Y=';
