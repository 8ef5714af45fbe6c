import { describe, expect, it } from 'vitest';
import { contractInput } from '@/lib/contracts/contract-input';
import {
  checkContractValues,
  contractFromValues,
  emptyTermValues,
  formErrorsOf,
  newVersionValues,
  parseTypedNumber,
  type ContractFormValues,
  type StoredContract,
} from './contract-form-values';

const stored: StoredContract = {
  site: 'CAS',
  provider: 'Atlas Contact',
  currency: 'MAD',
  pricing: { model: 'per_handled_call', rate: 2.1, seats: null, fixedMonthly: 1000 },
  terms: [
    { metric: 'serviceLevel', comparison: 'atLeast', threshold: 0.8, period: 'week', allowedMisses: 1, penalty: { kind: 'percent', value: 2, cap: 5000 } },
    { metric: 'ahtSeconds', comparison: 'atMost', threshold: 300, period: 'month', allowedMisses: 0, penalty: { kind: 'fixed', value: 500 }, bonus: { kind: 'fixed', value: 300 } },
  ],
};

const valid = (): ContractFormValues => newVersionValues('CAS', '2026-12-01', stored, 'EUR');

describe('contract form values', () => {
  it('reads numbers typed in either locale', () => {
    expect(parseTypedNumber('2,10')).toBe(2.1);
    expect(parseTypedNumber(' 5 000 ')).toBe(5000);
    expect(parseTypedNumber('lots')).toBeNaN();
    expect(parseTypedNumber('')).toBeNaN();
  });

  it('starts a new version from the current one and gives it back to the API unchanged', () => {
    const values = valid();
    expect(values.terms[0]!.threshold).toBe('80');
    expect(values.terms[1]!.bonusKind).toBe('fixed');
    const back = contractFromValues(values);
    expect(contractInput.parse(back)).toEqual({ ...stored, effectiveFrom: '2026-12-01', pricing: { model: 'per_handled_call', rate: 2.1, fixedMonthly: 1000 } });
    expect(checkContractValues(values)).toEqual([]);
  });

  it('starts a first contract empty, in HQ’s currency', () => {
    expect(newVersionValues('DKR', '2026-12-01', null, 'EUR')).toMatchObject({ site: 'DKR', currency: 'EUR', provider: '', rate: '', terms: [] });
  });

  it('takes a ratio’s threshold as a percentage, and seats only for a per-seat price', () => {
    const values = { ...valid(), model: 'per_seat_month' as const, seats: '40', terms: [{ ...emptyTermValues(), threshold: '80,5', penaltyValue: '2' }] };
    const contract = contractFromValues(values);
    expect(contract.pricing.seats).toBe(40);
    expect(contract.terms![0]!.threshold).toBe(0.805);
    expect(contractFromValues({ ...values, model: 'per_handled_call' }).pricing).not.toHaveProperty('seats');
  });

  it('names each refused field by the form’s own field and message key', () => {
    const values: ContractFormValues = {
      ...valid(),
      provider: ' ',
      currency: 'dirham',
      rate: 'cheap',
      model: 'per_seat_month',
      seats: '',
      terms: [
        { ...emptyTermValues(), threshold: '180', penaltyValue: '120' },
        { ...emptyTermValues(), metric: 'qaScore', threshold: '85', allowedMisses: '1.5', penaltyValue: '1', penaltyCap: '-3', bonusKind: 'fixed', bonusValue: 'x' },
      ],
    };
    const issues = checkContractValues(values);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'provider', key: 'provider' },
        { field: 'currency', key: 'currency' },
        { field: 'rate', key: 'rate' },
        { field: 'seats', key: 'seats' },
        { field: 'terms.0.threshold', key: 'thresholdRatio' },
        { field: 'terms.0.penaltyValue', key: 'penaltyValue' },
        { field: 'terms.1.allowedMisses', key: 'allowedMisses' },
        { field: 'terms.1.penaltyCap', key: 'penaltyCap' },
        { field: 'terms.1.bonusValue', key: 'bonusValue' },
      ]),
    );
    const errors = formErrorsOf(issues);
    expect(errors.rate?.message).toBe('rate');
    expect(errors.terms?.[0]?.threshold?.message).toBe('thresholdRatio');
    expect(errors.terms?.[1]?.penaltyCap?.message).toBe('penaltyCap');
  });

  it('says "type a number" for a threshold that is not one, and the bounds of a score or seconds', () => {
    const issues = (threshold: string, metric: 'qaScore' | 'ahtSeconds' | 'csat') =>
      checkContractValues({ ...valid(), terms: [{ ...emptyTermValues(), metric, threshold, penaltyValue: '1' }] });
    expect(issues('abc', 'csat')).toEqual([{ field: 'terms.0.threshold', key: 'threshold' }]);
    expect(issues('101', 'qaScore')).toEqual([{ field: 'terms.0.threshold', key: 'thresholdScore' }]);
    expect(issues('90000', 'ahtSeconds')).toEqual([{ field: 'terms.0.threshold', key: 'thresholdSeconds' }]);
  });
});
