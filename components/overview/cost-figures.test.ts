import { describe, expect, it } from 'vitest';
import type { SiteCost, SiteCosts } from '@/lib/contracts/cost-types';
import { costPoints, costsByCode, formatMoney, savingRows, sitesMissingRate } from './cost-figures';

const site = (code: string, kind: SiteCost['kind'], figures: Partial<SiteCost>): SiteCost => ({
  code,
  name: `${code} site`,
  kind,
  currency: 'EUR',
  handled: 1000,
  resolved: 800,
  amount: 2000,
  perHandled: 2,
  perResolved: 2.5,
  hqAmount: 2000,
  hqPerHandled: 2,
  hqPerResolved: 2.5,
  qaScore: 85,
  csat: 0.8,
  savingVsReference: null,
  ...figures,
});

const costs: SiteCosts = {
  from: '2026-10-01',
  to: '2026-10-31',
  hqCurrency: 'EUR',
  referenceSite: 'PAR',
  sites: [
    site('PAR', 'onshore', { hqPerHandled: 14.5, qaScore: 93, csat: 0.88 }),
    site('TUN', 'offshore', { hqPerHandled: 2.1, handled: 9000, savingVsReference: (14.5 - 2.1) * 9000 }),
    site('CAS', 'offshore', { currency: 'MAD', hqPerHandled: 2.77, handled: 10000, savingVsReference: (14.5 - 2.77) * 10000, qaScore: null }),
    site('ALG', 'nearshore', { currency: 'DZD', hqAmount: null, hqPerHandled: null, hqPerResolved: null, savingVsReference: null }),
    // No contract over the range: no cost, never 0.
    site('DKR', 'offshore', { currency: null, amount: null, perHandled: null, perResolved: null, hqAmount: null, hqPerHandled: null, hqPerResolved: null }),
    site('LYS', 'onshore', { hqPerHandled: 12, savingVsReference: 2.5 * 1000 }),
  ],
};

const colorOf = (code: string) => `color-${code}`;

describe('cost figures', () => {
  it('puts one point per site with a cost and the chosen quality, the reference flagged', () => {
    const qa = costPoints(costs, 'qa_score', colorOf);
    expect(qa.map((p) => [p.key, p.x, p.y, p.reference])).toEqual([
      ['PAR', 14.5, 93, true],
      ['TUN', 2.1, 85, false],
      ['LYS', 12, 85, false],
    ]);
    expect(qa[0]).toMatchObject({ label: 'PAR', name: 'PAR site', color: 'color-PAR' });
    // CAS has a cost and a CSAT but no QA score: it is back on the CSAT chart.
    expect(costPoints(costs, 'csat', colorOf).map((p) => [p.key, p.y])).toEqual([
      ['PAR', 0.88],
      ['TUN', 0.8],
      ['CAS', 0.8],
      ['LYS', 0.8],
    ]);
  });

  it('lists each offshore or nearshore site with a contract against the reference, largest saving first', () => {
    expect(savingRows(costs)).toEqual([
      { code: 'CAS', name: 'CAS site', handled: 10000, perHandled: 2.77, referencePerHandled: 14.5, saving: (14.5 - 2.77) * 10000 },
      { code: 'TUN', name: 'TUN site', handled: 9000, perHandled: 2.1, referencePerHandled: 14.5, saving: (14.5 - 2.1) * 9000 },
      // A missing rate leaves its saving unknown: listed last, not dropped.
      { code: 'ALG', name: 'ALG site', handled: 1000, perHandled: null, referencePerHandled: 14.5, saving: null },
    ]);
  });

  it('lists no saving without the reference site among the answer’s sites (a site lead’s own site)', () => {
    expect(savingRows({ ...costs, referenceSite: null })).toEqual([]);
    const lead: SiteCosts = { ...costs, referenceSite: null, sites: [costs.sites[1]!] };
    expect(savingRows(lead)).toEqual([]);
    expect(costPoints(lead, 'qa_score', colorOf).map((p) => p.reference)).toEqual([false]);
    // HQ having filtered the reference site out of the selection.
    expect(savingRows({ ...costs, sites: costs.sites.filter((s) => s.code !== 'PAR') })).toEqual([]);
  });

  it('names the sites whose cost lacks a month’s rate, and finds a site’s costs by code', () => {
    expect(sitesMissingRate(costs)).toEqual(['ALG']);
    expect(costsByCode(costs).get('TUN')?.hqPerHandled).toBe(2.1);
    expect(costsByCode(undefined).size).toBe(0);
  });

  it('formats money in HQ’s currency, cents for a cost per call, whole units for a saving', () => {
    expect(formatMoney(2.1, 'EUR', 'en')).toBe('€2.10');
    expect(formatMoney(111600.4, 'EUR', 'en', true)).toBe('€111,600');
    expect(formatMoney(2.1, 'EUR', 'fr')).toBe('2,10\u00a0€');
    expect(formatMoney(null, 'EUR', 'en')).toBe('—');
  });
});
