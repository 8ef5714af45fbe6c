import { describe, expect, it } from 'vitest';
import type { AgentSums } from '@/db/queries/agents';
import { emptyParts, type KpiParts } from '@/lib/kpi/definitions';
import { agentFiguresOf, agentScoreOf, agentTableRows, categoryFiguresOf, medianRow } from './scorecard';

function sums(agentRef: string, parts: Partial<KpiParts>, extra: Partial<Omit<AgentSums, 'parts'>> = {}): AgentSums {
  return { siteId: 1, agentRef, parts: { ...emptyParts(), ...parts }, criticalFails: 0, holdSeconds: 0, wrapSeconds: 0, ...extra };
}

describe('agentFiguresOf and agentScoreOf', () => {
  it('applies the site definitions to one agent’s sums', () => {
    const s = sums(
      'a1',
      { handled: 10, handleSeconds: 3000, resolvedKnown: 8, resolvedTrue: 6, csatResponses: 4, csatTop2: 3, qaEvaluations: 3, qaScoredEvaluations: 2, qaScoreSum: 170 },
      { holdSeconds: 200, wrapSeconds: 500, criticalFails: 1 },
    );
    expect(agentFiguresOf(s)).toEqual({
      agentRef: 'a1',
      handled: 10,
      ahtSeconds: 300,
      resolvedKnown: 8,
      fcr: 0.75,
      csatResponses: 4,
      csat: 0.75,
      qaScoredEvaluations: 2,
      qaScore: 85,
    });
    expect(agentScoreOf(s)).toMatchObject({ holdSeconds: 20, wrapSeconds: 50, qaEvaluations: 3, criticalFails: 1 });
  });

  it('leaves a figure unknown on a zero denominator', () => {
    const score = agentScoreOf(sums('qa-only', { qaEvaluations: 1 }));
    expect(score).toMatchObject({ ahtSeconds: null, holdSeconds: null, wrapSeconds: null, fcr: null, csat: null, qaScore: null, qaEvaluations: 1 });
  });
});

describe('agentTableRows', () => {
  const agents = [300, 305, 295, 310, 290, 302, 900].map((aht, i) => sums(`a${i}`, { handled: 100, handleSeconds: aht * 100 }));

  it('gives the REST row of each agent, flagged against the site, the name only when known', () => {
    const rows = agentTableRows(agents, new Map([['a0', { name: 'Amel' }], ['a1', { name: null }]]));
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      agentRef: 'a0',
      name: 'Amel',
      handled: 100,
      ahtSeconds: 300,
      holdSeconds: 0,
      wrapSeconds: 0,
      fcr: null,
      csat: null,
      csatResponses: 0,
      qaScore: null,
      qaEvaluations: 0,
      criticalFails: 0,
      outlier: false,
    });
    expect('name' in rows[1]!).toBe(false);
    expect(rows.filter((r) => r.outlier).map((r) => r.agentRef)).toEqual(['a6']);
  });
});

describe('categoryFiguresOf', () => {
  it('gives each agent’s category percentages, none without a score', () => {
    const figures = categoryFiguresOf([
      { siteId: 1, agentRef: 'a1', category: 'language', percentSum: 210, scores: 3 },
      { siteId: 1, agentRef: 'a1', category: 'culture', percentSum: 0, scores: 0 },
      { siteId: 1, agentRef: 'a2', category: 'culture', percentSum: 50, scores: 1 },
    ]);
    expect(figures.get('a1')).toEqual({ language: 70 });
    expect(figures.get('a2')).toEqual({ culture: 50 });
  });
});

describe('medianRow', () => {
  it('takes each column’s median over the agents with that figure', () => {
    const scores = [
      { ...agentScoreOf(sums('a', { handled: 10, handleSeconds: 1000 })), language: 80 },
      { ...agentScoreOf(sums('b', { handled: 20, handleSeconds: 6000 })), language: 60 },
      agentScoreOf(sums('c', { qaEvaluations: 2 })),
    ];
    const row = medianRow(scores);
    expect(row.agents).toBe(3);
    expect(row.handled).toBe(10);
    // c has no AHT: the median of 100 and 300.
    expect(row.ahtSeconds).toBe(200);
    expect(row.language).toBe(70);
    expect(row.culture).toBeNull();
    expect(row.qaEvaluations).toBe(0);
  });
});
