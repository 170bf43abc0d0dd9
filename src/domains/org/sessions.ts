import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import * as repo from './repository.ts';

export const SESSION_COOKIE = 'gk_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(tx: Executor, userId: number, at: Date, ip: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(tx, { tokenHash: hashToken(token), userId, createdAt: at, lastSeenAt: at, ip });
  return token;
}

export type SessionLookup = { state: 'none' } | { state: 'expired' } | { state: 'active'; user: repo.SessionUser };

// Writing last_seen on every request would turn each page view into a write; a minute of slack
// on a 30-minute idle limit is harmless.
const TOUCH_AFTER_MS = 60_000;

/** Resolves a cookie token to its user; an idle or disabled session is ended, never extended. */
export async function resolveSession(deps: Deps, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { state: 'none' };
  const tokenHash = hashToken(token);
  const found = await repo.findSessionUser(deps.db.orm, tokenHash);
  if (!found) return { state: 'none' };
  const now = deps.clock.now();
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  if (found.disabled || now.getTime() - found.lastSeenAt.getTime() > idleMs) {
    await repo.deleteSession(deps.db.orm, tokenHash);
    return { state: 'expired' };
  }
  if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await repo.touchSession(deps.db.orm, tokenHash, now);
  }
  return { state: 'active', user: found.user };
}

/** Signs out: the session is deleted and, when it belonged to someone, the logout is audited. */
export async function endSession(deps: Deps, token: string, ip: string | null = null): Promise<void> {
  const tokenHash = hashToken(token);
  const found = await repo.findSessionUser(deps.db.orm, tokenHash);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    if (!found) return;
    const actor = { id: String(found.user.id), name: found.user.username, ip };
    await appendAudit(tx, actor, { action: 'logout', subjectType: 'user', subjectId: found.user.id, districtCode: found.user.districtCode }, now);
  });
}
