import { describe, expect, it } from 'vitest';
import { periodsOf, periodStart } from './periods';

describe('QA periods', () => {
  it('starts a week on Monday and a month on its first day', () => {
    expect(periodStart('2026-03-04', 'week')).toBe('2026-03-02'); // a Wednesday
    expect(periodStart('2026-03-02', 'week')).toBe('2026-03-02'); // a Monday
    expect(periodStart('2026-03-01', 'week')).toBe('2026-02-23'); // a Sunday
    expect(periodStart('2026-03-31', 'month')).toBe('2026-03-01');
  });

  it('lists every bucket a range touches, partial ones included', () => {
    expect(periodsOf({ from: '2026-02-27', to: '2026-03-10' }, 'week')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect(periodsOf({ from: '2025-12-15', to: '2026-02-01' }, 'month')).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });
});
