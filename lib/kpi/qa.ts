// QA figures (DESIGN "KPI definitions"), the one place each is computed: an evaluation's score, a
// critical criterion's failure, a criterion's and a category's percentage, the calibration gap
// (bias and spread). Pure; SQL sums the parts (Σ criterion percentages, Σ site − HQ) and the
// figures are computed here from those sums, as the call KPIs are from site_day.
import { ratio } from './definitions';

/** A criterion that a score was refused for: its path (scores.<key>) and why. */
export type FieldError = { path: string; message: string };

export type ScoringCriterion = { key: string; weight: number; maxScore: number; critical: boolean };

export type EvaluationScore = {
  /** 0–100; null when no criterion applies or the scores are invalid. */
  score: number | null;
  criticalFailed: boolean;
  errors: FieldError[];
};

/** A critical criterion fails when it scores below this fraction of its maximum. */
export const CRITICAL_PASS_FRACTION = 0.5;

/** Whether a score fails its criterion: a critical one scored below half its maximum. */
export function failsCritical(criterion: { critical: boolean; maxScore: number }, score: number | null): boolean {
  return criterion.critical && score !== null && score < criterion.maxScore * CRITICAL_PASS_FRACTION;
}

/** A criterion score as a percentage (0–100) of the criterion's maximum. */
export function criterionPercent(score: number, maxScore: number): number {
  return (score / maxScore) * 100;
}

/**
 * A category's percentage: the mean of its criterion percentages over the scores that apply,
 * from their sum (SQL sums score / max × 100) and their count; null without a score.
 */
export function categoryPercent(percentSum: number, scores: number): number | null {
  return ratio(percentSum, scores);
}

/** The category percentage of a list of criterion scores (null = does not apply). */
export function categoryPercentOf(lines: readonly { score: number | null; maxScore: number }[]): number | null {
  let sum = 0;
  let scores = 0;
  for (const line of lines) {
    if (line.score === null) continue;
    sum += criterionPercent(line.score, line.maxScore);
    scores += 1;
  }
  return categoryPercent(sum, scores);
}

/**
 * Σ(weight × score / max) / Σ weight over the criteria that apply (null = does not apply), as
 * 0–100. A failed critical criterion makes the evaluation 0. Every criterion of the form must be
 * present (null allowed), so that a forgotten criterion is never silently "does not apply".
 */
export function scoreEvaluation(
  criteria: readonly ScoringCriterion[],
  scores: Readonly<Record<string, number | null>>,
): EvaluationScore {
  const errors: FieldError[] = [];
  const known = new Map(criteria.map((c) => [c.key, c]));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) errors.push({ path: `scores.${key}`, message: `Unknown criterion "${key}" for this form` });
  }

  let weighted = 0;
  let weights = 0;
  let criticalFailed = false;
  for (const criterion of criteria) {
    const path = `scores.${criterion.key}`;
    if (!Object.hasOwn(scores, criterion.key)) {
      errors.push({ path, message: `Missing score for "${criterion.key}" (send null when it does not apply)` });
      continue;
    }
    const value = scores[criterion.key];
    if (value === null || value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || value > criterion.maxScore) {
      errors.push({ path, message: `Score must be between 0 and ${criterion.maxScore}` });
      continue;
    }
    weighted += (criterion.weight * value) / criterion.maxScore;
    weights += criterion.weight;
    if (failsCritical(criterion, value)) criticalFailed = true;
  }

  if (errors.length > 0) return { score: null, criticalFailed: false, errors };
  if (weights === 0) return { score: null, criticalFailed: false, errors };
  return { score: criticalFailed ? 0 : (100 * weighted) / weights, criticalFailed, errors };
}

export type CalibrationGap = {
  /** mean(site − HQ), in score points; positive when the site scores itself more kindly. */
  bias: number | null;
  /** mean |site − HQ|: how far apart the two are, whichever way. */
  spread: number | null;
  pairs: number;
};

/** The gap from its sums: Σ(site − HQ), Σ|site − HQ| over so many pairs (SQL sums them per criterion). */
export function calibrationGapOfSums(sums: { pairs: number; diffSum: number; absSum: number }): CalibrationGap {
  return { bias: ratio(sums.diffSum, sums.pairs), spread: ratio(sums.absSum, sums.pairs), pairs: sums.pairs };
}

export function calibrationGap(pairs: readonly { site: number; hq: number }[]): CalibrationGap {
  let diffSum = 0;
  let absSum = 0;
  for (const { site, hq } of pairs) {
    diffSum += site - hq;
    absSum += Math.abs(site - hq);
  }
  return calibrationGapOfSums({ pairs: pairs.length, diffSum, absSum });
}
