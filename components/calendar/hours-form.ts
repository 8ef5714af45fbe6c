// Weekly hours as the calendar forms hold them (rows of start/end per weekday, and an "around the
// clock" switch), converted to and from what the server stores, and the server's zod refusals
// turned into react-hook-form errors on the fields they name. The rules are lib/calendar's.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { WEEKDAYS, type Weekday, type WeeklyHours } from '@/lib/calendar/hours';
import { CALENDAR_MESSAGES } from '@/lib/calendar/inputs';

/** The keys of messages `calendar.errors`. */
export type CalendarErrorKey =
  | 'time'
  | 'quarter'
  | 'startMidnight'
  | 'order'
  | 'overlap'
  | 'day'
  | 'rangeOrder'
  | 'rangeLength'
  | 'name'
  | 'closedHours'
  | 'sameYear';

export type PeriodRow = { start: string; end: string };
export type HoursValues = { aroundTheClock: boolean; days: Record<Weekday, PeriodRow[]> };

export function hoursValuesOf(hours: WeeklyHours | null): HoursValues {
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, (hours?.[d] ?? []).map(([start, end]) => ({ start, end }))])) as Record<Weekday, PeriodRow[]>;
  return { aroundTheClock: hours === null, days };
}

/** What the server takes: null around the clock; closed weekdays left out. */
export function weeklyHoursOf(values: HoursValues): WeeklyHours | null {
  if (values.aroundTheClock) return null;
  const hours: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const rows = values.days[day];
    if (rows.length > 0) hours[day] = rows.map((r) => [r.start.trim(), r.end.trim()] as [string, string]);
  }
  return hours;
}

/**
 * The message keys (messages `calendar.errors`) of the refusals lib/calendar states. A message the
 * table does not know is shown as the server wrote it.
 */
const MESSAGE_KEYS: Record<string, CalendarErrorKey> = {
  'Expected a time "HH:MM" (00:00–24:00)': 'time',
  'Opening hours are on the quarter hour (:00, :15, :30 or :45)': 'quarter',
  'A period cannot start at 24:00': 'startMidnight',
  'A period ends after it starts': 'order',
  'Periods are in order and do not overlap': 'overlap',
  [CALENDAR_MESSAGES.day]: 'day',
  [CALENDAR_MESSAGES.rangeOrder]: 'rangeOrder',
  [CALENDAR_MESSAGES.rangeLength]: 'rangeLength',
  [CALENDAR_MESSAGES.name]: 'name',
  [CALENDAR_MESSAGES.closedHours]: 'closedHours',
  [CALENDAR_MESSAGES.sameYear]: 'sameYear',
};

export function messageKeyOf(message: string): CalendarErrorKey | null {
  return MESSAGE_KEYS[message] ?? null;
}

/** Where a zod issue about weekly hours lands in the form: [day, i, 0|1] → days.<day>.<i>.start|end. */
export function hoursFieldOf(path: readonly PropertyKey[]): string {
  const [day, index, side] = path;
  if (day === undefined) return 'days';
  if (index === undefined) return `days.${String(day)}`;
  if (side === undefined) return `days.${String(day)}.${String(index)}.start`;
  return `days.${String(day)}.${String(index)}.${side === 1 ? 'end' : 'start'}`;
}

function setError(errors: Record<string, unknown>, path: string, error: { type: string; message: string }) {
  const parts = path.split('.');
  let node = errors;
  // Numbered parts are list indexes: arrays, as react-hook-form builds its own errors of a field array.
  parts.slice(0, -1).forEach((part, i) => {
    node[part] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
  const last = parts[parts.length - 1]!;
  // The first refusal of a field is the one shown.
  if (!(last in node) || !(node[last] as { message?: string }).message) node[last] = { ...((node[last] as object) ?? {}), ...error };
}

/**
 * A react-hook-form resolver that validates with the server's zod schema: `toInput` builds what
 * would be sent, `fieldOf` names the form field of each issue's path.
 */
export function schemaResolver<V extends FieldValues>(
  schema: z.ZodType,
  toInput: (values: V) => unknown,
  fieldOf: (path: readonly PropertyKey[]) => string,
): Resolver<V> {
  return async (values) => {
    const result = schema.safeParse(toInput(values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) setError(errors, fieldOf(issue.path), { type: issue.code, message: issue.message });
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}
