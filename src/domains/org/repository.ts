import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db.ts';
import { organisations, publicSchedule, publicVersions, sessions, users } from './schema.ts';

export type OrgRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export type { SessionUser } from '../../platform/principal.ts';

// ---- organisations ----

export async function insertOrg(ex: Executor, values: typeof organisations.$inferInsert): Promise<OrgRow> {
  const [row] = await ex.insert(organisations).values(values).returning();
  return row!;
}

export async function findOrgByCode(ex: Executor, code: string): Promise<OrgRow | null> {
  const [row] = await ex.select().from(organisations).where(eq(organisations.code, code));
  return row ?? null;
}

export async function updateOrg(ex: Executor, id: number, values: Pick<Partial<typeof organisations.$inferInsert>, 'publicPhones'>): Promise<void> {
  await ex.update(organisations).set(values).where(eq(organisations.id, id));
}

export async function findOrgById(ex: Executor, id: number): Promise<OrgRow | null> {
  const [row] = await ex.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** Every organisation whose path starts with `path` (the subtree, root included), in tree order. */
export async function listOrgsUnder(ex: Executor, path = '/'): Promise<OrgRow[]> {
  return ex.select().from(organisations).where(like(organisations.path, `${path}%`)).orderBy(asc(organisations.path));
}

/**
 * What identifies the subtree under `path`: how many organisations it holds and the newest id.
 * Organisations are never renamed, moved or deleted (only their public phones change), so an
 * unchanged stamp means an unchanged tree.
 */
export async function orgStamp(ex: Executor, path: string): Promise<string> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int`, newest: sql<string>`coalesce(max(${organisations.id}), 0)::text` })
    .from(organisations)
    .where(like(organisations.path, `${path}%`));
  return `${row?.n ?? 0}:${row?.newest ?? 0}`;
}

/** A community as lists name it: no more than its id, code and name. */
export type CommunityKey = Pick<OrgRow, 'id' | 'code' | 'name'>;

/** The communities under `path` as keys: a district's thousand without their full rows. */
export async function listCommunityKeysUnder(ex: Executor, path: string): Promise<CommunityKey[]> {
  return ex
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(and(like(organisations.path, `${path}%`), eq(organisations.kind, 'community')));
}

export async function listOrgsByCodes(ex: Executor, codes: string[]): Promise<OrgRow[]> {
  if (codes.length === 0) return [];
  return ex.select().from(organisations).where(inArray(organisations.code, codes)).orderBy(asc(organisations.path));
}

/** The organisation with `code` and every one above it, root first, in one statement (none when the code is unknown). */
export async function listLineageOfCode(ex: Executor, code: string): Promise<OrgRow[]> {
  const codes = sql`string_to_array(btrim((select ${organisations.path} from ${organisations} where ${organisations.code} = ${code}), '/'), '/')`;
  return ex.select().from(organisations).where(sql`${organisations.code} = any(${codes})`).orderBy(asc(organisations.path));
}

export async function listOrgsByIds(ex: Executor, ids: number[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(organisations).where(inArray(organisations.id, ids));
}

export async function countOrgs(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(organisations);
  return Number(row?.n ?? 0);
}

// ---- users ----

export async function insertUser(ex: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await ex.insert(users).values(values).returning();
  return row!;
}

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | null> {
  const [row] = await ex.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

export async function findUserById(ex: Executor, id: number): Promise<UserRow | null> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function listUsersUnder(ex: Executor, path: string) {
  return ex
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      disabled: users.disabled,
      orgCode: organisations.code,
      orgName: organisations.name,
      orgPath: organisations.path,
    })
    .from(users)
    .innerJoin(organisations, eq(users.orgId, organisations.id))
    .where(like(organisations.path, `${path}%`))
    .orderBy(asc(organisations.path), asc(users.username));
}

export async function updateUser(ex: Executor, id: number, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await ex.update(users).set(values).where(eq(users.id, id));
}

/**
 * Clears the failure count of a login that checked `passwordHash`, only if that is still the
 * user's password and the user is not disabled; false when a change committed since the check.
 */
export async function confirmLogin(ex: Executor, id: number, passwordHash: string): Promise<boolean> {
  const rows = await ex
    .update(users)
    .set({ failedAttempts: 0, lockedUntil: null })
    .where(and(eq(users.id, id), eq(users.passwordHash, passwordHash), eq(users.disabled, false)))
    .returning({ id: users.id });
  return rows.length > 0;
}

// ---- sessions ----

export async function insertSession(ex: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(values);
}

export async function findSessionUser(ex: Executor, tokenHash: string) {
  const [row] = await ex
    .select({
      lastSeenAt: sessions.lastSeenAt,
      disabled: users.disabled,
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        orgId: organisations.id,
        orgCode: organisations.code,
        orgName: organisations.name,
        orgKind: organisations.kind,
        orgPath: organisations.path,
        districtCode: users.districtCode,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(organisations, eq(users.orgId, organisations.id))
    .where(eq(sessions.tokenHash, tokenHash));
  return row ?? null;
}

export async function touchSession(ex: Executor, tokenHash: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(ex: Executor, tokenHash: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(ex: Executor, userId: number, exceptTokenHash?: string): Promise<void> {
  const cond = exceptTokenHash
    ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`)
    : eq(sessions.userId, userId);
  await ex.delete(sessions).where(cond);
}

