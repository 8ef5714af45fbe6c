// Test support: fast-check arbitraries of well-formed call records, for the schema's property
// tests and the ingest's round-trip tests.
import fc from 'fast-check';
import { MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';

/** Any Unicode text of min–max UTF-16 units, without NUL (which PostgreSQL text cannot hold). */
export const text = (min: number, max: number) =>
  fc
    .oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ minLength: min, maxLength: max, unit: 'binary' }))
    .filter((s) => s.length >= min && s.length <= max && !s.includes('\u0000'));
export const seconds = fc.double({ min: 0, max: MAX_CALL_SECONDS, noNaN: true });
const offset = fc.oneof(
  fc.constant('Z'),
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(
    ([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
  ),
);
export const instant = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), offset)
  .map(([d, o]) => d.toISOString().replace('Z', o));

export const validRecord = fc.record(
  {
    externalId: text(1, 128),
    startedAt: instant,
    direction: fc.constantFrom('inbound', 'outbound'),
    queue: text(1, 100),
    agentRef: fc.option(text(1, 128), { nil: undefined }),
    waitSeconds: seconds,
    talkSeconds: seconds,
    holdSeconds: seconds,
    wrapSeconds: seconds,
    abandoned: fc.boolean(),
    resolved: fc.option(fc.boolean(), { nil: null }),
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    missionCode: fc.option(text(1, 32), { nil: undefined }),
    outcome: fc.option(text(1, 64), { nil: undefined }),
  },
  { requiredKeys: ['externalId', 'startedAt', 'direction', 'queue', 'waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'abandoned'] },
);

