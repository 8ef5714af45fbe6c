import { describe, expect, it } from 'vitest';
import { costsInput, kpiRangeInput, siteRangeInput, todayInput } from './query-inputs';

const range = { from: '2026-11-01', to: '2026-11-30' };

describe('the dashboards’ query inputs', () => {
  it('leave the sites out when none is chosen, so the server and the browser ask under one key', () => {
    expect(kpiRangeInput(range, [])).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(costsInput(range, [])).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(todayInput([])).toEqual({});
  });

  it('name the chosen sites as each procedure calls them (contracts.costs: site; the KPIs: sites)', () => {
    expect(kpiRangeInput(range, ['CAS', 'TUN'])).toEqual({ ...range, sites: ['CAS', 'TUN'] });
    expect(costsInput(range, ['CAS', 'TUN'])).toEqual({ ...range, site: ['CAS', 'TUN'] });
    expect(todayInput(['DKR'])).toEqual({ sites: ['DKR'] });
  });

  it('ask for an inactive site by name on its page, and for the network otherwise', () => {
    expect(siteRangeInput({ code: 'CAS', active: true }, range)).toEqual(range);
    expect(siteRangeInput({ code: 'OLD', active: false }, range)).toEqual({ ...range, sites: ['OLD'] });
  });
});
