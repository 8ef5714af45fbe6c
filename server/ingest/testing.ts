// Test support: the stored rollups of a site beside the same rollups recomputed in JavaScript
// from its raw rows, in shapes a test compares with one toEqual.
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { callRecords, qaEvaluations, siteDay, siteMissionDay, siteQueueDay, sites } from '@/db/schema';
import { CALL_SUM_KEYS, expectedCallRollups, expectedQaRollups, type CallSums, type QaSums } from './rollup-reference';

type Comparable = Record<string, Record<string, number>>;

export type RollupComparison = {
  actual: { days: Comparable; queues: Comparable; missions: Record<string, number>; qa: Comparable };
  expected: { days: Comparable; queues: Comparable; missions: Record<string, number>; qa: Comparable };
};

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
  const evaluations = await db
    .select({ evaluatedAt: qaEvaluations.evaluatedAt, score: qaEvaluations.score })
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.scope, 'site')));
  const reference = expectedCallRollups(calls, site.timezone, site.slaSeconds);
  const qaReference = expectedQaRollups(evaluations, site.timezone);

  const expected: RollupComparison['expected'] = { days: {}, queues: {}, missions: {}, qa: {} };
  const zeroCalls = Object.fromEntries(CALL_SUM_KEYS.map((k) => [k, 0]));
  const zeroQa: QaSums = { qa_evaluations: 0, qa_scored_evaluations: 0, qa_score_sum: 0 };
  const allDays = new Set([...reference.days.keys(), ...qaReference.keys()]);
  for (const day of allDays) {
    expected.days[day] = roundAll(reference.days.get(day) ?? zeroCalls);
    expected.qa[day] = roundAll(qaReference.get(day) ?? zeroQa);
  }
  for (const [key, sums] of reference.queues) expected.queues[key] = roundAll(sums);
  for (const [key, n] of reference.missions) expected.missions[key] = n;

  const actual: RollupComparison['actual'] = { days: {}, queues: {}, missions: {}, qa: {} };
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
  return { actual, expected };
}
