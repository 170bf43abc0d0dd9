import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { AuditActor } from './audit/index.ts';

/** What every use case receives: the database, the clock and the settings. */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
}

/** The command-line tool acts under this name in the audit log. */
export function cliActor(): AuditActor {
  const who = process.env.SUDO_USER ?? process.env.USER ?? 'unknown';
  return { id: null, name: `cli:${who}`, ip: null };
}
