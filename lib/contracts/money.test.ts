import { describe, expect, it } from 'vitest';
import { perCall, roundMoney, roundTo, roundUnitCost } from './money';

describe('roundTo', () => {
  it('rounds halves away from zero as written in decimal, not as stored in binary', () => {
    expect(roundMoney(1.005)).toBe(1.01); // 1.005 is stored as 1.00499999999999989…
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(21.95 * 18.5)).toBe(406.08); // 406.07499999999993 in binary, 406.075 on paper
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(1.004)).toBe(1);
    expect(roundUnitCost(3.88846153)).toBe(3.8885);
    expect(roundTo(0.1 + 0.2, 4)).toBe(0.3);
  });

  it('never answers -0, and handles tiny and large amounts', () => {
    expect(Object.is(roundMoney(-0.001), 0)).toBe(true);
    expect(roundMoney(1e-7)).toBe(0);
    expect(roundMoney(123_456_789.125)).toBe(123_456_789.13);
  });

  it('refuses what is not a number', () => {
    expect(() => roundMoney(Number.NaN)).toThrow(RangeError);
    expect(() => roundMoney(Infinity)).toThrow(RangeError);
  });
});

describe('perCall', () => {
  it('divides to 4 decimals, null without calls or amount', () => {
    expect(perCall(1011, 260)).toBe(3.8885);
    expect(perCall(10, 0)).toBeNull();
    expect(perCall(null, 10)).toBeNull();
  });
});
