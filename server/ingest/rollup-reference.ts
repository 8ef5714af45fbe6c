// The rollups recomputed in JavaScript from raw rows, with the KPI module's own per-call parts:
// an independent reference the SQL rollups are checked against (tests, benchmarks).
import { localDayOf as localDay } from '@/db/local-time';
import { partsOfCall, type CallForKpi } from '@/lib/kpi/definitions';
import { criterionPercent } from '@/lib/kpi/qa';

export { localDay };

export type RawCall = CallForKpi & { startedAt: Date; queue: string; missionCode: string | null; outcome: string | null };

/** The call sums of one site-day (or site-queue-day), named like the site_day columns. */
export type CallSums = {
  calls: number;
  inbound_calls: number;
  outbound_calls: number;
  short_abandons: number;
  offered: number;
  handled: number;
  inbound_handled: number;
  abandoned: number;
  handle_seconds: number;
  talk_seconds: number;
  hold_seconds: number;
  wrap_seconds: number;
  inbound_handled_wait_seconds: number;
  answered_within_sla: number;
  resolved_known: number;
  resolved_true: number;
  csat_responses: number;
  csat_top2: number;
  csat_sum: number;
};

export const CALL_SUM_KEYS = [
  'calls',
  'inbound_calls',
  'outbound_calls',
  'short_abandons',
  'offered',
  'handled',
  'inbound_handled',
  'abandoned',
  'handle_seconds',
  'talk_seconds',
  'hold_seconds',
  'wrap_seconds',
  'inbound_handled_wait_seconds',
  'answered_within_sla',
  'resolved_known',
  'resolved_true',
  'csat_responses',
  'csat_top2',
  'csat_sum',
] as const satisfies readonly (keyof CallSums)[];

function zero(): CallSums {
  const sums = {} as CallSums;
  for (const key of CALL_SUM_KEYS) sums[key] = 0;
  return sums;
}

function add(sums: CallSums, call: RawCall, slaSeconds: number) {
  const p = partsOfCall(call, slaSeconds);
  const handled = !call.abandoned;
  sums.calls += p.calls;
  sums.inbound_calls += p.inboundCalls;
  sums.outbound_calls += call.direction === 'outbound' ? 1 : 0;
  sums.short_abandons += p.shortAbandons;
  sums.offered += p.offered;
  sums.handled += p.handled;
  sums.inbound_handled += p.inboundHandled;
  sums.abandoned += p.abandoned;
  sums.handle_seconds += p.handleSeconds;
  sums.talk_seconds += handled ? call.talkSeconds : 0;
  sums.hold_seconds += handled ? call.holdSeconds : 0;
  sums.wrap_seconds += handled ? call.wrapSeconds : 0;
  sums.inbound_handled_wait_seconds += p.inboundHandledWaitSeconds;
  sums.answered_within_sla += p.answeredWithinSla;
  sums.resolved_known += p.resolvedKnown;
  sums.resolved_true += p.resolvedTrue;
  sums.csat_responses += p.csatResponses;
  sums.csat_top2 += p.csatTop2;
  sums.csat_sum += p.csatSum;
}

export type ExpectedRollups = {
  days: Map<string, CallSums>;
  /** Keyed `day|queue`. */
  queues: Map<string, CallSums>;
  /** Keyed `day|missionCode|outcome`, outcome '' when none. */
  missions: Map<string, number>;
};

export function expectedCallRollups(calls: readonly RawCall[], timezone: string, slaSeconds: number): ExpectedRollups {
  const out: ExpectedRollups = { days: new Map(), queues: new Map(), missions: new Map() };
  for (const call of calls) {
    const day = localDay(call.startedAt, timezone);
    let daySums = out.days.get(day);
    if (!daySums) out.days.set(day, (daySums = zero()));
    add(daySums, call, slaSeconds);
    const queueKey = `${day}|${call.queue}`;
    let queueSums = out.queues.get(queueKey);
    if (!queueSums) out.queues.set(queueKey, (queueSums = zero()));
    add(queueSums, call, slaSeconds);
    if (call.missionCode !== null) {
      const missionKey = `${day}|${call.missionCode}|${call.outcome ?? ''}`;
      out.missions.set(missionKey, (out.missions.get(missionKey) ?? 0) + 1);
    }
  }
  return out;
}

