// The state machine minute by minute: hold-for, one firing and one recovery, reminders, closed
// sites and missing values.
import { describe, expect, it } from 'vitest';
import { decideScopeState, INITIAL_STATE, isBreach, type RuleTiming, type ScopeStateFields, type StateTransition } from './evaluate-state';

const T0 = Date.parse('2026-11-30T09:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000);
const breach = { value: 0.5, breached: true, closed: false };
const fine = { value: 0.9, breached: false, closed: false };

/** Runs the measurements minute after minute from the initial state; answers each minute's transition. */
function run(rule: RuleTiming, measurements: { value: number | null; breached: boolean; closed: boolean }[]) {
  let state: ScopeStateFields = INITIAL_STATE;
  const transitions: (StateTransition | null)[] = [];
  measurements.forEach((m, minute) => {
    const decision = decideScopeState(state, m, rule, at(minute));
    state = decision.next;
    transitions.push(decision.transition);
  });
  return { transitions, state };
}

describe('decideScopeState', () => {
  it('fires nothing for a breach held for less than hold-for', () => {
    const { transitions, state } = run({ holdMinutes: 5, renotifyMinutes: null }, [breach, breach, breach, breach, breach, fine]);
    expect(transitions).toEqual(['pending', null, null, null, null, 'cancel']);
    expect(state).toEqual(INITIAL_STATE);
  });

  it('fires once when the breach is held for hold-for, then recovers once', () => {
    const { transitions } = run({ holdMinutes: 3, renotifyMinutes: null }, [fine, breach, breach, breach, breach, breach, breach, fine, fine]);
    expect(transitions).toEqual([null, 'pending', null, null, 'fire', null, null, 'resolve', null]);
  });

  it('fires at once with a hold of 0, keeping when the breach began', () => {
    const first = decideScopeState(INITIAL_STATE, breach, { holdMinutes: 0, renotifyMinutes: null }, at(0));
    expect(first).toEqual({ transition: 'fire', next: { state: 'firing', breachSince: at(0), lastNotifiedAt: at(0) } });
  });

  it('reminds every re-notify interval while the breach lasts, and not otherwise', () => {
    const series = Array.from({ length: 25 }, () => breach);
    const { transitions } = run({ holdMinutes: 0, renotifyMinutes: 10 }, series);
    expect(transitions.map((t, i) => (t ? `${i}:${t}` : null)).filter(Boolean)).toEqual(['0:fire', '10:renotify', '20:renotify']);
    expect(run({ holdMinutes: 0, renotifyMinutes: null }, series).transitions.filter(Boolean)).toEqual(['fire']);
  });

  it('keeps a closed site quiet: a pending breach is forgotten, an open alert stays open and silent', () => {
    const closed = { ...breach, closed: true };
    expect(run({ holdMinutes: 2, renotifyMinutes: null }, [breach, closed, closed, closed, closed]).transitions).toEqual(['pending', 'cancel', null, null, null]);
    const { transitions, state } = run({ holdMinutes: 0, renotifyMinutes: 5 }, [breach, closed, { ...fine, closed: true }, closed, closed, closed, closed, closed]);
    expect(transitions).toEqual(['fire', null, null, null, null, null, null, null]);
    expect(state.state).toBe('firing');
    // Open again and recovered: the alert resolves then.
    expect(decideScopeState(state, fine, { holdMinutes: 0, renotifyMinutes: 5 }, at(8)).transition).toBe('resolve');
  });

  it('counts a missing value as no breach', () => {
    const none = { value: null, breached: true, closed: false };
    expect(run({ holdMinutes: 0, renotifyMinutes: null }, [none, none]).transitions).toEqual([null, null]);
    expect(run({ holdMinutes: 0, renotifyMinutes: null }, [breach, none]).transitions).toEqual(['fire', 'resolve']);
  });
});

describe('isBreach', () => {
  it('is strict on either side, and false without a value or threshold', () => {
    expect(isBreach(0.79, 'below', 0.8)).toBe(true);
    expect(isBreach(0.8, 'below', 0.8)).toBe(false);
    expect(isBreach(31, 'above', 30)).toBe(true);
    expect(isBreach(30, 'above', 30)).toBe(false);
    expect(isBreach(null, 'above', 30)).toBe(false);
    expect(isBreach(5, 'above', null)).toBe(false);
  });
});
