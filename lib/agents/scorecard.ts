// An agent's figures from their rollup sums, the rows of the agents table and the median rows
// beside them. Pure: the definitions are the site's (lib/kpi/definitions.ts computeKpis, lib/kpi/qa.ts
// categoryPercent) applied to one agent's sums, so an agent's AHT means what the site's means.
import type { AgentCategorySums, AgentSums } from '@/db/queries/agents';
import type { QaCategory } from '@/db/schema';
import { computeKpis, ratio } from '@/lib/kpi/definitions';
import { categoryPercent } from '@/lib/kpi/qa';
import { findOutliers, median, type AgentFigures, type OutlierFlag } from './outliers';

/** What the outlier method judges, from an agent's sums. */
export function agentFiguresOf(sums: AgentSums): AgentFigures {
  const kpis = computeKpis(sums.parts);
  return {
    agentRef: sums.agentRef,
    handled: sums.parts.handled,
    ahtSeconds: kpis.ahtSeconds,
    resolvedKnown: sums.parts.resolvedKnown,
    fcr: kpis.fcr,
    csatResponses: sums.parts.csatResponses,
    csat: kpis.csat,
    qaScoredEvaluations: sums.parts.qaScoredEvaluations,
    qaScore: kpis.qaScore,
  };
}

/** Every figure an agent's row shows. Hold and wrap are means per handled call, as AHT is. */
export type AgentScore = AgentFigures & {
  holdSeconds: number | null;
  wrapSeconds: number | null;
  qaEvaluations: number;
  criticalFails: number;
};

export function agentScoreOf(sums: AgentSums): AgentScore {
  return {
    ...agentFiguresOf(sums),
    holdSeconds: ratio(sums.holdSeconds, sums.parts.handled),
    wrapSeconds: ratio(sums.wrapSeconds, sums.parts.handled),
    qaEvaluations: sums.parts.qaEvaluations,
    criticalFails: sums.criticalFails,
  };
}

/** An agent's row of the REST agents table (GET /api/v1/agents), exactly; name omitted when unknown. */
export type AgentTableRow = {
  agentRef: string;
  name?: string;
  handled: number;
  ahtSeconds: number | null;
  holdSeconds: number | null;
  wrapSeconds: number | null;
  fcr: number | null;
  csat: number | null;
  csatResponses: number;
  qaScore: number | null;
  qaEvaluations: number;
  criticalFails: number;
  outlier: boolean;
};

export function agentTableRow(score: AgentScore, name: string | null | undefined, flags: readonly OutlierFlag[]): AgentTableRow {
  return {
    agentRef: score.agentRef,
    ...(name ? { name } : {}),
    handled: score.handled,
    ahtSeconds: score.ahtSeconds,
    holdSeconds: score.holdSeconds,
    wrapSeconds: score.wrapSeconds,
    fcr: score.fcr,
    csat: score.csat,
    csatResponses: score.csatResponses,
    qaScore: score.qaScore,
    qaEvaluations: score.qaEvaluations,
    criticalFails: score.criticalFails,
    outlier: flags.length > 0,
  };
}

/** One site's agents scored and flagged against each other (the sums of a single site). */
export function scoreSiteAgents(sums: readonly AgentSums[]): { scores: AgentScore[]; flags: Map<string, OutlierFlag[]> } {
  const scores = sums.map(agentScoreOf);
  return { scores, flags: findOutliers(scores) };
}

/** The REST table's rows of one site's agents, in the order of the sums. */
export function agentTableRows(sums: readonly AgentSums[], names: ReadonlyMap<string, { name: string | null }>): AgentTableRow[] {
  const { scores, flags } = scoreSiteAgents(sums);
  return scores.map((score) => agentTableRow(score, names.get(score.agentRef)?.name, flags.get(score.agentRef) ?? []));
}

/** The categories the agents table shows as columns. */
export const TABLE_CATEGORIES = ['language', 'culture'] as const satisfies readonly QaCategory[];

/** Per agent, each category's percentage (0–100) from its sums; a category without a score is absent. */
export function categoryFiguresOf(rows: readonly AgentCategorySums[]): Map<string, Partial<Record<QaCategory, number>>> {
  const byAgent = new Map<string, Partial<Record<QaCategory, number>>>();
  for (const row of rows) {
    const percent = categoryPercent(row.percentSum, row.scores);
    if (percent === null) continue;
    const figures = byAgent.get(row.agentRef) ?? {};
    figures[row.category] = percent;
    byAgent.set(row.agentRef, figures);
  }
  return byAgent;
}

/** The figures a median row shows, one column each: the agents table's figure columns, which its sort keys take from here (sort-agents.ts). */
export const MEDIAN_FIELDS = [
  'handled',
  'ahtSeconds',
  'holdSeconds',
  'wrapSeconds',
  'fcr',
  'csat',
  'qaScore',
  'qaEvaluations',
  'criticalFails',
  'language',
  'culture',
] as const;
export type MedianField = (typeof MEDIAN_FIELDS)[number];
/** `agents`: how many agents the medians are over (null when withheld from a site lead's network row). */
export type MedianRow = Record<MedianField, number | null> & { agents: number | null };

type MedianInput = AgentScore & Partial<Record<QaCategory, number>>;

/**
 * The median agent of a set, figure by figure, over the agents with that figure (an agent without
 * a handled call has no AHT and does not pull the median AHT anywhere). A column no agent has is null.
 */
export function medianRow(agents: readonly MedianInput[]): MedianRow {
  const row = { agents: agents.length } as MedianRow;
  for (const field of MEDIAN_FIELDS) {
    const values = agents.map((a) => a[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    row[field] = median(values);
  }
  return row;
}
