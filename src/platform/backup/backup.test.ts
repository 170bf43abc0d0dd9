import { afterAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseKinds, testConfig } from '../../../test/support/db.ts';
import { addUser, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { addOrganisation } from '../../domains/org/index.ts';
import { FixedClock } from '../clock.ts';
import { databaseTarget, openDatabase, type Database } from '../db.ts';
import { migrate } from '../migrate.ts';
import { storageFor } from '../storage.ts';
import { FORMAT, VERSION, listStoredFiles, writeArchive, type Manifest } from './archive.ts';
import { countRows } from './database.ts';
import { BackupError, createBackup, restoreBackup, verifyBackupFile } from './index.ts';

interface Place {
  dataDir: string;
  databaseUrl: string | null;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** An empty data directory, plus an empty PostgreSQL database when the kind is postgres. */
async function emptyPlace(kind: 'pglite' | 'postgres'): Promise<Place> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-backup-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (kind === 'pglite') return { dataDir, databaseUrl: null };
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `gk_test_${randomBytes(6).toString('hex')}`;
  const run = async (text: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await run(`create database ${name}`);
  cleanups.push(() => run(`drop database if exists ${name} with (force)`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}

/** Organisations, a user (so audit entries) and two uploaded files; gives every table's rows. */
async function seed(place: Place): Promise<Record<string, string[]>> {
  const db = await openDatabase(databaseTarget(place));
  try {
    await migrate(db);
    const deps = { db, clock: new FixedClock('2026-11-02T09:00:00+08:00'), config: testConfig({ DATA_DIR: place.dataDir }) };
    await seedTwoStreets(deps);
    await addUser(deps, 'jia-editor', 'editor', '220202001001');
    const storage = storageFor(place);
    await storage.put(Buffer.from('公示附件：第一份'));
    await storage.put(randomBytes(300_000)); // larger than one tar block and one read
    return await rowsOf(db);
  } finally {
    await db.close();
  }
}

/** Every table's rows as sorted JSON text, so two databases compare whole. */
async function rowsOf(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(await countRows(async (text) => (await db.executeSql(text)).rows))) {
    const [schema, name] = table.split('.');
    const { rows } = await db.executeSql(`select row_to_json(t)::text as j from "${schema}"."${name}" t`);
    out[table] = rows.map((r) => String(r.j)).sort();
  }
  return out;
}

async function snapshot(place: Place): Promise<Record<string, string[]>> {
  const db = await openDatabase(databaseTarget(place));
  try {
    return await rowsOf(db);
  } finally {
    await db.close();
  }
}

const files = async (place: Place) => (await listStoredFiles(join(place.dataDir, 'files'))).map((f) => [f.sha256, readFileSync(f.path).toString('base64')]);

describe.each(databaseKinds.map((k) => k.name))('backup and restore on %s', (kind) => {
  it('restores into an empty target with identical rows, files and audit chain', { timeout: 120_000 }, async () => { // opens two embedded databases: slow on a busy machine, not wrong
    const source = await emptyPlace(kind);
    const sourceRows = await seed(source);
    const out = join(mkdtempSync(join(tmpdir(), 'gk-backup-out-')), 'backup.tar.gz');
    cleanups.push(async () => rmSync(join(out, '..'), { recursive: true, force: true }));

    const manifest = await createBackup(source, out);
    expect(manifest.database.kind).toBe(kind);
    expect(Object.keys(manifest.tables).sort()).toEqual(Object.keys(sourceRows).sort());
    expect(manifest.files).toHaveLength(2);
    expect(manifest.tables['public.audit_log']).toBeGreaterThan(0);
    await expect(createBackup(source, out)).rejects.toThrow(/已存在/);

    const checked = await verifyBackupFile(out);
    expect(checked.problems).toEqual([]);
    if (kind === 'pglite') expect(checked.audit?.ok).toBe(true);

    const target = await emptyPlace(kind);
    const restored = await restoreBackup(target, out);
    expect(restored.problems).toEqual([]);
    expect(restored.audit).toMatchObject({ ok: true, entries: manifest.tables['public.audit_log'] });

    // A second restore into the same, now filled, target is refused before anything is written,
    // so the comparison below also shows that the refusal changed nothing.
    const refusal = await restoreBackup(target, out).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(BackupError);
    expect((refusal as Error).message).toMatch(/不是空的/);
    expect(await snapshot(target)).toEqual(sourceRows);
    expect(await files(target)).toEqual(await files(source));
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('an online PostgreSQL backup', () => {
  it('is one consistent snapshot while writes go on', async () => {
    const source = await emptyPlace('postgres');
    await seed(source);
    const db = await openDatabase(databaseTarget(source));
    const deps = { db, clock: new FixedClock('2026-11-02T09:00:00+08:00'), config: testConfig({ DATA_DIR: source.dataDir }) };
    let writing = true;
    const system = { id: null, name: 'test', ip: null, user: null };
    const writer = (async () => {
      for (let i = 100; writing; i++) {
        await addOrganisation(deps, system, { code: `220202001${i}`, name: `社区${i}`, kind: 'community', parentCode: '220202001' });
      }
    })();
    const out = join(source.dataDir, 'online.tar.gz');
    const manifest = await createBackup(source, out).finally(() => (writing = false));
    await writer;
    await db.close();
    const restored = await restoreBackup(await emptyPlace('postgres'), out);
    expect(restored.problems).toEqual([]); // row counts read on the very snapshot pg_dump dumped
    expect(restored.audit?.ok).toBe(true);
    expect(manifest.tables['public.organisations']).toBeGreaterThan(5);
  });
});

describe('the embedded database in use', () => {
  it('is not backed up while another process holds it, and the message says why', async () => {
    const place = await emptyPlace('pglite');
    mkdirSync(join(place.dataDir, 'db'));
    writeFileSync(join(place.dataDir, 'db', 'PG_VERSION'), '17\n');
    writeFileSync(join(place.dataDir, 'db.lock'), String(process.pid)); // a live process: this one
    const error = await createBackup(place, join(place.dataDir, 'b.tar.gz')).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/不能在服务运行时备份.*请先停止 gongkai serve/s);
  });
});

describe('a restore that fails half-way', () => {
  it('removes what it wrote, so the same target can be used again', async () => {
    const place = await emptyPlace('pglite');
    const upload = join(place.dataDir, 'upload');
    const dump = join(place.dataDir, 'dump');
    writeFileSync(upload, '附件');
    writeFileSync(dump, 'not really a database');
    const real = { sha256: createHash('sha256').update('附件').digest('hex'), bytes: Buffer.byteLength('附件') };
    const missing = { sha256: 'f'.repeat(64), bytes: 1 };
    const manifest: Manifest = {
      ...{ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), tables: {} },
      database: { kind: 'pglite', entry: 'database.pglite.tar.gz', sha256: createHash('sha256').update('not really a database').digest('hex'), bytes: 21 },
      files: [real, missing],
    };
    const file = join(place.dataDir, 'lying.tar.gz');
    await writeArchive(file, manifest, dump, [{ ...real, path: upload }]);
    const target = await emptyPlace('pglite');
    await expect(restoreBackup(target, file)).rejects.toThrow(/缺少 1 个清单所列的上传文件/);
    expect(existsSync(join(target.dataDir, 'files'))).toBe(false);
    expect(existsSync(join(target.dataDir, 'db'))).toBe(false);
  });
});

describe('a damaged backup file', () => {
  it('is reported in Chinese by verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-backup-bad-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'not-a-backup.tar.gz'), 'hello');
    await expect(verifyBackupFile(join(dir, 'not-a-backup.tar.gz'))).rejects.toThrow(/损坏|不是/);
    await expect(verifyBackupFile(join(dir, 'missing.tar.gz'))).rejects.toThrow(/找不到备份文件/);
  });
});