// ---- public content versions ----

/** Moves `tree` on every given path and `down` on `downPath`; rows are created on first use, locked in path order. */
export async function bumpPublicVersions(ex: Executor, paths: string[], downPath: string | null): Promise<void> {
  const rows = [...paths].sort().map((orgPath) => ({ orgPath, tree: 1, down: orgPath === downPath ? 1 : 0 }));
  await ex
    .insert(publicVersions)
    .values(rows)
    .onConflictDoUpdate({ target: publicVersions.orgPath, set: { tree: sql`${publicVersions.tree} + 1`, down: sql`${publicVersions.down} + excluded.down` } });
}

/**
 * The version key of `path` at `now`: its own `tree` plus the `down` of itself and every ancestor,
 * plus its scheduled publications gone live by `now` (not yet folded); and when the next one goes
 * live. One statement.
 */
export async function publicVersionKey(ex: Executor, path: string, lineage: string[], now: Date): Promise<{ key: number; nextAt: Date | null }> {
  const [row] = await ex
    .select({
      key: sql<string>`coalesce(sum(${publicVersions.down}), 0) + coalesce(sum(${publicVersions.tree}) filter (where ${publicVersions.orgPath} = ${path}), 0)
        + (select count(*) from ${publicSchedule} where ${publicSchedule.orgPath} = ${path} and ${publicSchedule.at} <= ${now})`,
      nextAt: sql<string | null>`(select min(${publicSchedule.at}) from ${publicSchedule} where ${publicSchedule.orgPath} = ${path} and ${publicSchedule.at} > ${now})`,
    })
    .from(publicVersions)
    .where(inArray(publicVersions.orgPath, lineage));
  return { key: Number(row?.key ?? 0), nextAt: row?.nextAt ? new Date(row.nextAt) : null };
}

/** A publication at `at` for each of these paths (its community's lineage). */
export async function schedulePublic(ex: Executor, paths: string[], at: Date): Promise<void> {
  await ex.insert(publicSchedule).values(paths.map((orgPath) => ({ orgPath, at })));
}

const FOLD_MARGIN_MS = 10 * 60_000;

/**
 * Scheduled publications gone live more than ten minutes before `now`, moved into `tree` in one
 * statement: each path's key stays what it was (its count falls as its `tree` rises by as much),
 * and the rows go.
 */
export async function foldPassedSchedule(ex: Executor, now: Date): Promise<number> {
  // Only rows well past: an instance whose clock lags the job's must not see a key move (at the
  // fold's commit) before its own clock reaches the moment, or it would keep a page without it.
  const before = new Date(now.getTime() - FOLD_MARGIN_MS);
  const [row] = await queryRows<{ n: number }>(ex, sql`
    with gone as (delete from ${publicSchedule} where ${publicSchedule.at} <= ${before} returning ${publicSchedule.orgPath} as org_path),
    folded as (
      insert into ${publicVersions} (org_path, tree, down)
      select org_path, count(*), 0 from gone group by org_path order by org_path
      on conflict (org_path) do update set tree = ${publicVersions}.tree + excluded.tree
    )
    select (select count(*) from gone)::int as n`);
  return Number(row?.n ?? 0);
}

/** The `down` counter of each of these paths that has one. */
export async function downCounters(ex: Executor, paths: string[]): Promise<Map<string, number>> {
  const rows = await ex.select({ path: publicVersions.orgPath, down: publicVersions.down }).from(publicVersions).where(inArray(publicVersions.orgPath, paths));
  return new Map(rows.map((r) => [r.path, Number(r.down)]));
}

export async function orgPathById(ex: Executor, id: number): Promise<string | null> {
  const [row] = await ex.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  return row?.path ?? null;
}
