// SQL of the local-day rebuild after a time-zone data upgrade (server/time/tz-rebuild.ts): the
// recorded tz release and the rebuild's claim and progress (local_day_rules), the rows whose
// stored site-local day falls outside the day's bounds under the current rules, and their moves.
// Bounds are instants computed in TypeScript (db/local-time.ts); no SQL here converts time zones.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { pgArrayLiteral } from './ingest/unnest-arrays';

export type LocalDayRulesState = {
  tzVersion: string | null;
  rebuildTarget: string | null;
  rebuildAllDays: boolean;
  cursorSiteId: number | null;
  cursorDay: string | null;
  checkedRecords: number;
  movedCalls: number;
  movedEvaluations: number;
  recomputedDays: number;
  rebuildStartedAt: Date | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
};

type StateRow = {
  tz_version: string | null;
  rebuild_target: string | null;
  rebuild_all_days: boolean;
  cursor_site_id: number | null;
  cursor_day: string | null;
  checked_records: string | number;
  moved_calls: string | number;
  moved_evaluations: string | number;
  recomputed_days: string | number;
  rebuild_started_at: string | Date | null;
  claimed_by: string | null;
  claimed_until: string | Date | null;
};

const STATE_COLUMNS = sql.raw(`tz_version, rebuild_target, rebuild_all_days, cursor_site_id, cursor_day::text as cursor_day,
  checked_records, moved_calls, moved_evaluations, recomputed_days, rebuild_started_at, claimed_by, claimed_until`);

function stateOf(row: StateRow): LocalDayRulesState {
  const when = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    tzVersion: row.tz_version,
    rebuildTarget: row.rebuild_target,
    rebuildAllDays: row.rebuild_all_days,
    cursorSiteId: row.cursor_site_id,
    cursorDay: row.cursor_day,
    checkedRecords: Number(row.checked_records),
    movedCalls: Number(row.moved_calls),
    movedEvaluations: Number(row.moved_evaluations),
    recomputedDays: Number(row.recomputed_days),
    rebuildStartedAt: when(row.rebuild_started_at),
    claimedBy: row.claimed_by,
    claimedUntil: when(row.claimed_until),
  };
}

/** The recorded state; null when the days were never recorded (computed with unknown rules). */
export async function readLocalDayRules(db: Db): Promise<LocalDayRulesState | null> {
  const [row] = rowsOf<StateRow>(await db.execute(sql`select ${STATE_COLUMNS} from local_day_rules where id = 1`));
  return row ? stateOf(row) : null;
}

/** The state, locked for the rest of the transaction (one batch at a time writes progress). */
export async function lockLocalDayRules(tx: Db): Promise<LocalDayRulesState | null> {
  const [row] = rowsOf<StateRow>(await tx.execute(sql`select ${STATE_COLUMNS} from local_day_rules where id = 1 for update`));
  return row ? stateOf(row) : null;
}

/**
 * Claims the rebuild for `owner` until now + ttl: granted when nobody holds it, the holder's claim
 * has expired, `owner` holds it already, or `takeOver` (the caller knows no other process can be
 * running one). Answers the state with the claim, or null with the holder when refused.
 */
export async function claimLocalDayRebuild(
  db: Db,
  args: { owner: string; ttlSeconds: number; takeOver: boolean },
): Promise<{ state: LocalDayRulesState } | { state: null; holder: string | null; until: Date | null }> {
  await db.execute(sql`insert into local_day_rules (id) values (1) on conflict (id) do nothing`);
  const [row] = rowsOf<StateRow>(
    await db.execute(sql`
      update local_day_rules
      set claimed_by = ${args.owner}, claimed_until = now() + make_interval(secs => ${args.ttlSeconds}), updated_at = now()
      where id = 1 and (claimed_by is null or claimed_until < now() or claimed_by = ${args.owner} or ${args.takeOver}::boolean)
      returning ${STATE_COLUMNS}`),
  );
  if (row) return { state: stateOf(row) };
  const current = await readLocalDayRules(db);
  return { state: null, holder: current?.claimedBy ?? null, until: current?.claimedUntil ?? null };
}

/**
 * Records `version` as the rules the stored local days follow, when the database holds no call
 * record and no evaluation (no stored day to check: whatever is stored next is filed by this
 * runtime) and no rules or rebuild are recorded yet. Answers whether it recorded them.
 */
