import type { FieldErrors } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { issuesResolver } from './issues-resolver';

type Values = { name: string; seats: string };
type Issue = { field: keyof Values; key: string };

const check = (v: Values): Issue[] => [...(v.name ? [] : [{ field: 'name' as const, key: 'nameRequired' }]), ...(/^\d+$/.test(v.seats) ? [] : [{ field: 'seats' as const, key: 'seatsWhole' }])];
const errorsOf = (issues: Issue[]) => Object.fromEntries(issues.map((i) => [i.field, { type: 'validate', message: i.key }])) as FieldErrors<Values>;
const resolve = (values: Values) => issuesResolver(check, errorsOf)(values, undefined, { fields: {}, shouldUseNativeValidation: undefined });

describe('issuesResolver', () => {
  it('passes the values through when the check finds nothing', async () => {
    expect(await resolve({ name: 'CAS', seats: '40' })).toEqual({ values: { name: 'CAS', seats: '40' }, errors: {} });
  });

  it('gives each issue to its field and no values', async () => {
    expect(await resolve({ name: '', seats: '4.5' })).toEqual({
      values: {},
      errors: { name: { type: 'validate', message: 'nameRequired' }, seats: { type: 'validate', message: 'seatsWhole' } },
    });
  });
});
