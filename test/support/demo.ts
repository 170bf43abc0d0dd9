import { loadDemoData, type DemoAccount } from '../../src/app/demo.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import { DEFAULT_TEST_TIME, depsAround, testConfig, type DatabaseKind, type TestDeps, type TestDepsOptions } from './db.ts';

export interface DemoDeps extends TestDeps {
  /** The demo's accounts with the passwords loadDemoData made for them. */
  accounts: DemoAccount[];
  /** An account's password, by username. */
  password(username: string): string;
}

/**
 * The real demo (src/app/demo.ts loadDemoData, as `npm start` loads it) on a fixed clock: loaded
 * once per run, database kind and clock, and copied for each caller (test/support/templates.ts).
 * A copy is the database the load produced, so tests still check the demo itself.
 */
export async function demoDatabase(kind: DatabaseKind, opts: TestDepsOptions = {}): Promise<DemoDeps> {
  const at = opts.at ?? DEFAULT_TEST_TIME;
  const created = await kind.copyOf(`demo at ${at}`, async (db) => {
    await migrate(db);
    return loadDemoData({ db, clock: new FixedClock(at), config: testConfig() }, { id: null, name: 'test', ip: null });
  });
  const accounts = created.made;
  return {
    ...depsAround(created, { ...opts, at }),
    accounts,
    password(username) {
      const account = accounts.find((a) => a.username === username);
      if (!account) throw new Error(`no demo account ${username}`);
      return account.password;
    },
  };
}
