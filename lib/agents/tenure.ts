// Tenure and attrition from a roster's start and end dates (docs/roster.md). Pure.
//
// A person is on the headcount on day d when their start date is d or before (no start date:
// counted as there from the first) and their end date, the last day worked, is d or after (none:
// still there). Tenure bands count the people on the headcount on a day by how long they have
// been there; a month's attrition is its leavers (end date in the month) over its mean daily
// headcount.
import { monthDays } from '@/lib/contracts/periods';
import { isIsoDay } from '@/lib/kpi/periods';

export const TENURE_BANDS = ['under3m', 'm3to6', 'm6to12', 'y1to2', 'over2y'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

/** The upper bound of each band but the last, in months of tenure. */
const BAND_LIMITS: readonly [TenureBand, number][] = [
  ['under3m', 3],
  ['m3to6', 6],
  ['m6to12', 12],
  ['y1to2', 24],
];

export type RosterDates = { startDate: string | null; endDate: string | null };

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The day `months` calendar months after `day`, on the month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function isOnHeadcount(person: RosterDates, day: string): boolean {
  return (person.startDate === null || person.startDate <= day) && (person.endDate === null || person.endDate >= day);
}

/**
 * The band of someone who started on `startDate`, on `asOf`: under 3 months until the day three
 * calendar months after the start, then 3–6 months, 6–12 months, 1–2 years, over 2 years.
 */
export function tenureBandOf(startDate: string, asOf: string): TenureBand {
  for (const [band, months] of BAND_LIMITS) if (asOf < addMonths(startDate, months)) return band;
  return 'over2y';
}

export type TenureBands = { asOf: string; headcount: number; bands: Record<TenureBand, number>; unknownStart: number };

/** The people on the headcount on `asOf` by tenure band; those without a start date counted apart. */
export function tenureBands(people: readonly RosterDates[], asOf: string): TenureBands {
  const bands = Object.fromEntries(TENURE_BANDS.map((b) => [b, 0])) as Record<TenureBand, number>;
  let headcount = 0;
  let unknownStart = 0;
  for (const p of people) {
    if (!isOnHeadcount(p, asOf)) continue;
    headcount++;
    if (p.startDate === null) unknownStart++;
    else bands[tenureBandOf(p.startDate, asOf)]++;
  }
  return { asOf, headcount, bands, unknownStart };
}

export type MonthAttrition = {
  /** YYYY-MM */
  month: string;
  /** The days of the month counted: the whole month, or its part within the range asked. */
  from: string;
  to: string;
  starters: number;
  leavers: number;
  /** Mean of the daily headcount over the days counted. */
  meanHeadcount: number;
  headcountAtEnd: number;
  /** leavers / meanHeadcount; null when nobody was on the headcount. */
  attrition: number | null;
};

/**
 * Attrition for each calendar month the range touches, each over its days within the range:
 * leavers (end date among those days) over the mean daily headcount of those days.
 */
export function attritionByMonth(people: readonly RosterDates[], range: { from: string; to: string }): MonthAttrition[] {
  if (!isIsoDay(range.from) || !isIsoDay(range.to) || range.to < range.from) throw new RangeError('attritionByMonth takes a range of ISO days, from ≤ to');
  const months: MonthAttrition[] = [];
  for (let first = `${range.from.slice(0, 7)}-01`; first <= range.to; first = addMonths(first, 1)) {
    const from = first < range.from ? range.from : first;
    const monthEnd = monthDays(first.slice(0, 7)).to;
    const to = monthEnd > range.to ? range.to : monthEnd;
    const a = dayNumber(from);
    const b = dayNumber(to);
    let personDays = 0;
    let starters = 0;
    let leavers = 0;
    let headcountAtEnd = 0;
    for (const p of people) {
      // Overlap of [start, end] with [from, to], in days.
      const s = p.startDate === null ? a : Math.max(a, dayNumber(p.startDate));
      const e = p.endDate === null ? b : Math.min(b, dayNumber(p.endDate));
      if (e >= s) personDays += e - s + 1;
      if (p.startDate !== null && p.startDate >= from && p.startDate <= to) starters++;
      if (p.endDate !== null && p.endDate >= from && p.endDate <= to) leavers++;
      if (isOnHeadcount(p, to)) headcountAtEnd++;
    }
    const meanHeadcount = personDays / (b - a + 1);
    months.push({ month: first.slice(0, 7), from, to, starters, leavers, meanHeadcount, headcountAtEnd, attrition: meanHeadcount > 0 ? leavers / meanHeadcount : null });
  }
  return months;
}