export async function recordRulesOfEmptyDatabase(db: Db, version: string): Promise<boolean> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      insert into local_day_rules (id, tz_version)
      select 1, ${version}
      where not exists (select 1 from call_records) and not exists (select 1 from qa_evaluations)
      on conflict (id) do update set tz_version = excluded.tz_version, updated_at = now()
        where local_day_rules.tz_version is null and local_day_rules.rebuild_target is null and local_day_rules.claimed_by is null
      returning id`),
  );
  return rows.length > 0;
}

/** Gives the claim up, if `owner` still holds it. */
export async function releaseLocalDayRebuild(db: Db, owner: string): Promise<void> {
  await db.execute(sql`
    update local_day_rules set claimed_by = null, claimed_until = null, updated_at = now()
    where id = 1 and claimed_by = ${owner}`);
}

/** Starts a rebuild towards `target` from the first site, counters at zero. */
export async function beginLocalDayRebuild(tx: Db, args: { target: string; allDays: boolean }): Promise<void> {
  await tx.execute(sql`
    update local_day_rules set rebuild_target = ${args.target}, rebuild_all_days = ${args.allDays},
      cursor_site_id = null, cursor_day = null, checked_records = 0, moved_calls = 0, moved_evaluations = 0,
      recomputed_days = 0, rebuild_started_at = now(), updated_at = now()
    where id = 1`);
}

export type LocalDayBatchProgress = {
  siteId: number;
  lastDay: string;
  checked: number;
  movedCalls: number;
  movedEvaluations: number;
  recomputedDays: number;
};

/** Records a finished batch (the cursor moves past it) and renews the claim. */
export async function saveLocalDayProgress(tx: Db, owner: string, ttlSeconds: number, p: LocalDayBatchProgress): Promise<void> {
  await tx.execute(sql`
    update local_day_rules set cursor_site_id = ${p.siteId}, cursor_day = ${p.lastDay}::date,
      checked_records = checked_records + ${p.checked}, moved_calls = moved_calls + ${p.movedCalls},
      moved_evaluations = moved_evaluations + ${p.movedEvaluations}, recomputed_days = recomputed_days + ${p.recomputedDays},
      claimed_until = now() + make_interval(secs => ${ttlSeconds}), updated_at = now()
    where id = 1 and claimed_by = ${owner}`);
}

/** Records that every stored day now follows `version`; the rebuild and its claim end. */
export async function finishLocalDayRebuild(tx: Db, owner: string, version: string): Promise<void> {
  await tx.execute(sql`
    update local_day_rules set tz_version = ${version}, rebuild_target = null, rebuild_all_days = false,
      cursor_site_id = null, cursor_day = null, claimed_by = null, claimed_until = null, updated_at = now()
    where id = 1 and claimed_by = ${owner}`);
}

/** Every site (active or not: their records count too), in id order: the rebuild's outer keyset. */
export async function listSitesForRebuild(db: Db): Promise<{ id: number; code: string; timezone: string }[]> {
  return rowsOf<{ id: number; code: string; timezone: string }>(
    await db.execute(sql`select id, code, timezone from sites order by id`),
  );
}

function firstDayAfter(table: string, column: string, siteId: number, after: string | null): SQL {
  const since = after === null ? sql`` : sql` and ${sql.raw(column)} > ${after}::date`;
  return sql`(select min(${sql.raw(column)}) from ${sql.raw(table)} where site_id = ${siteId}${since})`;
}

/**
 * The first day after `after` (or the first day at all) on which the site has a call record or an
 * evaluation, and with `withRollups` a rollup row too (rollups computed with unknown rules may sit
 * on days no record has any more). Each probe is one step down a (site_id, day) index.
 */
export async function nextLocalDayOfSite(db: Db, siteId: number, after: string | null, withRollups: boolean): Promise<string | null> {
  const probes = [
    firstDayAfter('call_records', 'local_day', siteId, after),
    firstDayAfter('qa_evaluations', 'local_day', siteId, after),
  ];
  if (withRollups) {
    probes.push(firstDayAfter('site_day', 'day', siteId, after));
    probes.push(firstDayAfter('site_queue_day', 'day', siteId, after));
    probes.push(firstDayAfter('site_mission_day', 'day', siteId, after));
  }
  const [row] = rowsOf<{ day: string | null }>(await db.execute(sql`select least(${sql.join(probes, sql`, `)})::text as day`));
  return row?.day ?? null;
}

/** The last day on which the site has a call record or an evaluation (for progress totals). */
export async function lastLocalDayOfSite(db: Db, siteId: number, withRollups: boolean): Promise<string | null> {
  const probes = [sql`(select max(local_day) from call_records where site_id = ${siteId})`, sql`(select max(local_day) from qa_evaluations where site_id = ${siteId})`];
  if (withRollups) probes.push(sql`(select max(day) from site_day where site_id = ${siteId})`);
  const [row] = rowsOf<{ day: string | null }>(await db.execute(sql`select greatest(${sql.join(probes, sql`, `)})::text as day`));
  return row?.day ?? null;
}

export type DayBounds = { day: string; start: Date; end: Date };

function boundsTable(days: readonly DayBounds[]): SQL {
  return sql`unnest(
    ${pgArrayLiteral(days.map((d) => d.day))}::text::date[],
    ${pgArrayLiteral(days.map((d) => d.start.toISOString()))}::text::timestamptz[],
    ${pgArrayLiteral(days.map((d) => d.end.toISOString()))}::text::timestamptz[]
  ) as b(day, lo, hi)`;
}

type Candidates<T> = { checked: number; outside: T[] };

function jsonRows<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/**
 * The call records stored on the given days, counted, and those whose start lies outside their
 * stored day's bounds [start, end): the only ones whose day may have changed. Each day is read by
 * a lateral probe of the (site_id, local_day) index.
 */
export async function findCallsOutsideTheirDay(
  tx: Db,
  siteId: number,
  days: readonly DayBounds[],
): Promise<Candidates<{ externalId: string; startedMs: number; day: string }>> {
  if (days.length === 0) return { checked: 0, outside: [] };
  const [row] = rowsOf<{ checked: number; outside: unknown }>(
    await tx.execute(sql`
      select count(*)::int as checked,
        json_agg(json_build_array(c.external_id, floor(extract(epoch from c.started_at) * 1000)::bigint, b.day::text))
          filter (where c.started_at < b.lo or c.started_at >= b.hi) as outside
      from ${boundsTable(days)}
      cross join lateral (
        select c.external_id, c.started_at from call_records c where c.site_id = ${siteId} and c.local_day = b.day offset 0
      ) c`),
  );
  const outside = jsonRows<[string, number | string, string]>(row?.outside).map(([externalId, ms, day]) => ({
    externalId,
    startedMs: Number(ms),
    day,
  }));
  return { checked: row?.checked ?? 0, outside };
}

/** The same for QA evaluations (both scopes), by evaluatedAt. */
export async function findEvaluationsOutsideTheirDay(
  tx: Db,
  siteId: number,
  days: readonly DayBounds[],
): Promise<Candidates<{ id: number; evaluatedMs: number; day: string; siteScope: boolean }>> {
  if (days.length === 0) return { checked: 0, outside: [] };
  const [row] = rowsOf<{ checked: number; outside: unknown }>(
    await tx.execute(sql`
      select count(*)::int as checked,
        json_agg(json_build_array(e.id, floor(extract(epoch from e.evaluated_at) * 1000)::bigint, b.day::text, e.scope = 'site'))
          filter (where e.evaluated_at < b.lo or e.evaluated_at >= b.hi) as outside
      from ${boundsTable(days)}
      cross join lateral (
        select e.id, e.evaluated_at, e.scope from qa_evaluations e where e.site_id = ${siteId} and e.local_day = b.day offset 0
      ) e`),
  );
  const outside = jsonRows<[number | string, number | string, string, boolean]>(row?.outside).map(([id, ms, day, siteScope]) => ({
    id: Number(id),
    evaluatedMs: Number(ms),
    day,
    siteScope,
  }));
  return { checked: row?.checked ?? 0, outside };
}

export type DayMove<K> = { key: K; from: string; to: string };

/**
 * Files call records on their new day. A row is moved only if it is still on the day it was
 * found on; nothing else of the record changes (updated_at stays: the site did not change it).
 */
export async function moveCallRecordDays(tx: Db, siteId: number, moves: readonly DayMove<string>[]): Promise<number> {
  if (moves.length === 0) return 0;
  const moved = rowsOf<{ external_id: string }>(
    await tx.execute(sql`
      update call_records c set local_day = m.to_day
      from unnest(
        ${pgArrayLiteral(moves.map((m) => m.key))}::text::text[],
        ${pgArrayLiteral(moves.map((m) => m.from))}::text::date[],
        ${pgArrayLiteral(moves.map((m) => m.to))}::text::date[]
      ) as m(external_id, from_day, to_day)
      where c.site_id = ${siteId} and c.external_id = m.external_id and c.local_day = m.from_day
      returning c.external_id`),
  );
  return moved.length;
}

/** Files QA evaluations on their new day, as moveCallRecordDays does for calls. */
export async function moveEvaluationDays(tx: Db, siteId: number, moves: readonly DayMove<number>[]): Promise<number> {
  if (moves.length === 0) return 0;
  const moved = rowsOf<{ id: string | number }>(
    await tx.execute(sql`
      update qa_evaluations e set local_day = m.to_day
      from unnest(
        ${pgArrayLiteral(moves.map((m) => m.key))}::text::int8[],
        ${pgArrayLiteral(moves.map((m) => m.from))}::text::date[],
        ${pgArrayLiteral(moves.map((m) => m.to))}::text::date[]
      ) as m(id, from_day, to_day)
      where e.site_id = ${siteId} and e.id = m.id and e.local_day = m.from_day
      returning e.id`),
  );
  return moved.length;
}
