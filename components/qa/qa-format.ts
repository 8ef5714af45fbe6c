// Formatting of QA figures in the reader's locale. Pure (Intl only); scores and gaps through the
// formatter pages and e-mails share (lib/kpi/format.ts).
import { formatChange, NO_VALUE } from '@/lib/kpi/format';
import { numberFormat } from '@/lib/intl/formatters';

export { formatScore, NO_VALUE } from '@/lib/kpi/format';

/** A signed gap in score points with one decimal: +12.3, −4.0, 0.0 (a score's change, lib/kpi/format.ts). */
export function formatGap(value: number | null | undefined, locale: string): string {
  return formatChange('score', value, locale, '');
}

/** A criterion score against its maximum: 4 / 5, or 1.5 / 4. */
export function formatCriterionScore(value: number | null, max: number, locale: string): string {
  if (value === null) return NO_VALUE;
  const number = numberFormat(locale, { maximumFractionDigits: 2 });
  return `${number.format(value)} / ${number.format(max)}`;
}

/**
 * The bottom of a 0–100 score axis: a little under the lowest value, on a multiple of 10, so that
 * scores that sit high still show their movements.
 */
export function scoreAxisFloor(values: readonly (number | null)[]): number {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...present) - 5) / 10) * 10);
}
