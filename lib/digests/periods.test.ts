import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftDay } from '@/lib/kpi/periods';
import {
  formatSendTime,
  isOwed,
  isValidTimeZone,
  lastCompletePeriod,
  latestDuePeriod,
  localClock,
  nextSend,
  parseSendTime,
  periodForSendDay,
  sendInstant,
  type DigestSchedule,
} from './periods';

const paris = (cadence: DigestSchedule['cadence'], sendMinute = 420): DigestSchedule => ({ cadence, sendMinute, timezone: 'Europe/Paris' });
const at = (iso: string) => new Date(iso);

describe('daily periods', () => {
  it('covers yesterday once the local send time is reached, the day before until then', () => {
    // 25 Nov 2026, Paris is UTC+1: 07:00 local is 06:00Z.
    expect(latestDuePeriod(paris('daily'), at('2026-11-25T05:59:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-23', sendDay: '2026-11-24' });
    expect(latestDuePeriod(paris('daily'), at('2026-11-25T06:00:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24', sendDay: '2026-11-25' });
    expect(latestDuePeriod(paris('daily'), at('2026-11-25T22:59:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24', sendDay: '2026-11-25' });
  });

  it('reads the day in the subscription time zone, not UTC', () => {
    // 23:30Z on the 24th is already 03:30 on the 25th in Mauritius (UTC+4), past a 03:00 send time.
    const mru: DigestSchedule = { cadence: 'daily', sendMinute: 180, timezone: 'Indian/Mauritius' };
    expect(latestDuePeriod(mru, at('2026-11-24T23:30:00Z')).sendDay).toBe('2026-11-25');
    // …and still the 24th at 14:30 in Los Angeles, before its 16:00 send time.
    const la: DigestSchedule = { cadence: 'daily', sendMinute: 960, timezone: 'America/Los_Angeles' };
    expect(latestDuePeriod(la, at('2026-11-24T23:30:00Z'))).toEqual({ from: '2026-11-22', to: '2026-11-22', sendDay: '2026-11-23' });
  });

  it('owes only the latest period after downtime, never a backlog', () => {
    // Down from Monday morning to Thursday 05:00Z (06:00 Paris, before 07:00): Wednesday's digest (covering Tuesday) is owed.
    expect(latestDuePeriod(paris('daily'), at('2026-11-26T05:00:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24', sendDay: '2026-11-25' });
  });

  it('sends on the spring-forward day once the wall clock reaches the send time', () => {
    // 29 Mar 2026: Paris jumps from 02:00 CET to 03:00 CEST at 01:00Z.
    const seven = paris('daily');
    expect(latestDuePeriod(seven, at('2026-03-29T04:59:00Z')).sendDay).toBe('2026-03-28');
    expect(latestDuePeriod(seven, at('2026-03-29T05:00:00Z'))).toEqual({ from: '2026-03-28', to: '2026-03-28', sendDay: '2026-03-29' });
  });

  it('sends a time inside the skipped hour as soon as the clock jumps past it', () => {
    const halfPastTwo = paris('daily', 150);
    expect(latestDuePeriod(halfPastTwo, at('2026-03-29T00:59:00Z')).sendDay).toBe('2026-03-28'); // 01:59 CET
    expect(latestDuePeriod(halfPastTwo, at('2026-03-29T01:00:00Z')).sendDay).toBe('2026-03-29'); // 03:00 CEST
  });

  it('sends a time inside the repeated autumn hour at its first occurrence, and only one period that day', () => {
    // 25 Oct 2026: Paris goes back from 03:00 CEST to 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
    const halfPastTwo = paris('daily', 150);
    expect(latestDuePeriod(halfPastTwo, at('2026-10-25T00:29:00Z')).sendDay).toBe('2026-10-24');
    const first = latestDuePeriod(halfPastTwo, at('2026-10-25T00:30:00Z'));
    expect(first).toEqual({ from: '2026-10-24', to: '2026-10-24', sendDay: '2026-10-25' });
    // During the repeat (01:10Z is 02:10 CET, before 02:30 again) the period stays due: the previous one never comes back.
    expect(latestDuePeriod(halfPastTwo, at('2026-10-25T01:10:00Z'))).toEqual(first);
    expect(latestDuePeriod(halfPastTwo, at('2026-10-25T06:00:00Z'))).toEqual(first);
  });

  it('covers the 23-hour and 25-hour days like any other day', () => {
    // 07:00 on 26 Oct (after the change) is 06:00Z; on 30 Mar it is 05:00Z.
    expect(latestDuePeriod(paris('daily'), at('2026-10-26T06:00:00Z'))).toEqual({ from: '2026-10-25', to: '2026-10-25', sendDay: '2026-10-26' });
    expect(latestDuePeriod(paris('daily'), at('2026-03-30T05:00:00Z'))).toEqual({ from: '2026-03-29', to: '2026-03-29', sendDay: '2026-03-30' });
    expect(latestDuePeriod(paris('daily'), at('2026-03-30T04:59:00Z')).sendDay).toBe('2026-03-29');
  });
});

describe('weekly periods', () => {
  it('goes out on Monday at the send time and covers the Monday-to-Sunday week before', () => {
    // Monday 30 Nov 2026.
    expect(latestDuePeriod(paris('weekly'), at('2026-11-30T06:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29', sendDay: '2026-11-30' });
    expect(latestDuePeriod(paris('weekly'), at('2026-11-30T05:59:00Z'))).toEqual({ from: '2026-11-16', to: '2026-11-22', sendDay: '2026-11-23' });
  });

  it('owes last Monday’s digest for the rest of the week (catch-up after downtime)', () => {
    expect(latestDuePeriod(paris('weekly'), at('2026-12-03T12:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29', sendDay: '2026-11-30' });
    expect(latestDuePeriod(paris('weekly'), at('2026-12-06T22:59:00Z')).sendDay).toBe('2026-11-30'); // Sunday 23:59 Paris
    expect(latestDuePeriod(paris('weekly'), at('2026-12-06T23:00:00Z')).sendDay).toBe('2026-11-30'); // Monday 00:00, before 07:00
  });

  it('handles the Monday after a DST change (30 Mar 2026, the week held a 23-hour Sunday)', () => {
    expect(latestDuePeriod(paris('weekly'), at('2026-03-30T05:00:00Z'))).toEqual({ from: '2026-03-23', to: '2026-03-29', sendDay: '2026-03-30' });
  });
});

describe('next send, last complete period', () => {
  it('announces the next send and the period it will cover', () => {
    expect(nextSend(paris('daily'), at('2026-11-25T05:00:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24', sendDay: '2026-11-25', at: at('2026-11-25T06:00:00Z') });
    expect(nextSend(paris('daily'), at('2026-11-25T06:00:00Z'))).toEqual({ from: '2026-11-25', to: '2026-11-25', sendDay: '2026-11-26', at: at('2026-11-26T06:00:00Z') });
    expect(nextSend(paris('weekly'), at('2026-11-30T05:00:00Z')).sendDay).toBe('2026-11-30');
    expect(nextSend(paris('weekly'), at('2026-11-30T06:00:00Z')).sendDay).toBe('2026-12-07');
    expect(nextSend(paris('weekly'), at('2026-11-26T12:00:00Z'))).toMatchObject({ from: '2026-11-23', to: '2026-11-29', sendDay: '2026-11-30' });
  });

  it('previews the period that is over, before or after the send time', () => {
    expect(lastCompletePeriod(paris('daily'), at('2026-11-25T05:00:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24', sendDay: '2026-11-25' });
    expect(lastCompletePeriod(paris('weekly'), at('2026-11-30T05:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29', sendDay: '2026-11-30' });
    expect(lastCompletePeriod(paris('weekly'), at('2026-11-29T12:00:00Z'))).toEqual({ from: '2026-11-16', to: '2026-11-22', sendDay: '2026-11-23' });
  });

  it('never owes a period that has not ended, nor one older than the previous one (property)', () => {
    const zones = ['Europe/Paris', 'Africa/Casablanca', 'Indian/Mauritius', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...zones),
        fc.constantFrom('daily' as const, 'weekly' as const),
        (now, sendMinute, timezone, cadence) => {
          const schedule = { cadence, sendMinute, timezone };
          const due = latestDuePeriod(schedule, now);
          const today = localClock(now, timezone).day;
          expect(due.to < today).toBe(true);
          const next = nextSend(schedule, now);
          expect(next.sendDay > due.sendDay).toBe(true);
          expect(shiftDay(due.sendDay, cadence === 'daily' ? 1 : 7)).toBe(next.sendDay);
          if (cadence === 'weekly') expect(localClock(new Date(`${due.sendDay}T12:00:00Z`), 'UTC').isoWeekday).toBe(1);
        },
      ),
    );
  });
});

describe('send instants', () => {
  it('places an ordinary send time at its one instant', () => {
    expect(sendInstant('2026-11-25', 420, 'Europe/Paris')).toEqual(at('2026-11-25T06:00:00Z'));
    expect(sendInstant('2026-07-01', 420, 'Europe/Paris')).toEqual(at('2026-07-01T05:00:00Z'));
    expect(sendInstant('2026-11-25', 420, 'Asia/Kolkata')).toEqual(at('2026-11-25T01:30:00Z'));
  });

  it('takes the first instant past a skipped time and the first of a repeated one', () => {
    expect(sendInstant('2026-03-29', 150, 'Europe/Paris')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(sendInstant('2026-03-29', 120, 'Europe/Paris')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(sendInstant('2026-03-29', 180, 'Europe/Paris')).toEqual(at('2026-03-29T01:00:00Z'));
    expect(sendInstant('2026-10-25', 150, 'Europe/Paris')).toEqual(at('2026-10-25T00:30:00Z'));
    // New York springs forward at 02:00 local on 8 Mar 2026 (07:00Z).
    expect(sendInstant('2026-03-08', 135, 'America/New_York')).toEqual(at('2026-03-08T07:00:00Z'));
  });
});

describe('owed periods', () => {
  const daily = paris('daily');
  const due = (now: string) => latestDuePeriod(daily, at(now));
  it('owes a period whose send time came after the subscription was set up', () => {
    expect(isOwed(daily, due('2026-11-25T06:10:00Z'), at('2026-11-20T10:00:00Z'), at('2026-11-25T06:10:00Z'))).toBe(true);
    expect(isOwed(daily, due('2026-11-25T06:10:00Z'), at('2026-11-25T06:00:00Z'), at('2026-11-25T06:10:00Z'))).toBe(true);
  });

  it('does not owe the period already past when the subscription was set up', () => {
    expect(isOwed(daily, due('2026-11-25T09:10:00Z'), at('2026-11-25T09:00:00Z'), at('2026-11-25T09:10:00Z'))).toBe(false);
    expect(isOwed(daily, due('2026-11-26T06:00:00Z'), at('2026-11-25T09:00:00Z'), at('2026-11-26T06:00:00Z'))).toBe(true);
  });

  it('takes the subscription as always there in a replay before its set-up', () => {
    expect(isOwed(daily, due('2026-11-20T06:10:00Z'), at('2026-11-25T09:00:00Z'), at('2026-11-20T06:10:00Z'))).toBe(true);
  });
});

describe('helpers', () => {
  it('maps send days to periods', () => {
    expect(periodForSendDay('daily', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28', sendDay: '2026-03-01' });
    expect(periodForSendDay('weekly', '2027-01-04')).toEqual({ from: '2026-12-28', to: '2027-01-03', sendDay: '2027-01-04' });
  });

  it('validates time zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Indian/Antananarivo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(' Europe/Paris')).toBe(false);
    expect(() => localClock(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('reads and writes send times', () => {
    expect(parseSendTime('07:00')).toBe(420);
    expect(parseSendTime('23:59')).toBe(1439);
    expect(parseSendTime('24:00')).toBeNull();
    expect(parseSendTime('7:00')).toBeNull();
    expect(formatSendTime(420)).toBe('07:00');
    expect(formatSendTime(0)).toBe('00:00');
  });
});
