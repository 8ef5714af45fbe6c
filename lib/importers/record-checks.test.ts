// The record checks: isoMs reads every instant exactly as Date.parse does (it stands in for it in
// the hot path), and recordProblem names what the ingest would refuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMs, recordProblem } from './record-checks';
import type { ImportedCall } from './types';

const call: ImportedCall = {
  externalId: 'gc:c1:q1:1',
  startedAt: '2026-11-10T09:15:02.123Z',
  direction: 'inbound',
  queue: 'q1',
  waitSeconds: 12,
  talkSeconds: 60,
  holdSeconds: 0,
  wrapSeconds: 5,
  abandoned: false,
};

describe('isoMs', () => {
  it('gives what Date.parse gives for any instant toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(isoMs(iso)).toBe(Date.parse(iso));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives what Date.parse gives for dates out of range and other forms', () => {
    const texts = [
      '2026-02-29T00:00:00.000Z',
      '2028-02-29T23:59:59.999Z',
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-11-10T24:00:00.000Z',
      '2026-11-10T23:60:00.000Z',
      '0050-01-01T00:00:00.000Z',
      '2026-11-10T09:15:02Z',
      '2026-11-10T09:15:02.1234Z',
      '2026-11-10T09:15:02.123+01:00',
      'Tue, 10 Nov 2026 09:15:02 +0000',
      '2026-11-1aT09:15:02.123Z',
      '',
    ];
    for (const text of texts) expect([text, isoMs(text)]).toEqual([text, Date.parse(text)]);
  });
});

describe('recordProblem', () => {
  it('takes a record the ingest takes', () => {
    expect(recordProblem(call)).toBeNull();
  });

  it('names a text too long, a time over a day and a start outside 1900–2199', () => {
    expect(recordProblem({ ...call, queue: 'q'.repeat(101) })).toMatch(/^the queue is longer than 100 characters/);
    expect(recordProblem({ ...call, talkSeconds: 86_401 })).toBe('talk time over a day (86401 s)');
    expect(recordProblem({ ...call, waitSeconds: -1 })).toBe('wait is negative or not a number (-1)');
    expect(recordProblem({ ...call, startedAt: '1899-12-31T23:59:59.999Z' })).toMatch(/^the start time is outside the years 1900–2199/);
    expect(recordProblem({ ...call, startedAt: 'not a date' })).toMatch(/^the start time is outside/);
  });
});
