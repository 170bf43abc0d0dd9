import { sql, type SQL } from 'drizzle-orm';
import { idArray, queryRows, type Executor } from '../../platform/db.ts';
import { obligations, tallies } from './schema.ts';
import type { StatusDay } from './status.ts';
import type { Status } from './types.ts';

/*
 * The dashboards' SQL: what every status view counts (summary.ts). Closed obligations are read
 * from compliance_tallies, which a trigger on compliance_obligations keeps in the same statement
 * (migration 0018); open ones are counted live, since their status moves with “today”.
 */

/** A text[] parameter of periods ('YYYY' / 'YYYY-MM', checked by their caller's regex). */
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

/** One group of obligations of a status view (see statusSlices in summary.ts). */
export interface SliceRow {
  orgId: number;
  itemKey: string | null;
  itemName: string | null;
  itemSeq: number | null;
  month: string | null;
  /** Dated before the period and still open: 往期未结. */
  carried: boolean;
  status: Status;
  n: number;
}

/** Which communities and period a status view counts (see statusSlices in summary.ts). */
export interface SliceScope {
  orgIds: number[];
  from: string;
  to: string;
  /** The tally periods ('YYYY' or 'YYYY-MM') that make up [from, to] at the grain wanted. */
  periods: string[];
  day: StatusDay;
}

/**
 * THE scope of every status view (community page, matrix, roll-up, status command): obligations
 * dated in [from, to] plus every obligation dated before `from` that is still open. Counted per
 * community × status × carried, and per item and/or month when asked. Closed ones come from
 * compliance_tallies (kept by a trigger), open ones are counted live from their partial index
 * (their status moves with “today”): one statement, so one snapshot.
 */
export async function statusSlices(ex: Executor, s: SliceScope, by: { item?: boolean; month?: boolean }): Promise<SliceRow[]> {
  if (s.orgIds.length === 0) return [];
  const ids = idArray(s.orgIds);
  const closedItem = by.item ? sql`t.item_key, t.item_name as "itemName", t.item_seq as "itemSeq"` : sql`null::text as item_key, null::text as "itemName", null::int as "itemSeq"`;
  const openItem = by.item ? sql`o.item_key, max(o.item_name), min(o.item_seq)::int` : sql`null::text, null::text, null::int`;
  const openMonth = by.month ? sql`to_char(o.ref_on, 'YYYY-MM')` : sql`null::text`;
  // By position: the carried flag and the status repeat a parameter the planner cannot match by text.
  const groups = [sql`o.org_id`, sql`6`, sql`7`, ...(by.item ? [sql`o.item_key`] : []), ...(by.month ? [sql`5`] : [])];
  const rows = await queryRows<Record<string, unknown>>(
    ex,
    sql`select t.org_id::int as "orgId", ${closedItem}, ${by.month ? sql`t.period` : sql`null::text`} as month, false as carried, c.status, c.n
      from ${tallies} t cross join lateral (values ('done_on_time', t.done_on_time), ('done_late', t.done_late), ('waived', t.waived)) as c(status, n)
      where t.org_id = any(${ids}) and t.period = any(${textArray(s.periods)}) and ${by.item ? sql`t.item_key <> ''` : sql`t.item_key = ''`} and c.n > 0
    union all
    select o.org_id::int, ${openItem}, ${openMonth}, (o.ref_on < ${s.from}), ${rollupStatus(s.day)}, count(*)::int
      from ${obligations} o
      where o.org_id = any(${ids}) and o.ref_on <= ${s.to} and o.fulfilled_on is null and o.waived_at is null
      group by ${sql.join(groups, sql`, `)}`,
  );
  return rows.map((r) => ({
    orgId: Number(r.orgId),
    itemKey: r.item_key == null ? null : String(r.item_key),
    itemName: r.itemName == null ? null : String(r.itemName),
    itemSeq: r.itemSeq == null ? null : Number(r.itemSeq),
    month: r.month == null ? null : String(r.month),
    carried: r.carried === true || r.carried === 't',
    status: r.status as Status,
    n: Number(r.n),
  }));
}

/**
 * Per community, its obligations overdue today within the scope of statusSlices (dated up to `to`,
 * carried-over ones included): the same rows statusSlices counts as overdue, read from the open
 * obligations' partial index alone, for the admins' to-do list over a whole district.
 */
export async function overdueCounts(ex: Executor, s: { orgIds: number[]; to: string; today: string }): Promise<Map<number, number>> {
  if (s.orgIds.length === 0) return new Map();
  const rows = await queryRows<{ org_id: unknown; n: unknown }>(
    ex,
    sql`select o.org_id, count(*)::int as n from ${obligations} o
      where o.org_id = any(${idArray(s.orgIds)}) and o.ref_on <= ${s.to} and o.fulfilled_on is null and o.waived_at is null and o.due_on < ${s.today}
      group by o.org_id`,
  );
  return new Map(rows.map((r) => [Number(r.org_id), Number(r.n)]));
}

/** Closed obligations recounted from compliance_obligations where compliance_tallies says otherwise (should be none). */
export async function tallyDrift(ex: Executor): Promise<Record<string, unknown>[]> {
  return queryRows<Record<string, unknown>>(
    ex,
    sql`with closed as (
        select org_id, item_key, ref_on, compliance_closed_status(waived_at, fulfilled_on, due_on) as status from ${obligations}
        where fulfilled_on is not null or waived_at is not null),
      recount as (
        select c.org_id, k.period, k.item_key, count(*) filter (where status = 'done_on_time')::int as on_time,
          count(*) filter (where status = 'done_late')::int as late, count(*) filter (where status = 'waived')::int as waived
        from closed c cross join lateral (values (to_char(c.ref_on, 'YYYY'), c.item_key), (to_char(c.ref_on, 'YYYY-MM'), c.item_key),
          (to_char(c.ref_on, 'YYYY'), ''), (to_char(c.ref_on, 'YYYY-MM'), '')) as k(period, item_key)
        group by 1, 2, 3),
      kept as (select org_id, period, item_key, done_on_time as on_time, done_late as late, waived from ${tallies} where done_on_time <> 0 or done_late <> 0 or waived <> 0)
      (select 'recount' as side, * from recount except all select 'recount', * from kept)
      union all
      (select 'kept', * from kept except all select 'kept', * from recount)`,
  );
}

/** statusSql for the raw queries above, over the alias `o`. */
function rollupStatus(day: StatusDay): SQL {
  return sql`case
    when o.waived_at is not null then 'waived'
    when o.fulfilled_on is not null then (case when o.due_on is null or o.fulfilled_on <= o.due_on then 'done_on_time' else 'done_late' end)
    when o.due_on is null then 'pending'
    when o.due_on < ${day.today} then 'overdue'
    when o.due_on <= ${day.soonUntil} then 'due_soon'
    else 'upcoming' end`;
}

/**
 * What the dashboards of a district are current for: its counter and the one every district
 * shares (migration 0022's triggers move them with every change they count). One key lookup.
 */
export async function dashboardVersion(ex: Executor, districtCode: string): Promise<string> {
  const rows = await queryRows<{ v: string | null }>(
    ex,
    sql`select string_agg(district_code || ':' || version, ',' order by district_code) as v from compliance_versions where district_code in (${districtCode}, '')`,
  );
  return rows[0]?.v ?? '';
}
