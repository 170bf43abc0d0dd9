import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { preparedStatements, type StatementClient } from './pgliteStatements.ts';

// The embedded database only: PostgreSQL deployments talk to a server through node-postgres.
describe('prepared statements on the embedded database', () => {
  let client: PGlite;
  let db: StatementClient;

  beforeAll(async () => {
    client = await PGlite.create();
  });
  afterAll(() => client.close());
  beforeEach(async () => {
    db = preparedStatements(client, 3);
    await client.exec(`deallocate all; drop table if exists t; create table t (id bigint primary key, name text, n numeric, ok boolean, at timestamptz, day date, doc jsonb, tags text[], ids bigint[], raw bytea)`);
  });

  const namedStatements = async () => (await client.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where not from_sql`)).rows[0]!.n;

  it('uses PGlite internals that still exist (an upgrade that removes them fails here, not silently slower)', () => {
    expect(db.prepared).toBe(true);
  });

  it('reads and writes every kind of value as PGlite query() does', async () => {
    const values = [7, '低保 名单', '12.50', true, new Date('2026-11-02T01:00:00Z'), '2026-11-02', { 户数: 3, list: [1, 2] }, ['甲', '乙'], [1, 2], new Uint8Array([0, 255])];
    await db.query(`insert into t values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, values);
    await db.query(`insert into t (id) values ($1)`, [8]);
    for (const rowMode of ['object', 'array'] as const) {
      const mine = await db.query(`select * from t where id = any($1) order by id`, [[7, 8]], { rowMode });
      const theirs = await client.query(`select * from t where id = any($1) order by id`, [[7, 8]], { rowMode });
      expect(mine.rows).toEqual(theirs.rows);
      expect(mine.fields).toEqual(theirs.fields);
    }
    const [row] = (await db.query<{ doc: unknown; at: Date }>(`select doc, at from t where id = $1`, [7])).rows;
    expect(row).toEqual({ doc: { 户数: 3, list: [1, 2] }, at: new Date('2026-11-02T01:00:00Z') });
    expect((await db.query(`update t set name = $1 where id > $2`, ['x', 0])).affectedRows).toBe(2);
  });

  it('prepares a text once, keeps at most `max` and closes those it forgets', async () => {
    for (let i = 0; i < 3; i++) await db.query(`select name from t where id = $1`, [i]);
    expect(await namedStatements()).toBe(1);
    for (const column of ['id', 'name', 'n', 'ok', 'at']) await db.query(`select ${column} from t`);
    expect(db.size).toBe(3);
    await db.query(`select day from t`); // the closes of the forgotten ones go out with the next statement
    expect(await namedStatements()).toBe(3);
  });

  it('reports a failed statement with its SQLSTATE and goes on working', async () => {
    await db.query(`insert into t (id) values ($1)`, [1]);
    await expect(db.query(`insert into t (id) values ($1)`, [1])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query(`select nothing from t`)).rejects.toMatchObject({ code: '42703' });
    expect(db.size).toBe(1); // the text that did not parse is not kept
    expect((await db.query<{ id: number }>(`select id from t`)).rows).toEqual([{ id: 1 }]);
  });

  it('never runs inside another caller’s open transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const writing = db.transaction(async (tx) => {
      await tx.query(`insert into t (id) values ($1)`, [1]);
      await gate;
    });
    await new Promise((done) => setTimeout(done, 20));
    let answered = false;
    const reading = db.query<{ n: number }>(`select count(*)::int as n from t`).then((r) => ((answered = true), r));
    await new Promise((done) => setTimeout(done, 50));
    expect(answered).toBe(false); // it waits for the transaction rather than reading its uncommitted row
    release();
    await writing;
    expect((await reading).rows[0]!.n).toBe(1);
  });

  it('rolls a failed transaction back whole, and its statements stay usable', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query(`insert into t (id) values ($1)`, [1]);
      await tx.query(`insert into t (id) values ($1)`, [1]);
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect((await db.query(`select id from t`)).rows).toEqual([]);
    await db.transaction((tx) => tx.query(`insert into t (id) values ($1)`, [2]));
    expect((await db.query(`select id from t`)).rows).toEqual([{ id: 2 }]);
  });

  it('refuses a transaction used after it ended instead of running inside another caller’s', async () => {
    let kept!: StatementClient;
    await db.transaction(async (tx) => void (kept = tx));
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const other = db.transaction(async (tx) => {
      await tx.query(`insert into t (id) values ($1)`, [1]);
      await gate;
      throw new Error('rolled back');
    });
    await new Promise((done) => setTimeout(done, 20));
    const late = kept.query(`select count(*)::int as n from t`);
    release();
    await expect(late).rejects.toThrow('Transaction is closed');
    await expect(other).rejects.toThrow('rolled back');
  });

  it('prepares again a statement the database no longer holds', async () => {
    await db.query(`select id from t where id = $1`, [1]);
    await client.exec(`deallocate all`);
    expect((await db.query(`select id from t where id = $1`, [1])).rows).toEqual([]);
  });

  it('forgets kept statements after DDL it runs, so a transaction after it does not fail', async () => {
    await db.query(`insert into t (id) values ($1)`, [1]);
    await db.query(`select * from t where id = $1`, [1]);
    await db.query(`alter table t add column extra text default '新'`);
    expect(db.size).toBe(0);
    const row = await db.transaction(async (tx) => (await tx.query<{ extra: string }>(`select * from t where id = $1`, [1])).rows[0]);
    expect(row?.extra).toBe('新');
  });

  it('prepares again when a table changes under a kept statement', async () => {
    await db.query(`insert into t (id) values ($1)`, [1]);
    expect((await db.query(`select * from t where id = $1`, [1])).fields).toHaveLength(10);
    await client.exec(`alter table t add column extra text default '新'`);
    const after = await db.query<{ extra: string }>(`select * from t where id = $1`, [1]);
    expect(after.rows[0]!.extra).toBe('新');
  });

  it('answers nothing once the database is closing, as PGlite does', async () => {
    const own = await PGlite.create();
    const mine = preparedStatements(own);
    await mine.query(`select 1 as one`);
    let release!: () => void;
    const busy = mine.transaction(() => new Promise<void>((done) => (release = done)));
    await new Promise((done) => setTimeout(done, 20));
    const closing = own.close(); // waits for the transaction, then lets those queued behind it in
    await new Promise((done) => setTimeout(done, 0)); // close() is in line now
    const late = mine.query(`select 1 as one`);
    release();
    await busy;
    await expect(late).rejects.toThrow('PGlite is closed');
    await closing;
  });
});
