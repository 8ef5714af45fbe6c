import { describe, expect, it } from 'vitest';
import { comparisonToCsv } from './csv';
import type { CompareAnswer } from '@/lib/kpi/schemas';

const kpis = {
  offered: 10,
  handled: 9,
  abandoned: 1,
  ahtSeconds: 301.5,
  asaSeconds: null,
  serviceLevel: 0.9,
  abandonRate: 0.1,
  fcr: null,
  csat: null,
  csatResponses: 0,
  qaScore: 77.25,
  qaEvaluations: 2,
  reportCompliance: 0.75,
};

describe('comparisonToCsv', () => {
  it('writes a header, one row per site and the network row, nulls as empty cells', () => {
    const answer: CompareAnswer = {
      from: '2025-03-01',
      to: '2025-03-31',
      network: kpis,
      sites: [
        { code: 'TUN', name: '=cmd|"/c calc"!A1', ...kpis },
        { code: 'CAS', name: 'Casablanca, Sidi Maârouf', ...kpis },
      ],
    };
    const csv = comparisonToCsv(answer);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('scope,code,name,from,to,offered,handled,abandoned,ahtSeconds,asaSeconds,serviceLevel,abandonRate,fcr,csat,csatResponses,qaScore,qaEvaluations,reportCompliance');
    expect(lines[1]).toBe(`site,TUN,"'=cmd|""/c calc""!A1",2025-03-01,2025-03-31,10,9,1,301.5,,0.9,0.1,,,0,77.25,2,0.75`);
    expect(lines[2]).toBe('site,CAS,"Casablanca, Sidi Maârouf",2025-03-01,2025-03-31,10,9,1,301.5,,0.9,0.1,,,0,77.25,2,0.75');
    expect(lines[3]).toBe('network,,,2025-03-01,2025-03-31,10,9,1,301.5,,0.9,0.1,,,0,77.25,2,0.75');
  });
});
