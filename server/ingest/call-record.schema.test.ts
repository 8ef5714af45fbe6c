import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRecord } from '@/lib/ingest/call-record.arbitrary';
import { callRecordSchema, MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';
import { evaluationSchema, parseFormReference } from './evaluation.schema';

/** A way to break one field, and the path the schema must name. */
const mutations: fc.Arbitrary<{ path: string; value: unknown }> = fc.oneof(
  fc.constantFrom<{ path: string; value: unknown }>(
    { path: 'externalId', value: '' },
    { path: 'externalId', value: 42 },
    { path: 'externalId', value: 'x'.repeat(129) },
    { path: 'startedAt', value: '2026-11-02T09:00:00' },
    { path: 'startedAt', value: '2026-11-02' },
    { path: 'startedAt', value: 'yesterday' },
    { path: 'startedAt', value: '2026-02-30T09:00:00Z' },
    { path: 'direction', value: 'internal' },
    { path: 'direction', value: undefined },
    { path: 'queue', value: '' },
    { path: 'queue', value: 'q'.repeat(101) },
    { path: 'abandoned', value: 'false' },
    { path: 'abandoned', value: null },
    { path: 'resolved', value: 'yes' },
    { path: 'csat', value: 0 },
    { path: 'csat', value: 6 },
    { path: 'csat', value: 3.5 },
    { path: 'agentRef', value: '' },
    { path: 'missionCode', value: 'm'.repeat(33) },
  ),
  fc
    .tuple(
      fc.constantFrom('waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'),
      fc.oneof(
        fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
        fc.double({ min: MAX_CALL_SECONDS + 0.001, noNaN: true }),
        fc.constantFrom(Number.NaN, '12', null, undefined),
      ),
    )
    .map(([path, value]) => ({ path, value })),
);

describe('callRecordSchema', () => {
  it('accepts every well-formed record', () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        const parsed = callRecordSchema.safeParse(record);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a record with one broken field, naming that field', () => {
    fc.assert(
      fc.property(validRecord, mutations, (record, { path, value }) => {
        const mutated: Record<string, unknown> = { ...record };
        if (value === undefined) delete mutated[path];
        else mutated[path] = value;
        const parsed = callRecordSchema.safeParse(mutated);
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
      }),
      { numRuns: 500 },
    );
  });

  it('takes null for optional text and unknown resolution or satisfaction', () => {
    const parsed = callRecordSchema.parse({
      externalId: 'c-1',
      startedAt: '2026-11-02T09:00:00.123+01:00',
      direction: 'inbound',
      queue: 'billing',
      agentRef: null,
      waitSeconds: 0,
      talkSeconds: 0,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned: true,
      resolved: null,
      csat: null,
      missionCode: null,
      outcome: null,
    });
    expect(parsed.agentRef).toBeNull();
  });
});

describe('evaluationSchema', () => {
  const evaluation = {
    externalId: 'e-1',
    evaluatedAt: '2026-11-02T15:00:00+01:00',
    formCode: 'STD',
    agentRef: 'A17',
    evaluator: 'QA lead',
    scores: { clarity: 4, empathy: null },
  };

  it('accepts a form code with or without a version', () => {
    expect(evaluationSchema.safeParse(evaluation).success).toBe(true);
    expect(evaluationSchema.safeParse({ ...evaluation, formCode: 'STD@2' }).success).toBe(true);
    expect(parseFormReference('STD@12')).toEqual({ code: 'STD', version: 12 });
    expect(parseFormReference('STD')).toEqual({ code: 'STD', version: null });
  });

  it('names the broken field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ formCode: 'STD@0' }, 'formCode'],
      [{ formCode: 'has space' }, 'formCode'],
      [{ evaluatedAt: '2026-11-02 15:00' }, 'evaluatedAt'],
      [{ scores: { clarity: '4' } }, 'scores.clarity'],
      [{ scores: [] }, 'scores'],
      [{ agentRef: '' }, 'agentRef'],
    ];
    for (const [change, path] of cases) {
      const parsed = evaluationSchema.safeParse({ ...evaluation, ...change });
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });
});
