// The lockout rule, kept pure so it can be tested without a clock or a database: after five
// failed attempts an account is locked for fifteen minutes.
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export function isLockedAt(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export function lockoutEnd(now: Date): Date {
  return new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
}

/**
 * An attempt numbered past the limit was claimed concurrently with the one that reached it:
 * it is refused as locked without checking the password.
 */
export function exceedsAttemptLimit(attempt: number): boolean {
  return attempt > MAX_FAILED_LOGINS;
}

export type AttemptOutcome =
  | { result: 'success' }
  | { result: 'invalid'; attemptsLeft: number }
  | { result: 'locked'; lockedUntil: Date };

/** The outcome of a checked password, given the attempt's number among consecutive failures. */
export function outcomeOfAttempt(attempt: number, passwordOk: boolean, now: Date): AttemptOutcome {
  if (passwordOk) return { result: 'success' };
  if (attempt >= MAX_FAILED_LOGINS) return { result: 'locked', lockedUntil: lockoutEnd(now) };
  return { result: 'invalid', attemptsLeft: MAX_FAILED_LOGINS - attempt };
}
