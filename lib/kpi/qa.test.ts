import { describe, expect, it } from 'vitest';
import { calibrationGap, calibrationGapOfSums, categoryPercent, categoryPercentOf, criterionPercent, failsCritical, scoreEvaluation, type ScoringCriterion } from './qa';

const form: ScoringCriterion[] = [
  { key: 'clarity', weight: 2, maxScore: 5, critical: false },
  { key: 'empathy', weight: 1, maxScore: 10, critical: false },
  { key: 'identity_check', weight: 1, maxScore: 2, critical: true },
];

describe('scoreEvaluation', () => {
  it('weighs each criterion as a fraction of its max', () => {
    // (2 × 4/5 + 1 × 7/10 + 1 × 2/2) / 4 = (1.6 + 0.7 + 1) / 4 = 0.825
    const result = scoreEvaluation(form, { clarity: 4, empathy: 7, identity_check: 2 });
    expect(result.errors).toEqual([]);
    expect(result.criticalFailed).toBe(false);
    expect(result.score).toBeCloseTo(82.5, 10);
  });

  it('leaves out the criteria that do not apply (null)', () => {
    // (2 × 3/5 + 1 × 1/2) / 3 = (1.2 + 0.5) / 3 = 0.5666…
    const result = scoreEvaluation(form, { clarity: 3, empathy: null, identity_check: 1 });
    expect(result.score).toBeCloseTo(56.666_666_7, 6);
    expect(result.criticalFailed).toBe(false);
  });

  it('makes the evaluation 0 when a critical criterion scores below half its max', () => {
    const result = scoreEvaluation(form, { clarity: 5, empathy: 10, identity_check: 0.9 });
    expect(result).toEqual({ score: 0, criticalFailed: true, errors: [] });
  });

  it('passes a critical criterion at exactly half its max', () => {
    // (2 × 1 + 1 × 1 + 1 × 1/2) / 4 = 0.875
    const result = scoreEvaluation(form, { clarity: 5, empathy: 10, identity_check: 1 });
    expect(result.criticalFailed).toBe(false);
    expect(result.score).toBeCloseTo(87.5, 10);
  });

  it('gives no score when no criterion applies', () => {
    expect(scoreEvaluation(form, { clarity: null, empathy: null, identity_check: null })).toEqual({
      score: null,
      criticalFailed: false,
      errors: [],
    });
  });

  it('names unknown, missing and out-of-range criteria', () => {
    const result = scoreEvaluation(form, { clarity: 6, empathy: -1, greeting: 3 });
    expect(result.score).toBeNull();
    expect(result.errors).toEqual([
      { path: 'scores.greeting', message: expect.stringContaining('Unknown criterion') },
      { path: 'scores.clarity', message: 'Score must be between 0 and 5' },
      { path: 'scores.empathy', message: 'Score must be between 0 and 10' },
      { path: 'scores.identity_check', message: expect.stringContaining('Missing score') },
    ]);
  });

  it('accepts the full range 0 to max', () => {
    const result = scoreEvaluation(form, { clarity: 0, empathy: 0, identity_check: 2 });
    // (0 + 0 + 1) / 4
    expect(result.score).toBeCloseTo(25, 10);
  });
});

describe('calibrationGap', () => {
  it('is the mean signed and the mean absolute difference, site minus HQ', () => {
    // differences: +10, −4, +6 → bias 12/3 = 4, spread 20/3
    const gap = calibrationGap([
      { site: 90, hq: 80 },
      { site: 70, hq: 74 },
      { site: 86, hq: 80 },
    ]);
    expect(gap.pairs).toBe(3);
    expect(gap.bias).toBeCloseTo(4, 10);
    expect(gap.spread).toBeCloseTo(20 / 3, 10);
  });

  it('is unknown without pairs', () => {
    expect(calibrationGap([])).toEqual({ bias: null, spread: null, pairs: 0 });
  });
});

describe('criterion and category percentages, critical failure, the gap from sums', () => {
  it('fails a critical criterion below half its maximum, never a non-critical one', () => {
    expect(failsCritical({ critical: true, maxScore: 4 }, 1.9)).toBe(true);
    expect(failsCritical({ critical: true, maxScore: 4 }, 2)).toBe(false);
    expect(failsCritical({ critical: true, maxScore: 4 }, null)).toBe(false);
    expect(failsCritical({ critical: false, maxScore: 4 }, 0)).toBe(false);
  });

  it('averages criterion percentages over the scores that apply', () => {
    expect(criterionPercent(3, 4)).toBe(75);
    // (3/4 + 1/2) / 2 = 62.5 %; the null does not apply.
    expect(categoryPercentOf([{ score: 3, maxScore: 4 }, { score: 5, maxScore: 10 }, { score: null, maxScore: 5 }])).toBe(62.5);
    expect(categoryPercentOf([{ score: null, maxScore: 5 }])).toBeNull();
    expect(categoryPercent(125, 2)).toBe(62.5);
    expect(categoryPercent(0, 0)).toBeNull();
  });

  it('gives the same gap from the pairs as from their sums', () => {
    const pairs = [{ site: 90, hq: 70 }, { site: 60, hq: 75 }];
    expect(calibrationGap(pairs)).toEqual(calibrationGapOfSums({ pairs: 2, diffSum: 5, absSum: 35 }));
    expect(calibrationGapOfSums({ pairs: 0, diffSum: 0, absSum: 0 })).toEqual({ bias: null, spread: null, pairs: 0 });
  });
});
