// Test support for the tz rebuild: one data set of calls and QA evaluations around the 2026 rule
// changes (Casablanca on UTC+0 from 2026-09-20, Vancouver on permanent UTC−7 from 2026-11-01),
// written through the real ingest path, then optionally "aged" to the days and rollups an older
// runtime (tz 2025c, Node 20) stored: those days are computed by hand from that release's fixed
// offsets, not by any tz library. And a snapshot of every row and rollup to compare databases.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { recomputeSiteDays, recomputeSiteQaDays } from '@/db/queries/ingest/rollups';
import { qaCriteria, qaForms, sites } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { ingestEvaluations } from '@/server/ingest/evaluations';

export const FIXTURE_SITES = [
  { code: 'CAS', name: 'Casablanca', country: 'MA', timezone: 'Africa/Casablanca' },
  { code: 'YVR', name: 'Vancouver', country: 'CA', timezone: 'America/Vancouver' },
  { code: 'PAR', name: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
] as const;

const FIRST_DAY = Date.parse('2026-09-14T00:00:00Z');
const DAYS = 56; // to 2026-11-08
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const actor: Actor = { actorType: 'site_key', actorId: null, actorLabel: 'tz fixture' };

/**
 * The site-local day tz 2025c gave an instant, from that release's offsets over the data set's
 * range, written out by hand: Casablanca stayed on UTC+1; Vancouver went back to UTC−8 and Paris
 * to UTC+1 on their autumn dates; no other change in the range.
 */
export function oldRuleDay(ms: number, timezone: string): string {
  let offsetMinutes: number;
  if (timezone === 'Africa/Casablanca') offsetMinutes = 60;
  else if (timezone === 'America/Vancouver') offsetMinutes = ms < Date.parse('2026-11-01T09:00:00Z') ? -420 : -480;
  else if (timezone === 'Europe/Paris') offsetMinutes = ms < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60;
  else throw new Error(`No 2025c offsets written for ${timezone}`);
  return new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** The same by the current rules (tz 2026c), by hand: what the rebuild must arrive at. */
export function newRuleDay(ms: number, timezone: string): string {
  let offsetMinutes: number;
  if (timezone === 'Africa/Casablanca') offsetMinutes = ms < Date.parse('2026-09-20T01:00:00Z') ? 60 : 0;
  else if (timezone === 'America/Vancouver') offsetMinutes = -420;
  else return oldRuleDay(ms, timezone);
  return new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** Call start instants of one site: every 53 minutes, plus 23:30 and 07:30 UTC each day. */
function callInstants(siteIndex: number): number[] {
  const out: number[] = [];
  for (let t = FIRST_DAY + siteIndex * 7 * MINUTE; t < FIRST_DAY + DAYS * 24 * HOUR; t += 53 * MINUTE) out.push(t);
  for (let d = 0; d < DAYS; d++) {
    out.push(FIRST_DAY + d * 24 * HOUR + 23 * HOUR + 30 * MINUTE, FIRST_DAY + d * 24 * HOUR + 7 * HOUR + 30 * MINUTE);
  }
  return out.sort((a, b) => a - b);
}

function callRecord(siteIndex: number, i: number, ms: number) {
  const abandoned = i % 9 === 0;
  return {
    externalId: `c-${siteIndex}-${i}`,
    startedAt: new Date(ms).toISOString(),
    direction: i % 5 === 0 ? 'outbound' : 'inbound',
    queue: ['billing', 'support', 'sales'][i % 3],
    agentRef: `A${i % 11}`,
    waitSeconds: (i * 7) % 61,
    talkSeconds: abandoned ? 0 : 60 + ((i * 37) % 400),
    holdSeconds: abandoned ? 0 : (i * 3) % 40,
    wrapSeconds: abandoned ? 0 : (i * 5) % 50,
    abandoned,
    resolved: abandoned ? null : i % 4 !== 0,
    csat: i % 3 === 0 ? 1 + (i % 5) : null,
    missionCode: i % 4 === 0 ? 'RENEW' : null,
    outcome: i % 4 === 0 ? (i % 8 === 0 ? 'sale' : 'no_sale') : null,
  };
}

export type FixtureDataSet = { siteIds: number[]; calls: { siteId: number; externalId: string; ms: number; timezone: string }[]; evaluations: { siteId: number; externalId: string; ms: number; timezone: string }[] };

/** Sites, a QA form, calls and evaluations, written by the ingest path with the runtime's rules. */
export async function writeDataSet(db: Db): Promise<FixtureDataSet> {
  const set: FixtureDataSet = { siteIds: [], calls: [], evaluations: [] };
  const [form] = await db
    .insert(qaForms)
    .values({ code: 'STD', version: 1, name: 'Standard', status: 'published', publishedAt: new Date('2026-01-01T00:00:00Z') })
    .returning();
  await db.insert(qaCriteria).values([
    { formId: form!.id, key: 'clarity', label: 'Clarity', category: 'language', weight: 2, maxScore: 5, position: 0 },
    { formId: form!.id, key: 'empathy', label: 'Empathy', category: 'soft_skills', weight: 1, maxScore: 10, position: 1 },
  ]);
  for (const [siteIndex, def] of FIXTURE_SITES.entries()) {
    const [site] = await db.insert(sites).values(def).returning();
    set.siteIds.push(site!.id);
    const records = callInstants(siteIndex).map((ms, i) => callRecord(siteIndex, i, ms));
    for (let i = 0; i < records.length; i += 5000) {
      const result = await ingestCalls(db, { siteId: site!.id, records: records.slice(i, i + 5000), actor });
      if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected[0]));
    }
    for (const r of records) set.calls.push({ siteId: site!.id, externalId: r.externalId, ms: Date.parse(r.startedAt), timezone: def.timezone });
    // An evaluation of every third call, made 20 minutes after it started.
    const evaluations = records
      .filter((_, i) => i % 3 === 0)
      .map((r, i) => ({
        externalId: `e-${r.externalId}`,
        evaluatedAt: new Date(Date.parse(r.startedAt) + 20 * MINUTE).toISOString(),
        formCode: 'STD',
        agentRef: r.agentRef,
        callExternalId: r.externalId,
        evaluator: 'QA lead',
        scores: { clarity: 1 + (i % 5), empathy: i % 4 === 0 ? null : i % 11 },
      }));
    const result = await ingestEvaluations(db, { siteId: site!.id, evaluations, actor });
    if (result.rejected.length > 0) throw new Error(JSON.stringify(result.rejected[0]));
    for (const e of evaluations) set.evaluations.push({ siteId: site!.id, externalId: e.externalId, ms: Date.parse(e.evaluatedAt), timezone: def.timezone });
  }
  return set;
}

/**
 * Files every row on the day tz 2025c gave it and rebuilds every rollup from those days, as a
 * runtime on that release would have left the database; records that release as the one used.
 * Answers the rows whose day differs from the current rules' (what a rebuild must move).
 */
export async function ageToOldRules(db: Db, set: FixtureDataSet): Promise<{ calls: Set<string>; evaluations: Set<string> }> {
  const moved = { calls: new Set<string>(), evaluations: new Set<string>() };
  for (const c of set.calls) {
    const old = oldRuleDay(c.ms, c.timezone);
    if (old === newRuleDay(c.ms, c.timezone)) continue;
    moved.calls.add(`${c.siteId}/${c.externalId}`);
    await db.execute(sql`update call_records set local_day = ${old}::date where site_id = ${c.siteId} and external_id = ${c.externalId}`);
  }
  for (const e of set.evaluations) {
    const old = oldRuleDay(e.ms, e.timezone);
    if (old === newRuleDay(e.ms, e.timezone)) continue;
    moved.evaluations.add(`${e.siteId}/${e.externalId}`);
    await db.execute(sql`update qa_evaluations set local_day = ${old}::date where site_id = ${e.siteId} and external_id = ${e.externalId}`);
  }
  for (const siteId of set.siteIds) {
    const days = rowsOf<{ day: string }>(
      await db.execute(sql`
        select local_day::text as day from call_records where site_id = ${siteId}
        union select local_day::text from qa_evaluations where site_id = ${siteId}
        union select day::text from site_day where site_id = ${siteId}`),
    ).map((r) => r.day);
    await db.transaction(async (tx) => {
      await recomputeSiteDays(tx, siteId, days);
      await recomputeSiteQaDays(tx, siteId, days);
    });
  }
  await db.execute(sql`
    insert into local_day_rules (id, tz_version) values (1, '2025c')
    on conflict (id) do update set tz_version = excluded.tz_version`);
  return moved;
}

/** Every stored row a rebuild may change, as comparable plain values, in a fixed order. */
export async function snapshotDerived(db: Db) {
  const q = async (query: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await db.execute(query));
  return {
    calls: await q(sql`
      select s.code, c.external_id, c.local_day::text as local_day, c.started_at::text as started_at, c.queue
      from call_records c join sites s on s.id = c.site_id order by s.code, c.external_id`),
    evaluations: await q(sql`
      select s.code, e.scope, e.external_id, e.local_day::text as local_day, e.score
      from qa_evaluations e join sites s on s.id = e.site_id order by s.code, e.scope, e.external_id`),
    siteDay: await q(sql`
      select s.code, d.day::text as day, d.calls, d.inbound_calls, d.outbound_calls, d.short_abandons, d.offered, d.handled,
        d.inbound_handled, d.abandoned, round(d.handle_seconds::numeric, 6)::text as handle_seconds,
        round(d.inbound_handled_wait_seconds::numeric, 6)::text as wait, d.answered_within_sla, d.resolved_known,
        d.resolved_true, d.csat_responses, d.csat_top2, d.csat_sum, d.qa_evaluations, d.qa_scored_evaluations,
        round(d.qa_score_sum::numeric, 6)::text as qa_score_sum
      from site_day d join sites s on s.id = d.site_id order by s.code, d.day`),
    siteQueueDay: await q(sql`
      select s.code, d.day::text as day, d.queue, d.calls, d.offered, d.handled, d.abandoned,
        round(d.handle_seconds::numeric, 6)::text as handle_seconds, d.answered_within_sla, d.csat_sum
      from site_queue_day d join sites s on s.id = d.site_id order by s.code, d.day, d.queue`),
    siteInterval: await q(sql`
      select s.code, d.day::text as day, extract(epoch from d.starts_at)::bigint::text as starts_at, d.calls, d.offered, d.handled,
        d.abandoned, round(d.handle_seconds::numeric, 6)::text as handle_seconds, d.answered_within_sla, d.csat_sum
      from site_interval d join sites s on s.id = d.site_id order by s.code, d.day, d.starts_at`),
    siteMissionDay: await q(sql`
      select s.code, d.day::text as day, d.mission_code, d.outcome, d.calls
      from site_mission_day d join sites s on s.id = d.site_id order by s.code, d.day, d.mission_code, d.outcome`),
  };
}

/**
 * The row version (xmin: a row written again gets a new one) and updated_at of every call record
 * and evaluation, by "c:site/external id" and "e:site/external id".
 */
export async function rowVersions(db: Db): Promise<Map<string, { xmin: string; updatedAt: string }>> {
  const rows = rowsOf<{ key: string; xmin: string; updated_at: string }>(
    await db.execute(sql`
      select 'c:' || site_id || '/' || external_id as key, xmin::text as xmin, updated_at::text as updated_at from call_records
      union all select 'e:' || site_id || '/' || external_id, xmin::text, updated_at::text from qa_evaluations`),
  );
  return new Map(rows.map((r) => [r.key, { xmin: r.xmin, updatedAt: r.updated_at }]));
}