export type RawEvaluation = { evaluatedAt: Date; score: number | null };
export type QaSums = { qa_evaluations: number; qa_scored_evaluations: number; qa_score_sum: number };

/** The QA columns of site_day from site-scope evaluations. */
export function expectedQaRollups(evaluations: readonly RawEvaluation[], timezone: string): Map<string, QaSums> {
  const days = new Map<string, QaSums>();
  for (const e of evaluations) {
    const day = localDay(e.evaluatedAt, timezone);
    let sums = days.get(day);
    if (!sums) days.set(day, (sums = { qa_evaluations: 0, qa_scored_evaluations: 0, qa_score_sum: 0 }));
    sums.qa_evaluations++;
    if (e.score !== null) {
      sums.qa_scored_evaluations++;
      sums.qa_score_sum += e.score;
    }
  }
  return days;
}

/** Keyed `day|agentRef`: the call sums of the calls with an agent reference (agent_day). */
export function expectedAgentCallRollups(
  calls: readonly (RawCall & { agentRef: string | null })[],
  timezone: string,
  slaSeconds: number,
): Map<string, CallSums> {
  const agents = new Map<string, CallSums>();
  for (const call of calls) {
    if (call.agentRef === null) continue;
    const key = `${localDay(call.startedAt, timezone)}|${call.agentRef}`;
    let sums = agents.get(key);
    if (!sums) agents.set(key, (sums = zero()));
    add(sums, call, slaSeconds);
  }
  return agents;
}

/** A site-scope evaluation with its agent and criterion scores (null = does not apply). */
export type RawAgentEvaluation = RawEvaluation & {
  agentRef: string;
  criticalFailed: boolean;
  scores: readonly { category: string; score: number | null; maxScore: number }[];
};
export type AgentQaSums = { evaluations: number; scored_evaluations: number; score_sum: number; critical_fails: number };
export type AgentCategorySums = { percent_sum: number; scores: number };
export type SiteCategorySums = AgentCategorySums & { evaluations: number };

export type ExpectedAgentQaRollups = {
  /** Keyed `day|agentRef` (agent_qa_day). */
  agents: Map<string, AgentQaSums>;
  /** Keyed `day|agentRef|category` (agent_qa_category_day). */
  categories: Map<string, AgentCategorySums>;
  /** Keyed `day|category` (site_qa_category_day). */
  siteCategories: Map<string, SiteCategorySums>;
};

/**
 * agent_qa_day, agent_qa_category_day and site_qa_category_day from site-scope evaluations and
 * their criterion scores.
 */
export function expectedAgentQaRollups(evaluations: readonly RawAgentEvaluation[], timezone: string): ExpectedAgentQaRollups {
  const out: ExpectedAgentQaRollups = { agents: new Map(), categories: new Map(), siteCategories: new Map() };
  for (const e of evaluations) {
    const day = localDay(e.evaluatedAt, timezone);
    const counted = new Set<string>();
    for (const line of e.scores) {
      if (line.score === null) continue;
      const siteKey = `${day}|${line.category}`;
      let site = out.siteCategories.get(siteKey);
      if (!site) out.siteCategories.set(siteKey, (site = { percent_sum: 0, scores: 0, evaluations: 0 }));
      site.percent_sum += criterionPercent(line.score, line.maxScore);
      site.scores++;
      if (!counted.has(line.category)) {
        counted.add(line.category);
        site.evaluations++;
      }
    }
    const key = `${day}|${e.agentRef}`;
    let sums = out.agents.get(key);
    if (!sums) out.agents.set(key, (sums = { evaluations: 0, scored_evaluations: 0, score_sum: 0, critical_fails: 0 }));
    sums.evaluations++;
    if (e.score !== null) {
      sums.scored_evaluations++;
      sums.score_sum += e.score;
    }
    if (e.criticalFailed) sums.critical_fails++;
    for (const line of e.scores) {
      if (line.score === null) continue;
      const categoryKey = `${key}|${line.category}`;
      let category = out.categories.get(categoryKey);
      if (!category) out.categories.set(categoryKey, (category = { percent_sum: 0, scores: 0 }));
      category.percent_sum += criterionPercent(line.score, line.maxScore);
      category.scores++;
    }
  }
  return out;
}
