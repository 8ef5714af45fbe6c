import { describe, expect, it } from 'vitest';
import { chosenMonth, isMonth, isMonthOver, shiftMonth } from './month';

describe('statement months', () => {
  it('reads YYYY-MM only', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(['2026-10'])).toBe(false);
  });

  it('moves across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
  });

  it('opens on the month asked for, else the last whole month', () => {
    expect(chosenMonth('2026-07', '2026-12-03')).toBe('2026-07');
    expect(chosenMonth(undefined, '2026-12-03')).toBe('2026-11');
    expect(chosenMonth('junk', '2026-01-15')).toBe('2025-12');
  });

  it('calls a month over from the first day of the next', () => {
    expect(isMonthOver('2026-11', '2026-11-30')).toBe(false);
    expect(isMonthOver('2026-11', '2026-12-01')).toBe(true);
    expect(isMonthOver('2026-12', '2026-12-03')).toBe(false);
  });
});
