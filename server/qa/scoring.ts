// QA scoring (DESIGN "KPI definitions"): pure functions, the one place an evaluation is scored.
import type { FieldError } from '@/server/ingest/ingest-result';

export type ScoringCriterion = { key: string; weight: number; maxScore: number; critical: boolean };

export type EvaluationScore = {
  /** 0–100; null when no criterion applies or the scores are invalid. */
  score: number | null;
  criticalFailed: boolean;
  errors: FieldError[];
};

/** A critical criterion fails when it scores below this fraction of its maximum. */
export const CRITICAL_PASS_FRACTION = 0.5;

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
    if (criterion.critical && value < criterion.maxScore * CRITICAL_PASS_FRACTION) criticalFailed = true;
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

export function calibrationGap(pairs: readonly { site: number; hq: number }[]): CalibrationGap {
  if (pairs.length === 0) return { bias: null, spread: null, pairs: 0 };
  let diff = 0;
  let absolute = 0;
  for (const { site, hq } of pairs) {
    diff += site - hq;
    absolute += Math.abs(site - hq);
  }
  return { bias: diff / pairs.length, spread: absolute / pairs.length, pairs: pairs.length };
}
