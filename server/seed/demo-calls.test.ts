import { describe, expect, expectTypeOf, it } from 'vitest';
import { localDay } from '@/server/ingest/rollup-reference';
import { callRecordSchema, type CallRecordInput } from '@/server/ingest/call-record.schema';
import type { EvaluationInput } from '@/server/ingest/evaluation.schema';
import { generateSiteCalls, type DemoCallRecord } from '@/db/seed/demo-calls';
import type { DemoEvaluation } from '@/db/seed/demo-qa';
import { DEMO_SITES } from '@/db/seed/demo-network';
import { createRandom } from '@/db/seed/random';
import { demoDays } from './demo';

const days = demoDays(new Date('2026-03-31T00:00:00Z'), 7);
const paris = DEMO_SITES.find((s) => s.code === 'PAR')!;
const antananarivo = DEMO_SITES.find((s) => s.code === 'TNR')!;

describe('generateSiteCalls', () => {
  it('draws the same calls for the same seed and others for another', () => {
    const a = generateSiteCalls(paris, { days, outageDays: new Set() }, createRandom(1));
    const b = generateSiteCalls(paris, { days, outageDays: new Set() }, createRandom(1));
    const c = generateSiteCalls(paris, { days, outageDays: new Set() }, createRandom(2));
    expect(b.calls).toEqual(a.calls);
    expect(c.calls).not.toEqual(a.calls);
  });

  it('draws valid records inside local opening hours, across a change to summer time', () => {
    // The generators (db/, which does not import server/) write the ingest API's shapes.
    expectTypeOf<DemoCallRecord>().toExtend<CallRecordInput>();
    expectTypeOf<DemoEvaluation>().toExtend<EvaluationInput>();
    // The week ends on 2026-03-30: Paris moved to summer time on the 29th.
    for (const site of [paris, antananarivo]) {
      const { calls } = generateSiteCalls(site, { days, outageDays: new Set() }, createRandom(3));
      expect(calls.length).toBeGreaterThan(500);
      for (const call of calls) {
        expect(callRecordSchema.safeParse(call).success).toBe(true);
        const at = new Date(call.startedAt);
        // The id carries the local day the call was drawn for.
        expect(localDay(at, site.timezone).replaceAll('-', '')).toBe(call.externalId.split('-')[1]);
        const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: site.timezone }).format(at));
        expect(hour).toBeGreaterThanOrEqual(site.openHour);
        expect(hour).toBeLessThan(site.closeHour);
      }
    }
  });

  it('peaks on Mondays and runs a reduced service on Sundays', () => {
    const { calls } = generateSiteCalls(paris, { days, outageDays: new Set() }, createRandom(4));
    const perDay = new Map<string, number>();
    for (const call of calls) {
      const day = localDay(new Date(call.startedAt), paris.timezone);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(perDay.get('2026-03-30')!).toBeGreaterThan(perDay.get('2026-03-26')!);
    expect(perDay.get('2026-03-29')!).toBeLessThan(perDay.get('2026-03-26')! / 3);
  });
});
