// Formatting of KPI figures in the reader's locale: the dashboard's figures (two counts and the
// rollup metrics) through the one formatter pages and e-mails share (lib/kpi/format.ts).
import { changeVerdict as verdictOf, displayedChange as displayedUnitChange, formatChange as formatUnitChange, formatFigureValue, type ChangeVerdict } from '@/lib/kpi/format';
import type { Figure } from './metrics';
import { figureDirection, figureUnit } from './metrics';
import { dateTimeFormat } from '@/lib/intl/formatters';

export { formatDuration, NO_VALUE, type ChangeVerdict } from '@/lib/kpi/format';

export function formatFigure(figure: Figure, value: number | null, locale: string): string {
  return formatFigureValue(figureUnit(figure), value, locale);
}

/** The change a reader sees, rounded as displayed: ratios in points (1 decimal), seconds whole, scores 1 decimal. */
export function displayedChange(figure: Figure, delta: number): number {
  return displayedUnitChange(figureUnit(figure), delta);
}

/** A signed change: "+2.1 pts" for ratios (pointsLabel), "+12 s", "+1.5" for QA, "+120" for counts. */
export function formatChange(figure: Figure, delta: number | null, locale: string, pointsLabel: string): string {
  return formatUnitChange(figureUnit(figure), delta, locale, pointsLabel);
}

/** Whether a change is good news for this figure: a lower AHT is better, a lower CSAT worse. */
export function changeVerdict(figure: Figure, delta: number | null): ChangeVerdict | null {
  return verdictOf(figureUnit(figure), figureDirection(figure), delta);
}

/** A site-local day (YYYY-MM-DD) as a short date; noon UTC so no zone can move it. */
export function formatDay(day: string, locale: string, style: 'short' | 'medium' = 'short'): string {
  const date = new Date(`${day}T12:00:00Z`);
  return dateTimeFormat(locale, style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(
    date,
  );
}
