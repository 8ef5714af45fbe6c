// Rules for RAG target bounds, and the conversion between stored units and the units people type.
// Pure and free of server code: the targets form checks with the same rules the server enforces.
import { METRICS, type KpiMetric, type MetricUnit, type TargetBounds } from './definitions';

/** The values a bound may take, in stored units: fractions 0–1, QA 0–100, seconds up to a day. */
export const TARGET_LIMITS: Record<MetricUnit, { min: number; max: number }> = {
  ratio: { min: 0, max: 1 },
  score: { min: 0, max: 100 },
  seconds: { min: 0, max: 86_400 },
};

export type TargetProblem =
  | { field: 'green' | 'amber'; reason: 'not_a_number' | 'out_of_range' }
  /** green must be at least as demanding as amber for the metric's direction. */
  | { field: 'amber'; reason: 'order' };

/** Checks bounds given in stored units; an empty list means they are valid. */
export function targetProblems(metric: KpiMetric, bounds: TargetBounds): TargetProblem[] {
  const { unit, direction } = METRICS[metric];
  const { min, max } = TARGET_LIMITS[unit];
  const problems: TargetProblem[] = [];
  for (const field of ['green', 'amber'] as const) {
    const value = bounds[field];
    if (!Number.isFinite(value)) problems.push({ field, reason: 'not_a_number' });
    else if (value < min || value > max) problems.push({ field, reason: 'out_of_range' });
  }
  if (problems.length > 0) return problems;
  const ordered = direction === 'higher' ? bounds.green >= bounds.amber : bounds.green <= bounds.amber;
  if (!ordered) problems.push({ field: 'amber', reason: 'order' });
  return problems;
}

/** A readable sentence for a problem, for API callers (the UI words them itself). */
export function describeTargetProblem(metric: KpiMetric, problem: TargetProblem): string {
  const { unit, direction } = METRICS[metric];
  const { min, max } = TARGET_LIMITS[unit];
  switch (problem.reason) {
    case 'not_a_number':
      return `${problem.field} must be a number`;
    case 'out_of_range':
      return `${problem.field} must be between ${min} and ${max} for ${metric} (${unit === 'ratio' ? 'a fraction 0–1' : unit})`;
    case 'order':
      return direction === 'higher'
        ? `For ${metric} (higher is better) green must be greater than or equal to amber`
        : `For ${metric} (lower is better) green must be less than or equal to amber`;
  }
}

// Percent ↔ fraction: rounded so 7 % is stored as 0.07, not 0.07000000000000001.
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** A stored bound as people type it: ratios as percentages, the rest unchanged. */
export function toInputUnit(metric: KpiMetric, stored: number): number {
  return METRICS[metric].unit === 'ratio' ? round(stored * 100, 6) : stored;
}

/** A typed bound in stored units. */
export function fromInputUnit(metric: KpiMetric, typed: number): number {
  return METRICS[metric].unit === 'ratio' ? round(typed / 100, 8) : typed;
}

/** The range people may type for a metric (percent for ratios). */
export function inputLimits(metric: KpiMetric): { min: number; max: number } {
  const unit = METRICS[metric].unit;
  const { min, max } = TARGET_LIMITS[unit];
  return unit === 'ratio' ? { min: min * 100, max: max * 100 } : { min, max };
}

/** Parses a typed number, accepting a decimal comma as French keyboards type it. */
export function parseTypedNumber(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  if (clean === '' || !/^-?\d*(\.\d*)?$/.test(clean) || clean === '.' || clean === '-') return null;
  const value = Number(clean);
  return Number.isFinite(value) ? value : null;
}
