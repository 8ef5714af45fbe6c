import { describe, expect, it } from 'vitest';
import { findOutliers, median, modifiedZScores, OUTLIER_MIN_AGENTS, OUTLIER_MIN_VOLUME, type AgentFigures } from './outliers';

/** An agent with enough volume on every metric and unremarkable figures, unless told otherwise. */
function agent(agentRef: string, over: Partial<AgentFigures> = {}): AgentFigures {
  return {
    agentRef,
    handled: 100,
    ahtSeconds: 300,
    resolvedKnown: 80,
    fcr: 0.7,
    csatResponses: 40,
    csat: 0.8,
    qaScoredEvaluations: 5,
    qaScore: 85,
    ...over,
  };
}

/** Ten agents whose AHT spreads a little around 300 s (median 300, MAD 5), FCR around 0.7 (MAD 0.01). */
function site(): AgentFigures[] {
  const aht = [300, 310, 290, 305, 295, 300, 302, 298, 303, 297];
  const fcr = [0.7, 0.72, 0.68, 0.71, 0.69, 0.7, 0.7, 0.71, 0.69, 0.7];
  const csat = [0.8, 0.82, 0.78, 0.81, 0.79, 0.8, 0.8, 0.81, 0.79, 0.8];
  const qa = [85, 87, 83, 86, 84, 85, 85, 86, 84, 85];
  return aht.map((ahtSeconds, i) => agent(`a${i}`, { ahtSeconds, fcr: fcr[i]!, csat: csat[i]!, qaScore: qa[i]! }));
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('modifiedZScores', () => {
  it('is 0.6745 (x − median) / MAD', () => {
    // median 300; |deviations| 240 10 5 2 0 0 2 5 10 600 → MAD = 5
    const scores = modifiedZScores([60, 290, 295, 298, 300, 300, 302, 305, 310, 900])!;
    expect(scores.median).toBe(300);
    expect(scores.z[9]).toBeCloseTo((0.6745 * 600) / 5, 10);
    expect(scores.z[0]).toBeCloseTo((0.6745 * -240) / 5, 10);
  });

  it('falls back on the mean absolute deviation when MAD is 0', () => {
    // median 300; deviations 0×6, 10, 600 → MAD 0, mean |dev| 610 / 8
    const scores = modifiedZScores([300, 300, 300, 300, 300, 300, 310, 900])!;
    expect(scores.z[7]).toBeCloseTo(600 / (1.253314 * (610 / 8)), 10);
    expect(scores.z[0]).toBe(0);
  });

  it('gives nothing when every value is equal', () => {
    expect(modifiedZScores([5, 5, 5, 5, 5])).toBeNull();
  });
});

describe('findOutliers', () => {
  it('flags nobody in an unremarkable site', () => {
    expect(findOutliers(site())).toEqual(new Map());
  });

  it('flags a slow AHT high and a suspiciously short one low', () => {
    const agents = site();
    agents[0] = { ...agents[0]!, ahtSeconds: 900 };
    agents[1] = { ...agents[1]!, ahtSeconds: 60 };
    const flags = findOutliers(agents);
    expect([...flags.keys()].sort()).toEqual(['a0', 'a1']);
    const slow = flags.get('a0')!;
    expect(slow).toHaveLength(1);
    // 60 290 295 297 298 | 300 302 303 305 900 → median 299
    expect(slow[0]).toMatchObject({ metric: 'aht', direction: 'high', value: 900, median: 299 });
    expect(slow[0]!.z).toBeGreaterThan(3.5);
    expect(flags.get('a1')![0]).toMatchObject({ metric: 'aht', direction: 'low', value: 60 });
  });

  it('flags FCR, CSAT and QA when low only, never when high', () => {
    const agents = site();
    agents[2] = { ...agents[2]!, fcr: 0.2, csat: 0.3, qaScore: 40 };
    agents[3] = { ...agents[3]!, fcr: 1, csat: 1, qaScore: 100 };
    const flags = findOutliers(agents);
    expect([...flags.keys()]).toEqual(['a2']);
    expect(flags.get('a2')!.map((f) => [f.metric, f.direction])).toEqual([
      ['fcr', 'low'],
      ['csat', 'low'],
      ['qa_score', 'low'],
    ]);
    // The high ones are far out too: only the direction keeps them unflagged.
    expect(modifiedZScores(agents.map((a) => a.qaScore!))!.z[3]).toBeGreaterThan(3.5);
  });

  it('never flags, nor counts, an agent under the minimum volume', () => {
    const agents = site();
    agents.push(
      agent('few-calls', { handled: OUTLIER_MIN_VOLUME.aht - 1, ahtSeconds: 2000 }),
      agent('few-known', { resolvedKnown: OUTLIER_MIN_VOLUME.fcr - 1, fcr: 0 }),
      agent('few-answers', { csatResponses: OUTLIER_MIN_VOLUME.csat - 1, csat: 0 }),
      agent('few-evaluations', { qaScoredEvaluations: OUTLIER_MIN_VOLUME.qa_score - 1, qaScore: 0 }),
    );
    expect(findOutliers(agents)).toEqual(new Map());
  });

  it('flags at exactly the minimum volume', () => {
    const agents = site();
    agents.push(agent('just-enough', { handled: OUTLIER_MIN_VOLUME.aht, ahtSeconds: 2000 }));
    expect(findOutliers(agents).get('just-enough')?.map((f) => f.metric)).toEqual(['aht']);
  });

  it('flags nothing on a metric with fewer than 5 eligible agents', () => {
    expect(OUTLIER_MIN_AGENTS).toBe(5);
    // Four with the volume (one of them far out), many without: too few to judge.
    const four = [agent('x0'), agent('x1', { ahtSeconds: 310 }), agent('x2', { ahtSeconds: 290 }), agent('x3', { ahtSeconds: 5000 })];
    const quiet = [1, 2, 3].map((i) => agent(`q${i}`, { handled: 10 }));
    expect(findOutliers([...four, ...quiet])).toEqual(new Map());
    // A fifth with the volume: now judged.
    expect([...findOutliers([...four, agent('x4', { ahtSeconds: 305 })]).keys()]).toEqual(['x3']);
  });

  it('uses the mean absolute deviation when most agents share the median (MAD = 0)', () => {
    const agents = [0, 1, 2, 3, 4, 5].map((i) => agent(`same${i}`, { qaScore: 90 }));
    agents.push(agent('close', { qaScore: 88 }), agent('far', { qaScore: 20 }));
    const flags = findOutliers(agents);
    expect([...flags.keys()]).toEqual(['far']);
    // median 90; deviations 0×6, 2, 70 → mean |dev| 72 / 8 = 9
    expect(flags.get('far')![0]!.z).toBeCloseTo(-70 / (1.253314 * 9), 10);
  });

  it('flags nothing when every eligible agent has the same figure', () => {
    const agents = [0, 1, 2, 3, 4, 5].map((i) => agent(`same${i}`));
    expect(findOutliers(agents)).toEqual(new Map());
  });

  it('leaves out agents whose figure is unknown', () => {
    const agents = site();
    agents.push(agent('no-aht', { handled: 100, ahtSeconds: null }));
    expect(findOutliers(agents)).toEqual(new Map());
  });
});
