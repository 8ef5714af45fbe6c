import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './formatters';

describe('shared Intl formatters', () => {
  it('formats like a formatter built for the call', () => {
    expect(numberFormat('fr', { style: 'percent', maximumFractionDigits: 1 }).format(0.1234)).toBe(new Intl.NumberFormat('fr', { style: 'percent', maximumFractionDigits: 1 }).format(0.1234));
    expect(numberFormat('en-GB').format(12345.5)).toBe('12,345.5');
    expect(dateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date('2026-03-05T12:00:00Z'))).toBe('5 Mar');
  });

  it('returns the same formatter for the same locale and options, another for others', () => {
    expect(numberFormat('fr', { maximumFractionDigits: 0 })).toBe(numberFormat('fr', { maximumFractionDigits: 0 }));
    expect(numberFormat('fr', { maximumFractionDigits: 0 })).not.toBe(numberFormat('fr', { maximumFractionDigits: 1 }));
    expect(numberFormat('fr')).not.toBe(numberFormat('en'));
    expect(dateTimeFormat('fr', { timeZone: 'Africa/Tunis' })).not.toBe(dateTimeFormat('fr', { timeZone: 'Africa/Dakar' }));
  });

  it('refuses what Intl refuses, and caches nothing for it', () => {
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => numberFormat('en', { style: 'currency' })).toThrow(TypeError);
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
