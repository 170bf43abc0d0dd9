/**
 * Failed sign-ins counted per (user name, address), not per account: a stranger guessing from
 * one address is slowed down, while the real user at their own desk can still sign in, so nobody
 * can lock a colleague out by typing wrong passwords. Unknown names are counted exactly like real
 * ones, so the answers never tell whether an account exists.
 *
 * Kept in memory: one entry per pair, bounded, forgotten on restart. A restart gives an attacker
 * at most one more round of guesses per pair; the per-address rate limit on /login still applies.
 */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
// Far more pairs than a district has staff; beyond it the oldest pairs are forgotten first.
const MAX_PAIRS = 10_000;

interface Pair {
  failures: number;
  lockedUntil: number | null;
  lastFailure: number;
}

export class LoginBackoff {
  private readonly pairs = new Map<string, Pair>();

  private static key(username: string, ip: string | null): string {
    return `${username.toLowerCase()}\u0000${ip ?? '-'}`;
  }

  /** The end of the pair's lock, or null when it may try. */
  lockedUntil(username: string, ip: string | null, now: Date): Date | null {
    const pair = this.pairs.get(LoginBackoff.key(username, ip));
    return pair?.lockedUntil && pair.lockedUntil > now.getTime() ? new Date(pair.lockedUntil) : null;
  }

  /** Counts a failure; returns the lock's end when this failure locks the pair. */
  fail(username: string, ip: string | null, now: Date): { attempts: number; lockedUntil: Date | null } {
    const key = LoginBackoff.key(username, ip);
    const t = now.getTime();
    const old = this.pairs.get(key);
    // Failures older than the lock period no longer count: a typo a week ago is not a guess.
    const fresh = old && t - old.lastFailure < LOCK_MINUTES * 60_000 && !(old.lockedUntil && old.lockedUntil <= t);
    const failures = (fresh ? old.failures : 0) + 1;
    const locked = failures >= MAX_FAILED_ATTEMPTS;
    const pair: Pair = { failures: locked ? 0 : failures, lockedUntil: locked ? t + LOCK_MINUTES * 60_000 : null, lastFailure: t };
    this.pairs.delete(key); // re-inserted last, so the map's order is oldest first
    this.pairs.set(key, pair);
    if (this.pairs.size > MAX_PAIRS) this.pairs.delete(this.pairs.keys().next().value!);
    return { attempts: failures, lockedUntil: locked ? new Date(pair.lockedUntil!) : null };
  }

  succeed(username: string, ip: string | null): void {
    this.pairs.delete(LoginBackoff.key(username, ip));
  }
}

// One back-off per running app (keyed by its database), so test apps do not share counts.
const byApp = new WeakMap<object, LoginBackoff>();

export function backoffFor(owner: object): LoginBackoff {
  let found = byApp.get(owner);
  if (!found) byApp.set(owner, (found = new LoginBackoff()));
  return found;
}
