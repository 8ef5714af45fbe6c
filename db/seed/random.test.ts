import { describe, expect, it } from 'vitest';
import { createRandom, hashString, mulberry32 } from './random';

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws within bounds and with the requested means', () => {
    const r = createRandom(7);
    let sum = 0;
    let exp = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const k = r.int(2, 4);
      expect(k >= 2 && k <= 4).toBe(true);
      sum += r.normal(10, 2);
      exp += r.exponential(30);
    }
    expect(sum / n).toBeCloseTo(10, 1);
    expect(exp / n).toBeGreaterThan(29);
    expect(exp / n).toBeLessThan(31);
    expect(r.weighted([['a', 0], ['b', 1]])).toBe('b');
  });

  it('hashes strings stably', () => {
    expect(hashString('TUN')).toBe(hashString('TUN'));
    expect(hashString('TUN')).not.toBe(hashString('TNR'));
  });
});
