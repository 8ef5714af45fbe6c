import { describe, expect, it } from 'vitest';
import { computeKpis, emptyParts, kpiValue, ROLLUP_METRICS } from '@/lib/kpi/definitions';
import { partsBehind } from './explain';

describe('partsBehind', () => {
  const parts = {
    ...emptyParts(),
    offered: 5557,
    answeredWithinSla: 4512,
    abandoned: 300,
    handled: 5400,
    handleSeconds: 1_620_000,
    inboundHandled: 5200,
    inboundHandledWaitSeconds: 78_000,
    resolvedKnown: 4000,
    resolvedTrue: 3000,
    csatResponses: 900,
    csatTop2: 720,
    csatSum: 3800,
    qaScoredEvaluations: 40,
    qaScoreSum: 3300,
  };

  it('gives the counts of the metric’s own formula', () => {
    expect(partsBehind('service_level', parts)).toEqual({ numerator: 4512, denominator: 5557, value: 4512 / 5557 });
    expect(partsBehind('aht', parts)).toEqual({ numerator: 1_620_000, denominator: 5400, value: 300 });
    expect(partsBehind('csat', { ...parts, csatResponses: 0 }).value).toBeNull();
  });

  it('agrees with computeKpis for every rollup metric', () => {
    const kpis = computeKpis(parts);
    for (const metric of ROLLUP_METRICS) expect(partsBehind(metric, parts).value, metric).toBe(kpiValue(kpis, metric));
  });
});
