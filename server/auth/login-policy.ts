// The lockout rule: after five failed attempts on one account from one address, that address may
// not sign in to that account for fifteen minutes. Per account AND address, so that guessing an
// admin's password from somewhere locks out that somewhere, never the admin at their own desk; the
// per-address limit (login-rate-limit.ts) bounds what one address tries across accounts. Kept in
// memory with the clock passed in, so it is tested without a clock or a database; with several
// instances each keeps its own count, as for the rate limits.
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
 * it is refused as locked whatever its password.
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

type Entry = { failures: number; lockedUntil: Date | null };

/** What claiming an attempt gives: the attempt's number, or the end of the lock it runs into. */
export type Claim = { attempt: number } | { lockedUntil: Date };

/** Consecutive failed sign-ins per account and address, and the locks they led to. */
export class FailedSignIns {
  private readonly entries = new Map<string, Entry>();

  /** At most this many accounts × addresses are remembered; past it, the oldest are forgotten. */
  constructor(private readonly capacity = 100_000) {}

  private static key(userId: number, address: string | null): string {
    return `${userId} ${address ?? 'unknown'}`;
  }

  /**
   * Counts an attempt as failed before its password is checked and returns its number: concurrent
   * guesses each get their own, so a burst cannot slip past the limit while the (slow) hash is
   * verified. An attempt during a lock is not counted: it gets the lock's end.
   */
  claim(userId: number, address: string | null, now: Date): Claim {
    const key = FailedSignIns.key(userId, address);
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: null };
    if (isLockedAt(entry.lockedUntil, now)) return { lockedUntil: entry.lockedUntil! };
    if (entry.lockedUntil !== null) Object.assign(entry, { failures: 0, lockedUntil: null });
    entry.failures += 1;
    this.remember(key, entry);
    return { attempt: entry.failures };
  }

  /** Locks the address out of the account until the given instant; the count starts again after. */
  lock(userId: number, address: string | null, until: Date): void {
    this.remember(FailedSignIns.key(userId, address), { failures: 0, lockedUntil: until });
  }

  /** Forgets the failures of a sign-in that was not a guess (the right password). */
  clear(userId: number, address: string | null): void {
    this.entries.delete(FailedSignIns.key(userId, address));
  }

  private remember(key: string, entry: Entry): void {
    // Re-inserted at the end: the map's order is the order of last use.
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}
