// Months as statements count them: YYYY-MM, a site-local calendar month. Pure.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month `n` months after (before, when negative) `month`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month a day (YYYY-MM-DD) falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/**
 * The month a statement page opens on: the one asked for, else the month before `today` (the
 * last whole month, the one an invoice is due for).
 */
export function chosenMonth(asked: string | string[] | undefined, today: string): string {
  return isMonth(asked) ? asked : shiftMonth(monthOf(today), -1);
}

/** Whether a month is over on `today` (a site-local day): only then can HQ close it. */
export function isMonthOver(month: string, today: string): boolean {
  return month < monthOf(today);
}
