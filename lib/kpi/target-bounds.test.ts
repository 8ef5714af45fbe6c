import { describe, expect, it } from 'vitest';
import { describeTargetProblem, fromInputUnit, inputLimits, parseTypedNumber, targetProblems, toInputUnit } from './target-bounds';

describe('targetProblems', () => {
  it('wants green at least as demanding as amber, in the metric’s direction', () => {
    expect(targetProblems('service_level', { green: 0.8, amber: 0.7 })).toEqual([]);
    expect(targetProblems('service_level', { green: 0.8, amber: 0.8 })).toEqual([]);
    expect(targetProblems('service_level', { green: 0.7, amber: 0.8 })).toEqual([{ field: 'amber', reason: 'order' }]);
    expect(targetProblems('aht', { green: 300, amber: 360 })).toEqual([]);
    expect(targetProblems('aht', { green: 360, amber: 300 })).toEqual([{ field: 'amber', reason: 'order' }]);
    expect(targetProblems('abandon_rate', { green: 0.05, amber: 0.08 })).toEqual([]);
    expect(targetProblems('abandon_rate', { green: 0.08, amber: 0.05 })).toEqual([{ field: 'amber', reason: 'order' }]);
  });

  it('keeps each unit in its range: fractions 0–1, QA 0–100, seconds up to a day', () => {
    expect(targetProblems('csat', { green: 80, amber: 0.7 })).toEqual([{ field: 'green', reason: 'out_of_range' }]);
    expect(targetProblems('qa_score', { green: 85, amber: 75 })).toEqual([]);
    expect(targetProblems('qa_score', { green: 101, amber: -1 })).toEqual([
      { field: 'green', reason: 'out_of_range' },
      { field: 'amber', reason: 'out_of_range' },
    ]);
    expect(targetProblems('asa', { green: 20, amber: 90_000 })).toEqual([{ field: 'amber', reason: 'out_of_range' }]);
    expect(targetProblems('fcr', { green: Number.NaN, amber: 0.6 })).toEqual([{ field: 'green', reason: 'not_a_number' }]);
  });

  it('words each problem for API callers', () => {
    expect(describeTargetProblem('aht', { field: 'amber', reason: 'order' })).toMatch(/lower is better.*green must be less than or equal to amber/);
    expect(describeTargetProblem('fcr', { field: 'amber', reason: 'order' })).toMatch(/higher is better/);
    expect(describeTargetProblem('csat', { field: 'green', reason: 'out_of_range' })).toContain('between 0 and 1');
  });
});

describe('units', () => {
  it('shows ratios as percentages and stores fractions, exactly', () => {
    expect(toInputUnit('service_level', 0.8)).toBe(80);
    expect(toInputUnit('abandon_rate', 0.07)).toBe(7);
    expect(fromInputUnit('abandon_rate', 7)).toBe(0.07);
    expect(fromInputUnit('csat', 82.5)).toBe(0.825);
    expect(toInputUnit('aht', 360)).toBe(360);
    expect(fromInputUnit('qa_score', 85)).toBe(85);
    expect(inputLimits('fcr')).toEqual({ min: 0, max: 100 });
    expect(inputLimits('asa')).toEqual({ min: 0, max: 86_400 });
  });

  it('reads typed numbers with a point or a decimal comma, and refuses the rest', () => {
    expect(parseTypedNumber('82.5')).toBe(82.5);
    expect(parseTypedNumber(' 82,5 ')).toBe(82.5);
    expect(parseTypedNumber('1 200')).toBe(1200);
    expect(parseTypedNumber('')).toBeNull();
    expect(parseTypedNumber('abc')).toBeNull();
    expect(parseTypedNumber('1e3')).toBeNull();
    expect(parseTypedNumber('.')).toBeNull();
  });
});
