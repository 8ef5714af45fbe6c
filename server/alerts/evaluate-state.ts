// The state machine of one rule and scope, pure: what the previous state and this minute's
// measurement make of it (ok → pending → firing → ok). The engine claims the move it answers with
// a conditional update of the state's version, so only one tick makes it. Recovery is held like
// the breach: a value hovering at its threshold would otherwise fire and resolve minute after
// minute (an alert storm), so a firing scope resolves only once it has been calm for hold-for.
export type ScopeState = 'ok' | 'pending' | 'firing';

export type ScopeStateFields = {
  state: ScopeState;
  /** When the breach began (pending and firing). */
  breachSince: Date | null;
  /** The last message sent for the open alert (firing or a reminder). */
  lastNotifiedAt: Date | null;
  /** While firing: since when the value has not breached (the recovery being held). */
  clearSince: Date | null;
};

export type ScopeMeasurement = {
  /** Null: no data, a zero denominator or a stale status — never a breach. */
  value: number | null;
  /** Whether the value is on the wrong side of the threshold with enough volume. */
  breached: boolean;
  /** The site is closed by its calendar and the rule keeps quiet then. */
  closed: boolean;
  /** The rule no longer watches this scope: its alert ends at once, recovery hold or not. */
  unwatched?: boolean;
};

export type RuleTiming = { holdMinutes: number; renotifyMinutes: number | null };

/**
 * - `pending`: a breach begins (no message); `cancel`: it ended before hold-for (no message);
 * - `fire`: an alert opens (a message); `resolve`: it closes (a message); `renotify`: a reminder;
 * - `clearing`: a firing scope stops breaching, its recovery held (no message); `relapse`: it
 *   breaches again (or its site closes) before hold-for, the alert stays open (no message).
 */
export type StateTransition = 'pending' | 'cancel' | 'fire' | 'resolve' | 'renotify' | 'clearing' | 'relapse';

export type StateDecision = { next: ScopeStateFields; transition: StateTransition | null };

const MINUTE_MS = 60_000;

export const INITIAL_STATE: ScopeStateFields = { state: 'ok', breachSince: null, lastNotifiedAt: null, clearSince: null };

export function decideScopeState(previous: ScopeStateFields, measured: ScopeMeasurement, rule: RuleTiming, now: Date): StateDecision {
  const same: StateDecision = { next: previous, transition: null };
  const breached = measured.breached && measured.value !== null;

  // A closed site raises nothing: a breach in the making is forgotten, an open alert stays open
  // and silent (no recovery, no reminder) until the site opens again and says which it is. Closed
  // time does not count towards a recovery: one being held starts again once the site opens.
  if (measured.closed && !measured.unwatched) {
    if (previous.state === 'pending') return { next: INITIAL_STATE, transition: 'cancel' };
    if (previous.state === 'firing' && previous.clearSince !== null) return { next: { ...previous, clearSince: null }, transition: 'relapse' };
    return same;
  }

  if (!breached) {
    if (previous.state === 'pending') return { next: INITIAL_STATE, transition: 'cancel' };
    if (previous.state !== 'firing') return same;
    const calmSince = previous.clearSince ?? now;
    if (measured.unwatched || now.getTime() - calmSince.getTime() >= rule.holdMinutes * MINUTE_MS) return { next: INITIAL_STATE, transition: 'resolve' };
    return previous.clearSince === null ? { next: { ...previous, clearSince: now }, transition: 'clearing' } : same;
  }

  if (previous.state === 'firing') {
    const due =
      rule.renotifyMinutes !== null &&
      previous.lastNotifiedAt !== null &&
      now.getTime() - previous.lastNotifiedAt.getTime() >= rule.renotifyMinutes * MINUTE_MS;
    // A breach again while the recovery was held: the alert simply goes on (nothing sent, unless a
    // reminder is due anyway).
    if (due) return { next: { ...previous, clearSince: null, lastNotifiedAt: now }, transition: 'renotify' };
    return previous.clearSince !== null ? { next: { ...previous, clearSince: null }, transition: 'relapse' } : same;
  }

  const since = previous.state === 'pending' && previous.breachSince ? previous.breachSince : now;
  if (now.getTime() - since.getTime() >= rule.holdMinutes * MINUTE_MS) {
    return { next: { state: 'firing', breachSince: since, lastNotifiedAt: now, clearSince: null }, transition: 'fire' };
  }
  if (previous.state === 'pending') return same;
  return { next: { state: 'pending', breachSince: now, lastNotifiedAt: null, clearSince: null }, transition: 'pending' };
}

/** Whether a value is on the wrong side of a threshold: strictly below, or strictly above. */
export function isBreach(value: number | null, comparison: 'below' | 'above', threshold: number | null): boolean {
  if (value === null || threshold === null || !Number.isFinite(value)) return false;
  return comparison === 'below' ? value < threshold : value > threshold;
}
