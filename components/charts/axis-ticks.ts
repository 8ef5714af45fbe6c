// Which axis labels a chart draws. Left to itself, Recharts decides which category labels fit by
// measuring each one's text in the page (a hidden span and a getBoundingClientRect per label, each
// forcing a layout of the whole document): on a site page that was the largest single cost of
// drawing its charts. A fixed step chosen from the number of points needs no measuring.

/** Recharts' `interval` for a category axis of `points` labels: at most `maxLabels` are drawn, evenly spaced. */
export function labelStep(points: number, maxLabels: number): number {
  return Math.max(0, Math.ceil(points / Math.max(1, maxLabels)) - 1);
}

/** Recharts' `interval` for an axis whose few ticks all fit (numeric axes, a handful of categories). */
export const EVERY_TICK = 0;
