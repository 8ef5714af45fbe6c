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

  it('fires once when the breach is held for hold-for, then recovers once it has been calm as long', () => {
    const { transitions, state } = run({ holdMinutes: 3, renotifyMinutes: null }, [fine, breach, breach, breach, breach, breach, breach, fine, fine, fine, fine, fine]);
    expect(transitions).toEqual([null, 'pending', null, null, 'fire', null, null, 'clearing', null, null, 'resolve', null]);
    expect(state).toEqual(INITIAL_STATE);
  });

  it('holds the recovery: a breach again while clearing keeps the alert open and sends nothing', () => {
    const { transitions } = run({ holdMinutes: 3, renotifyMinutes: null }, [breach, breach, breach, breach, fine, fine, breach, fine, fine, fine, fine]);
    expect(transitions).toEqual(['pending', null, null, 'fire', 'clearing', null, 'relapse', 'clearing', null, null, 'resolve']);
  });

  it('fires once and resolves once for a value flapping across its threshold every minute', () => {
    const held = Array.from({ length: 11 }, () => breach);
    // Minutes 11 to 30: calm on odd minutes, breached on even ones; then calm from minute 31.
    const flapping = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? fine : breach));
    const calm = Array.from({ length: 12 }, () => fine);
    const { transitions, state } = run({ holdMinutes: 10, renotifyMinutes: null }, [...held, ...flapping, ...calm]);
    const messages = transitions.map((t, minute) => (t === 'fire' || t === 'resolve' || t === 'renotify' ? `${minute}:${t}` : null)).filter(Boolean);
    expect(messages).toEqual(['10:fire', '41:resolve']);
    expect(transitions.slice(11, 15)).toEqual(['clearing', 'relapse', 'clearing', 'relapse']);
    expect(state).toEqual(INITIAL_STATE);
  });

  it('resolves at once with a hold of 0, as soon as the breach ends', () => {
    expect(run({ holdMinutes: 0, renotifyMinutes: null }, [breach, fine, breach, fine]).transitions).toEqual(['fire', 'resolve', 'fire', 'resolve']);
  });

  it('does not count closed time towards a recovery', () => {
    const closed = { ...fine, closed: true };
    const { transitions } = run({ holdMinutes: 3, renotifyMinutes: null }, [breach, breach, breach, breach, fine, closed, closed, closed, closed, fine, fine, fine, fine]);
    expect(transitions).toEqual(['pending', null, null, 'fire', 'clearing', 'relapse', null, null, null, 'clearing', null, null, 'resolve']);
  });

  it('resolves a scope its rule no longer watches at once, whatever the hold', () => {
    const { state } = run({ holdMinutes: 5, renotifyMinutes: null }, Array.from({ length: 6 }, () => breach));
    expect(state.state).toBe('firing');
    const gone = decideScopeState(state, { value: null, breached: false, closed: false, unwatched: true }, { holdMinutes: 5, renotifyMinutes: null }, at(6));
    expect(gone).toEqual({ transition: 'resolve', next: INITIAL_STATE });
  });

  it('fires at once with a hold of 0, keeping when the breach began', () => {
    const first = decideScopeState(INITIAL_STATE, breach, { holdMinutes: 0, renotifyMinutes: null }, at(0));
    expect(first).toEqual({ transition: 'fire', next: { state: 'firing', breachSince: at(0), lastNotifiedAt: at(0), clearSince: null } });
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
