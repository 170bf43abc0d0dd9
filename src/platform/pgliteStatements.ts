/*
 * Prepared statements for the embedded database (issue 14, cold pages).
 *
 * PGlite's query() sends every statement as an unnamed one: Parse, Describe, Bind, Describe,
 * Execute and Sync, each a separate call into WebAssembly, and PostgreSQL parses, analyses and
 * plans the text again every time. On the demo, a community's newest records cost 1.2 ms that
 * way and 0.65 ms as a named statement bound again; planning alone was 0.49 ms of it (EXPLAIN
 * ANALYZE), since PostgreSQL in WebAssembly runs several times slower than natively.
 *
 * So the client Drizzle talks to prepares each SELECT/INSERT/UPDATE/DELETE/WITH text once under a
 * name, keeps what Describe told about it (parameter types, result columns), and afterwards sends
 * Bind, Execute and Sync in one call. A bounded LRU closes the statements it forgets. Everything
 * else (transaction control, DDL, options this file does not know) goes through PGlite unchanged.
 *
 * It relies on two members PGlite marks internal (_runExclusiveTransaction, _runExclusiveQuery):
 * its public query() takes the same two locks, so a statement never runs inside another caller's
 * open transaction. Without them this falls back to PGlite's own query() (`prepared` says which;
 * a test fails if an upgrade takes them away).
 */
import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { LRUCache } from 'lru-cache';

type Messages = Awaited<ReturnType<PGlite['execProtocolStream']>>;
type RowDescription = Extract<Messages[number], { name: 'rowDescription' }>;

interface Prepared {
  name: string;
  /** Parameter types PostgreSQL inferred: each value is serialised as PGlite's query() would. */
  paramTypes: number[];
  /** The result columns (Describe of the statement), or null for a statement without rows. */
  columns: RowDescription | null;
}

interface Locks {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

/** Texts worth keeping: statements that plan. A savepoint or a CREATE gains nothing from a name. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** DDL through this client forgets every kept statement: a changed table would fail a transaction. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop|truncate|comment)\b/i;

/** "cached plan must not change result type" (DDL from elsewhere) or "prepared statement does not exist": prepare again. */
function stale(error: unknown): boolean {
  const { code, routine } = error as { code?: string; routine?: string };
  return code === '26000' || (code === '0A000' && routine === 'RevalidateCachedQuery'); // 0A000 alone is any "not supported"
}

const S = protocol.serialize;
/** Statement names, unique in the process (two wrappers of one client must not collide). */
let named = 0;

/** What Drizzle's PGlite session calls: query() and transaction(), nothing else. */
export interface StatementClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  transaction<T>(fn: (tx: StatementClient) => Promise<T>): Promise<T>;
  /** Whether statements are prepared (false: PGlite lacks the internals this needs). */
  readonly prepared: boolean;
  /** Statements held prepared now. */
  readonly size: number;
}

/**
 * Each kept statement holds ~32 KB of PostgreSQL memory in a heap that never shrinks (117 after
 * the demo load and its pages: +3.8 MB in pg_backend_memory_contexts). A public page needs a few;
 * 64 keep every page's and a clerk's day, at ~2 MB.
 */
export function preparedStatements(client: PGlite, max = 64): StatementClient {
  const locks = client as unknown as Partial<Locks>;
  if (typeof locks._runExclusiveQuery !== 'function' || typeof locks._runExclusiveTransaction !== 'function') return passThrough(client);
  const held = locks as Locks;
  const inQueryLock = <T>(fn: () => Promise<T>): Promise<T> => held._runExclusiveQuery(fn);
  const inTransactionLock = <T>(fn: () => Promise<T>): Promise<T> => held._runExclusiveTransaction(fn);
  let closing: string[] = [];
  const kept = new LRUCache<string, Prepared>({ max, dispose: (p) => closing.push(p.name) });

  const exchange = (parts: Uint8Array[]) => {
    const closes = closing.map((name) => S.close({ type: 'S', name }));
    closing = [];
    return client.execProtocolStream(Buffer.concat([...closes, ...parts, S.sync()]), { syncToFs: false });
  };

  async function prepare(text: string): Promise<Prepared> {
    const name = `gk_${++named}`;
    const messages = await exchange([S.parse({ name, text }), S.describe({ type: 'S', name })]);
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages), columns: messages.find((m): m is RowDescription => m.name === 'rowDescription') ?? null };
    kept.set(text, prepared);
    return prepared;
  }

  function serialise(params: unknown[], types: number[], options?: QueryOptions): (string | null)[] {
    return params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = options?.serializers?.[types[i]!] ?? client.serializers[types[i]!];
      return serialize ? serialize(value) : String(value);
    });
  }

  async function run<T>(text: string, params: unknown[], options: QueryOptions | undefined, retry: boolean): Promise<Results<T>> {
    const statement = kept.get(text) ?? (await prepare(text));
    try {
      const messages = await exchange([S.bind({ statement: statement.name, values: serialise(params, statement.paramTypes, options) }), S.execute({})]);
      return parse.parseResults(statement.columns ? [statement.columns, ...messages] : messages, client.parsers, options)[0] as Results<T>;
    } catch (error) {
      if (!stale(error)) throw error;
      kept.delete(text); // the next call prepares it again; outside a transaction, this one does
      if (!retry) throw error;
      return run(text, params, options, false);
    }
  }

  const usable = (text: string, options?: QueryOptions) => PREPARABLE.test(text) && !options?.blob && !options?.paramTypes && !options?.onNotice;
  /** Runs a statement through PGlite itself; after DDL (once it has run), no kept statement is trusted. */
  const passOn = <R>(text: string, query: () => Promise<R>): Promise<R> => (SCHEMA_CHANGE.test(text) ? query().finally(() => kept.clear()) : query());

  function within(tx: Transaction): StatementClient {
    return {
      query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
        if (!usable(text, options)) return passOn(text, () => tx.query<T>(text, params, options));
        return inQueryLock(() => {
          // As PGlite's tx.query: a kept tx used after its callback would otherwise join another caller's transaction.
          if (tx.closed) throw new Error('Transaction is closed');
          return run<T>(text, params, options, false);
        });
      },
      transaction: () => Promise.reject(new Error('nested transactions go through savepoints')),
      prepared: true,
      get size() {
        return kept.size;
      },
    };
  }

  return {
    query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) => {
      if (!usable(text, options)) return passOn(text, () => client.query<T>(text, params, options));
      return inTransactionLock(() =>
        inQueryLock(async () => {
          if (!client.ready) throw new Error('PGlite is closed'); // close() lets waiting callers in before it shuts down
          const result = await run<T>(text, params, options, true);
          await client.syncToFs(); // as PGlite's query() does outside a transaction
          return result;
        }),
      );
    },
    transaction: (fn) => client.transaction((tx) => fn(within(tx))),
    prepared: true,
    get size() {
      return kept.size;
    },
  };
}

function passThrough(client: PGlite): StatementClient {
  return {
    query: (text, params, options) => client.query(text, params, options),
    transaction: (fn) => client.transaction((tx) => fn({ ...passThrough(client), query: (t, p, o) => tx.query(t, p, o) })),
    prepared: false,
    size: 0,
  };
}
