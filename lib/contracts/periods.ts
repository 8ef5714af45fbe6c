// The calendar of contracts: months, and the periods a term is measured over within a month
// (site-local days as YYYY-MM-DD; plain UTC arithmetic, so no time zone is consulted).
import { isIsoDay, shiftDay } from '@/lib/kpi/periods';
import type { TermPeriod } from './contract-input';

const MONTH_FORMAT = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** YYYY-MM with a month 01–12. */
export function isMonth(value: string): boolean {
  return MONTH_FORMAT.test(value);
}

function checkMonth(month: string): void {
  if (!isMonth(month)) throw new RangeError(`Not a month as YYYY-MM: ${month}`);
}

/** The month a site-local day belongs to. */
export function monthOf(day: string): string {
  if (!isIsoDay(day)) throw new RangeError(`Not a date: ${day}`);
  return day.slice(0, 7);
}

/** The first and last days of a month. */
export function monthDays(month: string): { from: string; to: string } {
  checkMonth(month);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  // Day 0 of the next month is this month's last day.
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The number of days in a month (28 to 31). */
export function daysInMonth(month: string): number {
  return Number(monthDays(month).to.slice(8));
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

const THURSDAY = 4;

/**
 * The ISO weeks (Monday–Sunday) whose Thursday falls in the month: ISO 8601 gives a week to the
 * month that holds most of its days, so each week belongs to exactly one month. The first may
 * start in the previous month and the last end in the next; a month's first or last days may so
 * belong to a neighbour's week.
 */
function weeksOf(month: string): { start: string; end: string }[] {
  const { from } = monthDays(month);
  let thursday = shiftDay(from, (THURSDAY - weekday(from) + 7) % 7);
  const weeks: { start: string; end: string }[] = [];
  while (thursday.startsWith(month)) {
    weeks.push({ start: shiftDay(thursday, -3), end: shiftDay(thursday, 3) });
    thursday = shiftDay(thursday, 7);
  }
  return weeks;
}

/** The periods a term with this period is measured over in a month's statement, in order. */
export function termPeriods(month: string, period: TermPeriod): { start: string; end: string }[] {
  const { from, to } = monthDays(month);
  switch (period) {
    case 'month':
      return [{ start: from, end: to }];
    case 'week':
      return weeksOf(month);
    case 'day': {
      const days: { start: string; end: string }[] = [];
      for (let day = from; day <= to; day = shiftDay(day, 1)) days.push({ start: day, end: day });
      return days;
    }
  }
}

/**
 * The days a month's statement reads: the month itself (its volume), widened to the whole of its
 * week periods when a term is weekly (they may reach into the neighbouring months).
 */
export function statementReadRange(month: string, terms: readonly { period: TermPeriod }[]): { from: string; to: string } {
  const range = monthDays(month);
  if (!terms.some((t) => t.period === 'week')) return range;
  const weeks = weeksOf(month);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return {
    from: first && first.start < range.from ? first.start : range.from,
    to: last && last.end > range.to ? last.end : range.to,
  };
}
