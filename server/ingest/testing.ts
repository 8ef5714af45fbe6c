// Test support: the stored rollups of a site beside the same rollups recomputed in JavaScript
// from its raw rows, in shapes a test compares with one toEqual.
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  agentDay,
  agentQaCategoryDay,
  agentQaDay,
  callRecords,
  qaCriteria,
  qaEvaluations,
  qaScores,
  siteDay,
  siteMissionDay,
  siteQaCategoryDay,
  siteQueueDay,
  sites,
} from '@/db/schema';
import {
  CALL_SUM_KEYS,
  expectedAgentCallRollups,
  expectedAgentQaRollups,
  expectedCallRollups,
  expectedQaRollups,
  type CallSums,
  type QaSums,
  type RawAgentEvaluation,
} from './rollup-reference';

type Comparable = Record<string, Record<string, number>>;

type Rollups = {
  days: Comparable;
  queues: Comparable;
  missions: Record<string, number>;
  qa: Comparable;
  /** agent_day, keyed `day|agentRef`. */
  agents: Comparable;
  /** agent_qa_day, keyed `day|agentRef`. */
  agentQa: Comparable;
  /** agent_qa_category_day, keyed `day|agentRef|category`. */
  agentCategories: Comparable;
  /** site_qa_category_day, keyed `day|category`. */
  siteCategories: Comparable;
};

export type RollupComparison = { actual: Rollups; expected: Rollups };

// Sums of doubles may differ in the last bits with the order of addition.
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function fromSiteDayColumns(row: Record<string, unknown>): CallSums {
  const sums = {} as CallSums;
  for (const key of CALL_SUM_KEYS) {
    const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    sums[key] = round(Number(row[camel]));
  }
  return sums;
}

function roundAll<T extends Record<string, number>>(sums: T): Record<string, number> {
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, round(v)]));
}

export async function compareRollups(db: Db, siteId: number): Promise<RollupComparison> {
  const [site] = await db.select().from(sites).where(eq(sites.id, siteId));
  if (!site) throw new Error(`No site ${siteId}`);
  const calls = await db.select().from(callRecords).where(eq(callRecords.siteId, siteId));
  const evaluations = await siteEvaluationsWithScores(db, siteId);
  const reference = expectedCallRollups(calls, site.timezone, site.slaSeconds);
  const qaReference = expectedQaRollups(evaluations, site.timezone);
  const agentReference = expectedAgentCallRollups(calls, site.timezone, site.slaSeconds);
  const agentQaReference = expectedAgentQaRollups(evaluations, site.timezone);

  const expected: Rollups = { days: {}, queues: {}, missions: {}, qa: {}, agents: {}, agentQa: {}, agentCategories: {}, siteCategories: {} };
  const zeroCalls = Object.fromEntries(CALL_SUM_KEYS.map((k) => [k, 0]));
  const zeroQa: QaSums = { qa_evaluations: 0, qa_scored_evaluations: 0, qa_score_sum: 0 };
  const allDays = new Set([...reference.days.keys(), ...qaReference.keys()]);
  for (const day of allDays) {
    expected.days[day] = roundAll(reference.days.get(day) ?? zeroCalls);
    expected.qa[day] = roundAll(qaReference.get(day) ?? zeroQa);
  }
  for (const [key, sums] of reference.queues) expected.queues[key] = roundAll(sums);
  for (const [key, n] of reference.missions) expected.missions[key] = n;
  for (const [key, sums] of agentReference) expected.agents[key] = roundAll(sums);
  for (const [key, sums] of agentQaReference.agents) expected.agentQa[key] = roundAll(sums);
  for (const [key, sums] of agentQaReference.categories) expected.agentCategories[key] = roundAll(sums);
  for (const [key, sums] of agentQaReference.siteCategories) expected.siteCategories[key] = roundAll(sums);

  const actual: Rollups = { days: {}, queues: {}, missions: {}, qa: {}, agents: {}, agentQa: {}, agentCategories: {}, siteCategories: {} };
  for (const row of await db.select().from(siteDay).where(eq(siteDay.siteId, siteId))) {
    actual.days[row.day] = fromSiteDayColumns(row);
    actual.qa[row.day] = roundAll({
      qa_evaluations: row.qaEvaluations,
      qa_scored_evaluations: row.qaScoredEvaluations,
      qa_score_sum: row.qaScoreSum,
    });
  }
  for (const row of await db.select().from(siteQueueDay).where(eq(siteQueueDay.siteId, siteId))) {
    actual.queues[`${row.day}|${row.queue}`] = fromSiteDayColumns(row);
  }
  for (const row of await db.select().from(siteMissionDay).where(eq(siteMissionDay.siteId, siteId))) {
    actual.missions[`${row.day}|${row.missionCode}|${row.outcome}`] = row.calls;
  }
  for (const row of await db.select().from(agentDay).where(eq(agentDay.siteId, siteId))) {
    actual.agents[`${row.day}|${row.agentRef}`] = fromSiteDayColumns(row);
  }
  for (const row of await db.select().from(agentQaDay).where(eq(agentQaDay.siteId, siteId))) {
    actual.agentQa[`${row.day}|${row.agentRef}`] = roundAll({
      evaluations: row.evaluations,
      scored_evaluations: row.scoredEvaluations,
      score_sum: row.scoreSum,
      critical_fails: row.criticalFails,
    });
  }
  for (const row of await db.select().from(agentQaCategoryDay).where(eq(agentQaCategoryDay.siteId, siteId))) {
    actual.agentCategories[`${row.day}|${row.agentRef}|${row.category}`] = roundAll({ percent_sum: row.percentSum, scores: row.scores });
  }
  for (const row of await db.select().from(siteQaCategoryDay).where(eq(siteQaCategoryDay.siteId, siteId))) {
    actual.siteCategories[`${row.day}|${row.category}`] = roundAll({ percent_sum: row.percentSum, scores: row.scores, evaluations: row.evaluations });
  }
  return { actual, expected };
}

/** The site-scope evaluations of a site, each with its criterion scores and their categories. */
export async function siteEvaluationsWithScores(db: Db, siteId: number): Promise<RawAgentEvaluation[]> {
  const evaluations = await db
    .select({
      id: qaEvaluations.id,
      evaluatedAt: qaEvaluations.evaluatedAt,
      agentRef: qaEvaluations.agentRef,
      score: qaEvaluations.score,
      criticalFailed: qaEvaluations.criticalFailed,
    })
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.scope, 'site')));
  const scores = await db
    .select({ evaluationId: qaScores.evaluationId, score: qaScores.score, category: qaCriteria.category, maxScore: qaCriteria.maxScore })
    .from(qaScores)
    .innerJoin(qaCriteria, eq(qaCriteria.id, qaScores.criterionId))
    .where(eq(qaScores.siteId, siteId));
  const byEvaluation = new Map<number, RawAgentEvaluation['scores'][number][]>();
  for (const s of scores) {
    let lines = byEvaluation.get(s.evaluationId);
    if (!lines) byEvaluation.set(s.evaluationId, (lines = []));
    lines.push({ category: s.category, score: s.score, maxScore: s.maxScore });
  }
  return evaluations.map(({ id, ...e }) => ({ ...e, scores: byEvaluation.get(id) ?? [] }));
}
