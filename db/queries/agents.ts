// Per-agent reads. Figures come from the agent rollups only (agent_day, agent_qa_day,
// agent_qa_category_day, kept by ingest as site_day is), never from call_records. Sums are cast
// to int8/float8 and mapped to numbers so PGlite and postgres.js return the same types.
import { and, asc, between, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { KpiParts } from '@/lib/kpi/definitions';
import { rowsOf, type Db } from '../client';
import { agentDay, agentQaCategoryDay, agentQaDay, type QaCategory } from '../schema';
import { awaitingRescore } from './qa-calibration';

export type AgentSums = { siteId: number; agentRef: string; parts: KpiParts; criticalFails: number; holdSeconds: number; wrapSeconds: number };
export type AgentWeekSums = AgentSums & { weekStart: string };
export type AgentCategorySums = { siteId: number; agentRef: string; category: QaCategory; percentSum: number; scores: number };

type AgentQuery = { siteIds: number[]; from: string; to: string; agentRefs?: string[] };

const intSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::int8`.mapWith(Number);
const floatSum = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::float8`.mapWith(Number);

const callSums = {
  calls: intSum(agentDay.calls),
  inboundCalls: intSum(agentDay.inboundCalls),
  shortAbandons: intSum(agentDay.shortAbandons),
  offered: intSum(agentDay.offered),
  handled: intSum(agentDay.handled),
  inboundHandled: intSum(agentDay.inboundHandled),
  abandoned: intSum(agentDay.abandoned),
  handleSeconds: floatSum(agentDay.handleSeconds),
  holdSeconds: floatSum(agentDay.holdSeconds),
  wrapSeconds: floatSum(agentDay.wrapSeconds),
  inboundHandledWaitSeconds: floatSum(agentDay.inboundHandledWaitSeconds),
  answeredWithinSla: intSum(agentDay.answeredWithinSla),
  resolvedKnown: intSum(agentDay.resolvedKnown),
  resolvedTrue: intSum(agentDay.resolvedTrue),
  csatResponses: intSum(agentDay.csatResponses),
  csatTop2: intSum(agentDay.csatTop2),
  csatSum: intSum(agentDay.csatSum),
};

const qaSums = {
  evaluations: intSum(agentQaDay.evaluations),
  scoredEvaluations: intSum(agentQaDay.scoredEvaluations),
  scoreSum: floatSum(agentQaDay.scoreSum),
  criticalFails: intSum(agentQaDay.criticalFails),
};

type CallSumsRow = { [K in keyof typeof callSums]: number };
type QaSumsRow = { [K in keyof typeof qaSums]: number };

const NO_CALLS: CallSumsRow = Object.fromEntries(Object.keys(callSums).map((k) => [k, 0])) as CallSumsRow;
const NO_QA: QaSumsRow = { evaluations: 0, scoredEvaluations: 0, scoreSum: 0, criticalFails: 0 };

function agentSumsOf(siteId: number, agentRef: string, calls: CallSumsRow, qa: QaSumsRow): AgentSums {
  // The parts key by key: the rows carry their site, agent and week beside the sums.
  return {
    siteId,
    agentRef,
    parts: {
      calls: calls.calls,
      inboundCalls: calls.inboundCalls,
      shortAbandons: calls.shortAbandons,
      offered: calls.offered,
      handled: calls.handled,
      inboundHandled: calls.inboundHandled,
      abandoned: calls.abandoned,
      handleSeconds: calls.handleSeconds,
      inboundHandledWaitSeconds: calls.inboundHandledWaitSeconds,
      answeredWithinSla: calls.answeredWithinSla,
      resolvedKnown: calls.resolvedKnown,
      resolvedTrue: calls.resolvedTrue,
      csatResponses: calls.csatResponses,
      csatTop2: calls.csatTop2,
      csatSum: calls.csatSum,
      qaEvaluations: qa.evaluations,
      qaScoredEvaluations: qa.scoredEvaluations,
      qaScoreSum: qa.scoreSum,
    },
    criticalFails: qa.criticalFails,
    holdSeconds: calls.holdSeconds,
    wrapSeconds: calls.wrapSeconds,
  };
}

/** The rows of one table for the sites, days and (when given) agents asked for. */
function agentFilter(t: { siteId: AnyPgColumn; day: AnyPgColumn; agentRef: AnyPgColumn }, q: AgentQuery): SQL | undefined {
  return and(inArray(t.siteId, q.siteIds), between(t.day, q.from, q.to), q.agentRefs ? inArray(t.agentRef, q.agentRefs) : undefined);
}

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const keyOf = (siteId: number, agentRef: string, weekStart = '') => `${siteId}\u0000${agentRef}\u0000${weekStart}`;

/**
 * Joins the call and QA sums of the same key: an agent with evaluations but no call in the
 * period (or calls but no evaluation) is there with zeros on the other side.
 */
type MergeKey = { siteId: number; agentRef: string; weekStart?: string };

function mergeSums(calls: (MergeKey & CallSumsRow)[], qa: (MergeKey & QaSumsRow)[]): (AgentSums & { weekStart?: string })[] {
  const merged = new Map<string, { key: MergeKey; calls: CallSumsRow; qa: QaSumsRow }>();
  for (const row of calls) merged.set(keyOf(row.siteId, row.agentRef, row.weekStart), { key: row, calls: row, qa: NO_QA });
  for (const row of qa) {
    const k = keyOf(row.siteId, row.agentRef, row.weekStart);
    const found = merged.get(k);
    if (found) found.qa = row;
    else merged.set(k, { key: row, calls: NO_CALLS, qa: row });
  }
  return [...merged.values()]
    .map(({ key, calls: c, qa: e }) => ({
      ...agentSumsOf(key.siteId, key.agentRef, c, e),
      ...(key.weekStart === undefined ? {} : { weekStart: key.weekStart }),
    }))
    // Code-unit order (weeks are ISO dates): localeCompare would cost more than the query.
    .sort((a, b) => a.siteId - b.siteId || codeUnitOrder(a.weekStart ?? '', b.weekStart ?? '') || codeUnitOrder(a.agentRef, b.agentRef));
}

/**
 * Per site and agent, the call and QA sums over the stored site-local days from..to (both
 * included), ordered by site then agent reference (code-unit order).
 */
export async function readAgentSums(db: Db, q: AgentQuery): Promise<AgentSums[]> {
  if (q.siteIds.length === 0 || q.agentRefs?.length === 0) return [];
  const [calls, qa] = await Promise.all([
    db
      .select({ siteId: agentDay.siteId, agentRef: agentDay.agentRef, ...callSums })
      .from(agentDay)
      .where(agentFilter(agentDay, q))
      .groupBy(agentDay.siteId, agentDay.agentRef),
    db
      .select({ siteId: agentQaDay.siteId, agentRef: agentQaDay.agentRef, ...qaSums })
      .from(agentQaDay)
      .where(agentFilter(agentQaDay, q))
      .groupBy(agentQaDay.siteId, agentQaDay.agentRef),
  ]);
  return mergeSums(calls, qa);
}

/**
 * The Monday of the ISO week of a stored site-local day. Date arithmetic on the date column
 * alone: the day is already site-local, so no time zone enters. Whole days since Monday 3 January
 * 2000, modulo 7 (kept positive for earlier days), is the weekday from Monday; integer arithmetic
 * is several times cheaper per row than extract(isodow) and to_char, which is left for the groups.
 */
const mondayOf = (day: AnyPgColumn) => sql`(${day} - (((${day} - date '2000-01-03') % 7 + 7) % 7))`;
const weekStartOf = (day: AnyPgColumn) => sql<string>`to_char(${mondayOf(day)}, 'YYYY-MM-DD')`;

/**
 * One site's sums per agent and site-local ISO week (Monday to Sunday) of the days from..to: a
 * range that does not start on a Monday or end on a Sunday gives partial first or last weeks.
 * Ordered by week, then agent.
 */
export async function readAgentWeeklySums(db: Db, q: { siteId: number; from: string; to: string }): Promise<AgentWeekSums[]> {
  const filter = { siteIds: [q.siteId], from: q.from, to: q.to };
  const callWeek = weekStartOf(agentDay.day);
  const qaWeek = weekStartOf(agentQaDay.day);
  const [calls, qa] = await Promise.all([
    db
      .select({ siteId: agentDay.siteId, agentRef: agentDay.agentRef, weekStart: callWeek, ...callSums })
      .from(agentDay)
      .where(agentFilter(agentDay, filter))
      .groupBy(agentDay.siteId, agentDay.agentRef, mondayOf(agentDay.day)),
    db
      .select({ siteId: agentQaDay.siteId, agentRef: agentQaDay.agentRef, weekStart: qaWeek, ...qaSums })
      .from(agentQaDay)
      .where(agentFilter(agentQaDay, filter))
      .groupBy(agentQaDay.siteId, agentQaDay.agentRef, mondayOf(agentQaDay.day)),
  ]);
  return mergeSums(calls, qa) as AgentWeekSums[];
}

/**
 * One site's handled calls and handle seconds per agent and site-local ISO week: the AHT trend of
 * the agents table, without the other sums readAgentWeeklySums carries (a fifth of the columns to
 * move for 300 agents × 13 weeks).
 */
export async function readAgentWeeklyHandle(
  db: Db,
  q: { siteId: number; from: string; to: string },
): Promise<{ agentRef: string; weekStart: string; handled: number; handleSeconds: number }[]> {
  return db
    .select({ agentRef: agentDay.agentRef, weekStart: weekStartOf(agentDay.day), handled: intSum(agentDay.handled), handleSeconds: floatSum(agentDay.handleSeconds) })
    .from(agentDay)
    .where(agentFilter(agentDay, { siteIds: [q.siteId], from: q.from, to: q.to }))
    .groupBy(agentDay.agentRef, mondayOf(agentDay.day));
}

/** One site's sums per agent and stored site-local day (days without calls or evaluations are absent), by day. */
export async function readAgentDailySums(db: Db, q: { siteId: number; agentRef: string; from: string; to: string }): Promise<(AgentSums & { day: string })[]> {
  const filter = { siteIds: [q.siteId], from: q.from, to: q.to, agentRefs: [q.agentRef] };
  const [calls, qa] = await Promise.all([
    db
      .select({ siteId: agentDay.siteId, agentRef: agentDay.agentRef, weekStart: agentDay.day, ...callSums })
      .from(agentDay)
      .where(agentFilter(agentDay, filter))
      .groupBy(agentDay.siteId, agentDay.agentRef, agentDay.day),
    db
      .select({ siteId: agentQaDay.siteId, agentRef: agentQaDay.agentRef, weekStart: agentQaDay.day, ...qaSums })
      .from(agentQaDay)
      .where(agentFilter(agentQaDay, filter))
      .groupBy(agentQaDay.siteId, agentQaDay.agentRef, agentQaDay.day),
  ]);
  // The day travels in the merge's week slot: one key per day.
  return mergeSums(calls, qa).map(({ weekStart, ...sums }) => ({ ...sums, day: weekStart! }));
}

/** Per site, agent and QA category: Σ criterion percentages and the number of scores (lib/kpi/qa.ts categoryPercent). */
export async function readAgentCategorySums(db: Db, q: AgentQuery): Promise<AgentCategorySums[]> {
  if (q.siteIds.length === 0 || q.agentRefs?.length === 0) return [];
  return db
    .select({
      siteId: agentQaCategoryDay.siteId,
      agentRef: agentQaCategoryDay.agentRef,
      category: agentQaCategoryDay.category,
      percentSum: floatSum(agentQaCategoryDay.percentSum),
      scores: intSum(agentQaCategoryDay.scores),
    })
    .from(agentQaCategoryDay)
    .where(agentFilter(agentQaCategoryDay, q))
    .groupBy(agentQaCategoryDay.siteId, agentQaCategoryDay.agentRef, agentQaCategoryDay.category)
    .orderBy(asc(agentQaCategoryDay.siteId), asc(agentQaCategoryDay.agentRef), asc(agentQaCategoryDay.category));
}

const intArray = (values: readonly number[]) => sql`${`{${values.map((v) => String(Math.trunc(v))).join(',')}}`}::text::int4[]`;

/**
 * The part of the agent QA rollups that HQ must not read (server/qa/blind-rescore.ts): per site,
 * agent and site-local day, the evaluations awaiting their blind re-score, and per category their
 * criterion percentages. A few per worklist, so read from the evaluations themselves.
 */
export async function readAwaitingRescoreAgentSums(
  db: Db,
  q: AgentQuery,
): Promise<{ qa: { siteId: number; agentRef: string; day: string; evaluations: number; scoredEvaluations: number; scoreSum: number; criticalFails: number }[]; categories: (AgentCategorySums & { day: string })[] }> {
  if (q.siteIds.length === 0 || q.agentRefs?.length === 0) return { qa: [], categories: [] };
  const where = sql`e.scope = 'site' and e.site_id = any(${intArray(q.siteIds)}) and e.local_day between ${q.from}::date and ${q.to}::date
    ${q.agentRefs ? sql`and e.agent_ref in (${sql.join(q.agentRefs.map((ref) => sql`${ref}`), sql`, `)})` : sql``}
    and ${awaitingRescore(sql`e.site_id`, sql`e.id`)}`;
  const [qa, categories] = await Promise.all([
    db.execute(sql`
      select e.site_id, e.agent_ref, to_char(e.local_day, 'YYYY-MM-DD') as day, count(*)::int8 as evaluations, count(e.score)::int8 as scored,
        coalesce(sum(e.score), 0)::float8 as score_sum, (count(*) filter (where e.critical_failed))::int8 as critical_fails
      from qa_evaluations e where ${where}
      group by e.site_id, e.agent_ref, e.local_day`),
    db.execute(sql`
      select e.site_id, e.agent_ref, to_char(e.local_day, 'YYYY-MM-DD') as day, c.category,
        sum(s.score / c.max_score * 100)::float8 as percent_sum, count(*)::int8 as scores
      from qa_evaluations e
      join qa_scores s on s.site_id = e.site_id and s.evaluation_id = e.id and s.score is not null
      join qa_criteria c on c.id = s.criterion_id
      where ${where}
      group by e.site_id, e.agent_ref, e.local_day, c.category`),
  ]);
  type QaRow = { site_id: number; agent_ref: string; day: string; evaluations: string | number; scored: string | number; score_sum: string | number; critical_fails: string | number };
  type CategoryRow = { site_id: number; agent_ref: string; day: string; category: QaCategory; percent_sum: string | number; scores: string | number };
  return {
    qa: rowsOf<QaRow>(qa).map((r) => ({
      siteId: r.site_id,
      agentRef: r.agent_ref,
      day: r.day,
      evaluations: Number(r.evaluations),
      scoredEvaluations: Number(r.scored),
      scoreSum: Number(r.score_sum),
      criticalFails: Number(r.critical_fails),
    })),
    categories: rowsOf<CategoryRow>(categories).map((r) => ({
      siteId: r.site_id,
      agentRef: r.agent_ref,
      day: r.day,
      category: r.category,
      percentSum: Number(r.percent_sum),
      scores: Number(r.scores),
    })),
  };
}

export type AgentEvaluationRow = {
  id: number;
  evaluatedAt: Date;
  day: string;
  evaluator: string;
  formCode: string;
  formVersion: number;
  score: number | null;
  criticalFailed: boolean;
  /** HQ's re-score of it, when there is one. */
  hqScore: number | null;
  rescored: boolean;
  awaitingRescore: boolean;
};

/** One agent's site-scope evaluations at a site whose site-local day is in from..to, newest first (at most `limit`). */
export async function listAgentEvaluations(
  db: Db,
  q: { siteId: number; agentRef: string; from: string; to: string; limit: number },
): Promise<AgentEvaluationRow[]> {
  const rows = rowsOf<{
    id: string | number;
    evaluated_at: string | Date;
    day: string;
    evaluator: string;
    form_code: string;
    form_version: number;
    score: number | null;
    critical_failed: boolean;
    hq_score: number | null;
    rescored: boolean;
    awaiting: boolean;
  }>(
    await db.execute(sql`
      select e.id, e.evaluated_at, to_char(e.local_day, 'YYYY-MM-DD') as day, e.evaluator, f.code as form_code, f.version as form_version,
        e.score, e.critical_failed, h.score as hq_score, (h.id is not null) as rescored,
        ${awaitingRescore(sql`e.site_id`, sql`e.id`)} as awaiting
      from qa_evaluations e
      join qa_forms f on f.id = e.form_id
      left join qa_evaluations h on h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'
      where e.scope = 'site' and e.site_id = ${q.siteId} and e.agent_ref = ${q.agentRef}
        and e.local_day between ${q.from}::date and ${q.to}::date
      order by e.evaluated_at desc, e.id desc
      limit ${q.limit}`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    evaluatedAt: new Date(r.evaluated_at),
    day: r.day,
    evaluator: r.evaluator,
    formCode: r.form_code,
    formVersion: r.form_version,
    score: r.score === null ? null : Number(r.score),
    criticalFailed: r.critical_failed,
    hqScore: r.hq_score === null ? null : Number(r.hq_score),
    rescored: r.rescored,
    awaitingRescore: r.awaiting,
  }));
}

/** Whether a site has ever seen the agent: on its roster, or with calls or evaluations on any day. */
export async function agentSeenAtSite(db: Db, siteId: number, agentRef: string): Promise<boolean> {
  const rows = rowsOf<{ seen: boolean }>(
    await db.execute(sql`
      select (exists (select 1 from agent_day where site_id = ${siteId} and agent_ref = ${agentRef})
        or exists (select 1 from agent_qa_day where site_id = ${siteId} and agent_ref = ${agentRef})
        or exists (select 1 from site_agents where site_id = ${siteId} and agent_ref = ${agentRef})) as seen`),
  );
  return rows[0]?.seen === true;
}
