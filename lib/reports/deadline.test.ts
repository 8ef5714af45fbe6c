import { describe, expect, it } from 'vitest';
import { dayStatus, reportDeadline, siteToday, timelinessOf } from './deadline';

describe('reportDeadline', () => {
  it('is the deadline minute of the site-local day, in the site’s zone', () => {
    expect(reportDeadline('2025-03-14', 1260, 'Indian/Mauritius').toISOString()).toBe('2025-03-14T17:00:00.000Z');
    expect(reportDeadline('2025-03-14', 1260, 'Africa/Dakar').toISOString()).toBe('2025-03-14T21:00:00.000Z');
    expect(reportDeadline('2025-03-14', 0, 'Africa/Tunis').toISOString()).toBe('2025-03-13T23:00:00.000Z');
    expect(reportDeadline('2025-03-14', 1439, 'Africa/Tunis').toISOString()).toBe('2025-03-14T22:59:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(reportDeadline('2025-03-29', 1260, 'Europe/Paris').toISOString()).toBe('2025-03-29T20:00:00.000Z');
    expect(reportDeadline('2025-03-30', 1260, 'Europe/Paris').toISOString()).toBe('2025-03-30T19:00:00.000Z');
    expect(reportDeadline('2025-10-26', 1260, 'Europe/Paris').toISOString()).toBe('2025-10-26T20:00:00.000Z');
  });
});

describe('report status', () => {
  const deadline = new Date('2025-03-14T17:00:00Z');
  it('is on time up to the deadline itself, late after', () => {
    expect(timelinessOf(new Date('2025-03-14T16:59:59Z'), deadline)).toBe('on_time');
    expect(timelinessOf(deadline, deadline)).toBe('on_time');
    expect(timelinessOf(new Date('2025-03-14T17:00:01Z'), deadline)).toBe('late');
  });

  it('is pending until the deadline passes without a report, then missing', () => {
    expect(dayStatus(null, deadline, new Date('2025-03-14T16:00:00Z'))).toBe('pending');
    expect(dayStatus(null, deadline, deadline)).toBe('pending');
    expect(dayStatus(null, deadline, new Date('2025-03-14T17:00:01Z'))).toBe('missing');
    expect(dayStatus(new Date('2025-03-15T08:00:00Z'), deadline, new Date('2025-03-16T00:00:00Z'))).toBe('late');
  });

  it('takes "today" in the site’s own zone', () => {
    const now = new Date('2025-03-14T21:30:00Z');
    expect(siteToday(now, 'Indian/Mauritius')).toBe('2025-03-15');
    expect(siteToday(now, 'Africa/Dakar')).toBe('2025-03-14');
  });
});
