import { describe, expect, it } from 'vitest';
import { labelStep } from './axis-ticks';

describe('labelStep', () => {
  it('draws every label while they fit, then one in every n, never more than asked', () => {
    expect(labelStep(7, 8)).toBe(0);
    expect(labelStep(8, 8)).toBe(0);
    expect(labelStep(9, 8)).toBe(1);
    expect(labelStep(30, 8)).toBe(3);
    expect(labelStep(96, 12)).toBe(7);
    for (const points of [1, 13, 31, 90, 96, 365]) {
      const step = labelStep(points, 8);
      expect(Math.ceil(points / (step + 1))).toBeLessThanOrEqual(8);
    }
  });

  it('is 0 for an empty axis', () => {
    expect(labelStep(0, 8)).toBe(0);
  });
});
