import { describe, expect, it } from 'vitest';
import { weeklyHoursSchema } from '@/lib/calendar/hours';
import { hoursFieldOf, hoursValuesOf, schemaResolver, weeklyHoursOf, type HoursValues } from './hours-form';

type Values = { hours: HoursValues };
const resolver = schemaResolver<Values>(weeklyHoursSchema.nullable(), (v) => weeklyHoursOf(v.hours), (path) => `hours.${hoursFieldOf(path)}`);
const run = (values: Values) => resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });

describe('the weekly hours resolver', () => {
  it('puts each refusal on the field it names, in lists as react-hook-form keeps field arrays', async () => {
    const values = { hours: hoursValuesOf({ mon: [['08:00', '18:00']], tue: [['09:00', '12:00'], ['11:00', '13:00']] }) };
    values.hours.days.mon[0]!.end = '07:00';
    const { errors } = await run(values);
    const days = (errors as { hours: { days: Record<string, { start?: { message: string }; end?: { message: string } }[]> } }).hours.days;
    expect(Array.isArray(days.mon)).toBe(true);
    expect(days.mon![0]!.end!.message).toBe('A period ends after it starts');
    expect(days.tue![1]!.start!.message).toBe('Periods are in order and do not overlap');
  });

  it('sends closed days left out, and null around the clock', async () => {
    const values = { hours: hoursValuesOf({ fri: [['08:00', '24:00']] }) };
    expect(await run(values)).toMatchObject({ errors: {} });
    expect(weeklyHoursOf(values.hours)).toEqual({ fri: [['08:00', '24:00']] });
    expect(weeklyHoursOf({ ...values.hours, aroundTheClock: true })).toBeNull();
  });
});
