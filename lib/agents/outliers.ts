// Which agents stand out from their own site's distribution, metric by metric (docs/agents.md):
// the Iglewicz–Hoaglin modified z-score, robust to the outliers it looks for. Pure; the weekly
// coaching coverage (lib/agents/coaching-metrics.ts) and the agents table both flag with it.

export const OUTLIER_METRICS = ['aht', 'fcr', 'csat', 'qa_score'] as const;
export type OutlierMetric = (typeof OUTLIER_METRICS)[number];

/** Minimum volume per metric: handled calls (aht), calls with a known resolution (fcr), CSAT responses, scored evaluations. */
export const OUTLIER_MIN_VOLUME: Record<OutlierMetric, number> = { aht: 30, fcr: 30, csat: 20, qa_score: 3 };

/** At least this many agents with the volume, or no flag on that metric. */
export const OUTLIER_MIN_AGENTS = 5;

export const OUTLIER_Z = 3.5;

export type AgentFigures = {
  agentRef: string;
  handled: number;
  ahtSeconds: number | null;
  resolvedKnown: number;
  fcr: number | null;
  csatResponses: number;
  csat: number | null;
  qaScoredEvaluations: number;
  qaScore: number | null;
};

export type OutlierFlag = { metric: OutlierMetric; direction: 'high' | 'low'; value: number; median: number; z: number };

/** The volume that makes a metric's figure worth judging, and the figure itself. */
const METRIC_OF: Record<OutlierMetric, { volume: (a: AgentFigures) => number; value: (a: AgentFigures) => number | null }> = {
  aht: { volume: (a) => a.handled, value: (a) => a.ahtSeconds },
  fcr: { volume: (a) => a.resolvedKnown, value: (a) => a.fcr },
  csat: { volume: (a) => a.csatResponses, value: (a) => a.csat },
  qa_score: { volume: (a) => a.qaScoredEvaluations, value: (a) => a.qaScore },
};

/**
 * The bad sides of each metric: a long AHT is slow, a very short one may be calls avoided (cut
 * short or passed on); FCR, CSAT and QA are only bad when low.
 */
const BAD_SIDES: Record<OutlierMetric, readonly ('high' | 'low')[]> = {
  aht: ['high', 'low'],
  fcr: ['low'],
  csat: ['low'],
  qa_score: ['low'],
};

/** The consistency constants of the method: MAD × 1.4826 ≈ σ (0.6745 = 1/1.4826), mean |dev| × 1.253314 ≈ σ. */
const MAD_FACTOR = 0.6745;
const MEAN_AD_FACTOR = 1.253314;

/** The median of a list (the mean of the two middle values when even); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The modified z-score of each value against the list's median: 0.6745·(x − median)/MAD; when
 * more than half the values equal the median (MAD = 0), the mean absolute deviation from the
 * median stands in, (x − median)/(1.253314·meanAD). Null when both are 0 (every value equal):
 * nobody stands out.
 */
export function modifiedZScores(values: readonly number[]): { median: number; z: number[] } | null {
  const mid = median(values);
  if (mid === null) return null;
  const deviations = values.map((x) => Math.abs(x - mid));
  const mad = median(deviations)!;
  if (mad > 0) return { median: mid, z: values.map((x) => (MAD_FACTOR * (x - mid)) / mad) };
  const meanAd = deviations.reduce((sum, d) => sum + d, 0) / deviations.length;
  if (meanAd > 0) return { median: mid, z: values.map((x) => (x - mid) / (MEAN_AD_FACTOR * meanAd)) };
  return null;
}

/**
 * Flags against the site's own distribution (the agents given). Per metric, only agents with the
 * minimum volume are judged and make the distribution; with fewer than OUTLIER_MIN_AGENTS of them
 * the metric flags nobody. The map holds only agents with at least one flag, their flags in
 * OUTLIER_METRICS order.
 */
export function findOutliers(agents: readonly AgentFigures[]): Map<string, OutlierFlag[]> {
  const flags = new Map<string, OutlierFlag[]>();
  for (const metric of OUTLIER_METRICS) {
    const { volume, value } = METRIC_OF[metric];
    const eligible: { agentRef: string; value: number }[] = [];
    for (const agent of agents) {
      const x = value(agent);
      if (volume(agent) >= OUTLIER_MIN_VOLUME[metric] && x !== null && Number.isFinite(x)) eligible.push({ agentRef: agent.agentRef, value: x });
    }
    if (eligible.length < OUTLIER_MIN_AGENTS) continue;
    const scores = modifiedZScores(eligible.map((e) => e.value));
    if (scores === null) continue;
    eligible.forEach((e, i) => {
      const z = scores.z[i]!;
      if (Math.abs(z) <= OUTLIER_Z) return;
      const direction = z > 0 ? 'high' : 'low';
      if (!BAD_SIDES[metric].includes(direction)) return;
      const list = flags.get(e.agentRef) ?? [];
      list.push({ metric, direction, value: e.value, median: scores.median, z });
      flags.set(e.agentRef, list);
    });
  }
  return flags;
}
