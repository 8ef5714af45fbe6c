import { describe, expect, it } from 'vitest';
import { paddedDomain } from './scatter-domain';

describe('paddedDomain', () => {
  it('adds a share of the spread on each side', () => {
    expect(paddedDomain([10, 20, 30], { share: 0.1, minShareOfMax: 0 })).toEqual([8, 32]);
  });

  it('keeps the least room when the spread is small', () => {
    const [lo, hi] = paddedDomain([99, 100], { share: 0.1, minShareOfMax: 0.05 });
    expect(lo).toBeCloseTo(94);
    expect(hi).toBeCloseTo(105);
  });

  it('never gives a zero-width range', () => {
    const [lo, hi] = paddedDomain([0, 0], { share: 0.12, minShareOfMax: 0.05 });
    expect(hi - lo).toBeGreaterThan(0);
  });

  it('stops at zero when asked', () => {
    expect(paddedDomain([1, 2], { share: 2, minShareOfMax: 0, floorAtZero: true })).toEqual([0, 4]);
    expect(paddedDomain([1, 2], { share: 2, minShareOfMax: 0 })).toEqual([-1, 4]);
  });
});
