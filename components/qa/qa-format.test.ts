import { describe, expect, it } from 'vitest';
import { formatCriterionScore, formatGap, formatScore, scoreAxisFloor } from './qa-format';

describe('QA formatting', () => {
  it('shows scores with one decimal in the reader’s locale, and — without a value', () => {
    expect(formatScore(73.75, 'en')).toBe('73.8');
    expect(formatScore(73.75, 'fr')).toBe('73,8');
    expect(formatScore(null, 'en')).toBe('—');
  });

  it('signs gaps, and never shows −0.0', () => {
    expect(formatGap(12.34, 'en')).toBe('+12.3');
    expect(formatGap(-4, 'en')).toBe('-4.0');
    expect(formatGap(-0.01, 'en')).toBe('0.0');
    expect(formatGap(undefined, 'en')).toBe('—');
  });

  it('shows a criterion score against its maximum', () => {
    expect(formatCriterionScore(1.5, 4, 'fr')).toBe('1,5 / 4');
    expect(formatCriterionScore(null, 4, 'en')).toBe('—');
  });

  it('starts a score axis a little under its lowest value', () => {
    expect(scoreAxisFloor([82.4, 91, null])).toBe(70);
    expect(scoreAxisFloor([3])).toBe(0);
    expect(scoreAxisFloor([null])).toBe(0);
  });
});
