import { describe, expect, it } from 'vitest';
import { listInputOf, qaListHref, readQaListState, trendRange } from './qa-url';

describe('QA list URL state', () => {
  it('reads the filters, ignoring malformed ones', () => {
    expect(readQaListState({ site: 'cas', agent: ' AG-1 ', form: 'std', from: '2026-03-01', to: '2026-03-31', review: 'dispute_open', page: '3' })).toEqual({
      site: 'CAS',
      agent: 'AG-1',
      evaluator: undefined,
      form: 'STD',
      from: '2026-03-01',
      to: '2026-03-31',
      review: 'dispute_open',
      page: 3,
    });
    expect(readQaListState({ site: 'C4S', review: 'maybe', page: '-2', from: '2026-03-31', to: '2026-03-01' })).toEqual({
      site: undefined,
      agent: undefined,
      evaluator: undefined,
      form: undefined,
      from: undefined,
      to: undefined,
      review: undefined,
      page: 1,
    });
    expect(readQaListState({ from: '2026-03-05' })).toMatchObject({ from: '2026-03-05', to: '2026-03-05' });
  });

  it('maps the review filter onto the procedure input', () => {
    expect(listInputOf({ page: 2, review: 'not_rescored' })).toMatchObject({ rescored: false, dispute: undefined, page: 2, pageSize: 50 });
    expect(listInputOf({ page: 1, review: 'dispute_upheld' })).toMatchObject({ rescored: undefined, dispute: 'upheld' });
  });

  it('writes links in a stable order, back to page 1 unless told', () => {
    const state = readQaListState({ agent: 'AG 1', site: 'TUN', page: '4' });
    expect(qaListHref(state)).toBe('/qa?site=TUN&agent=AG+1&page=4');
    expect(qaListHref(state, { site: undefined, page: 1 })).toBe('/qa?agent=AG+1');
    expect(qaListHref({ page: 1 })).toBe('/qa');
  });

  it('shows the last twelve complete weeks when no period is named', () => {
    // 23:30 UTC on 15 March is already the 16th in Tunis: yesterday there is the 15th.
    expect(trendRange({}, new Date('2026-03-15T23:30:00Z'), 'Africa/Tunis')).toEqual({ from: '2025-12-22', to: '2026-03-15' });
    expect(trendRange({ from: '2026-01-01', to: '2026-01-31' }, new Date(), 'UTC')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });
});
