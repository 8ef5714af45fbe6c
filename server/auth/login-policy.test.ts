import { describe, expect, it } from 'vitest';
import { exceedsAttemptLimit, FailedSignIns, isLockedAt, LOCKOUT_MINUTES, MAX_FAILED_LOGINS, outcomeOfAttempt } from './login-policy';

const now = new Date('2025-03-10T09:00:00Z');

describe('login lockout policy', () => {
  it('counts down the attempts left and locks on the fifth failure for fifteen minutes', () => {
    expect(MAX_FAILED_LOGINS).toBe(5);
    expect(outcomeOfAttempt(1, false, now)).toEqual({ result: 'invalid', attemptsLeft: 4 });
    expect(outcomeOfAttempt(4, false, now)).toEqual({ result: 'invalid', attemptsLeft: 1 });
    const fifth = outcomeOfAttempt(5, false, now);
    expect(fifth).toEqual({ result: 'locked', lockedUntil: new Date('2025-03-10T09:15:00Z') });
    expect(LOCKOUT_MINUTES).toBe(15);
  });

  it('lets the right password through on any attempt up to the limit', () => {
    expect(outcomeOfAttempt(1, true, now)).toEqual({ result: 'success' });
    expect(outcomeOfAttempt(5, true, now)).toEqual({ result: 'success' });
  });

  it('treats a lock as holding strictly until its end', () => {
    const until = new Date('2025-03-10T09:15:00Z');
    expect(isLockedAt(null, now)).toBe(false);
    expect(isLockedAt(until, now)).toBe(true);
    expect(isLockedAt(until, new Date('2025-03-10T09:14:59.999Z'))).toBe(true);
    expect(isLockedAt(until, until)).toBe(false);
  });

  it('refuses, unchecked, attempts claimed past the limit by a concurrent burst', () => {
    expect(exceedsAttemptLimit(5)).toBe(false);
    expect(exceedsAttemptLimit(6)).toBe(true);
  });
});

describe('failed sign-ins per account and address', () => {
  it('numbers the attempts of one address on one account, apart from other addresses and accounts', () => {
    const failures = new FailedSignIns();
    expect(failures.claim(1, '203.0.113.1', now)).toEqual({ attempt: 1 });
    expect(failures.claim(1, '203.0.113.1', now)).toEqual({ attempt: 2 });
    expect(failures.claim(1, '192.0.2.1', now)).toEqual({ attempt: 1 });
    expect(failures.claim(2, '203.0.113.1', now)).toEqual({ attempt: 1 });
    failures.clear(1, '203.0.113.1');
    expect(failures.claim(1, '203.0.113.1', now)).toEqual({ attempt: 1 });
  });

  it('holds a lock for its address and account only, until its end, then counts again from one', () => {
    const failures = new FailedSignIns();
    const until = new Date('2025-03-10T09:15:00Z');
    failures.lock(1, '203.0.113.1', until);
    expect(failures.claim(1, '203.0.113.1', now)).toEqual({ lockedUntil: until });
    expect(failures.claim(1, '203.0.113.1', new Date('2025-03-10T09:14:59Z'))).toEqual({ lockedUntil: until });
    expect(failures.claim(1, '192.0.2.1', now)).toEqual({ attempt: 1 });
    expect(failures.claim(1, null, now)).toEqual({ attempt: 1 });
    expect(failures.claim(1, '203.0.113.1', until)).toEqual({ attempt: 1 });
  });

  it('forgets the least recently used past its capacity', () => {
    const failures = new FailedSignIns(2);
    failures.claim(1, 'a', now);
    failures.claim(2, 'a', now);
    failures.claim(1, 'a', now);
    failures.claim(3, 'a', now);
    expect(failures.claim(1, 'a', now)).toEqual({ attempt: 3 });
    expect(failures.claim(2, 'a', now)).toEqual({ attempt: 1 });
  });
});
