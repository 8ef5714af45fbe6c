// Formatting of KPI figures in the reader's locale. Pure (Intl only) so it is tested as is.
import type { Figure } from './metrics';
import { figureDirection, figureUnit } from './metrics';

export const NO_VALUE = '—';

/** 42 s under a minute; m:ss, or h:mm:ss from an hour. */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  if (total < 60) return `${sign}${new Intl.NumberFormat(locale).format(total)} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

export function formatFigure(figure: Figure, value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  switch (figureUnit(figure)) {
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'seconds':
      return formatDuration(value, locale);
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'score':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  }
}

/** The change a reader sees, rounded as displayed: ratios in points (1 decimal), seconds whole, scores 1 decimal. */
export function displayedChange(figure: Figure, delta: number): number {
  switch (figureUnit(figure)) {
    case 'ratio':
      return Math.round(delta * 1000) / 10;
    case 'score':
      return Math.round(delta * 10) / 10;
    default:
      return Math.round(delta);
  }
}

/** A signed change: "+2.1 pts" for ratios (pointsLabel), "+12 s", "+1.5" for QA, "+120" for counts. */
export function formatChange(figure: Figure, delta: number | null, locale: string, pointsLabel: string): string {
  if (delta === null || !Number.isFinite(delta)) return NO_VALUE;
  const shown = displayedChange(figure, delta);
  const unit = figureUnit(figure);
  const digits = unit === 'ratio' || unit === 'score' ? 1 : 0;
  const number = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    shown === 0 ? 0 : shown,
  );
  if (unit === 'ratio') return `${number} ${pointsLabel}`;
  if (unit === 'seconds') return `${number} s`;
  return number;
}

export type ChangeVerdict = 'better' | 'worse' | 'same' | 'neutral';

/** Whether a change is good news for this figure: a lower AHT is better, a lower CSAT worse. */
export function changeVerdict(figure: Figure, delta: number | null): ChangeVerdict | null {
  if (delta === null || !Number.isFinite(delta)) return null;
  const shown = displayedChange(figure, delta);
  if (shown === 0) return 'same';
  const direction = figureDirection(figure);
  if (direction === null) return 'neutral';
  return (shown > 0) === (direction === 'higher') ? 'better' : 'worse';
}

/** A site-local day (YYYY-MM-DD) as a short date; noon UTC so no zone can move it. */
export function formatDay(day: string, locale: string, style: 'short' | 'medium' = 'short'): string {
  const date = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(
    date,
  );
}
