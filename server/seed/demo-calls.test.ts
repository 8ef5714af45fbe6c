import { describe, expect, expectTypeOf, it } from 'vitest';
import { localDay } from '@/server/ingest/rollup-reference';
import { callRecordSchema, type CallRecordInput } from '@/lib/ingest/call-record.schema';
import type { EvaluationInput } from '@/server/ingest/evaluation.schema';
import { callEndMs, generateSiteCalls, type DemoCallRecord, type DemoDay } from '@/db/seed/demo-calls';
import type { DemoEvaluation } from '@/db/seed/demo-qa';
import { DEMO_RAMADAN, DEMO_SITES, type SiteProfile } from '@/db/seed/demo-network';
import { calendarDaysBetween, type CalendarHoliday } from '@/lib/calendar/days';
import { isOpenAtMinute } from '@/lib/calendar/hours';
import { demoDayOf } from './demo-days';

const site = (code: string) => DEMO_SITES.find((s) => s.code === code)!;
const paris = site('PAR');
const antananarivo = site('TNR');

/** A week of a site's demo days ending on `last`, from its calendar (holidays given, Ramadan hours at the Maghreb sites). */
function weekOf(profile: SiteProfile, last: string, holidays: CalendarHoliday[] = []): DemoDay[] {
  const from = new Date(Date.parse(`${last}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
  const periods = profile.ramadanHours ? DEMO_RAMADAN.map((r) => ({ kind: 'special' as const, name: r.name, startsOn: r.startsOn, endsOn: r.endsOn, hours: profile.ramadanHours! })) : [];
  return calendarDaysBetween({ weeklyHours: profile.weeklyHours, holidays, periods }, from, last).map((d) =>
    demoDayOf(d, profile.weeklyHours, { totalDays: 7, referenceDay: last }),
  );
}

function localMinute(at: Date, timezone: string): number {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(at).split(':').map(Number);
  return h! * 60 + m!;
}

const perDay = (calls: DemoCallRecord[], timezone: string) => {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const day = localDay(new Date(call.startedAt), timezone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
};

describe('generateSiteCalls', () => {
  // The week ends on Monday 2026-03-30: Paris moved to summer time on the 29th.
  const days = weekOf(paris, '2026-03-30');

  it('draws the same calls for the same seed and others for another', () => {
    const a = generateSiteCalls(paris, { days, totalDays: 7, outageDays: new Set() }, 1);
    const b = generateSiteCalls(paris, { days, totalDays: 7, outageDays: new Set() }, 1);
    const c = generateSiteCalls(paris, { days, totalDays: 7, outageDays: new Set() }, 2);
    expect(b.calls).toEqual(a.calls);
    expect(c.calls).not.toEqual(a.calls);
    // A day drawn alone is the same day as drawn in the week: what the live simulator relies on.
    const alone = generateSiteCalls(paris, { days: days.slice(-1), totalDays: 7, outageDays: new Set() }, 1);
    expect(alone.calls).toEqual(a.calls.filter((call) => call.externalId.includes('-20260330-')));
  });

  it('draws valid records inside local opening hours, across a change to summer time', () => {
    // The generators (db/, which does not import server/) write the ingest API's shapes.
    expectTypeOf<DemoCallRecord>().toExtend<CallRecordInput>();
    expectTypeOf<DemoEvaluation>().toExtend<EvaluationInput>();
    for (const profile of [paris, antananarivo]) {
      const week = weekOf(profile, '2026-03-30');
      const { calls } = generateSiteCalls(profile, { days: week, totalDays: 7, outageDays: new Set() }, 3);
      expect(calls.length).toBeGreaterThan(500);
      const ids = new Set<string>();
      for (const call of calls) {
        expect(callRecordSchema.safeParse(call).success).toBe(true);
        expect(ids.has(call.externalId)).toBe(false);
        ids.add(call.externalId);
        expect(callEndMs(call)).toBeGreaterThan(Date.parse(call.startedAt) - 1);
        const at = new Date(call.startedAt);
        // The id carries the local day the call was drawn for.
        const day = localDay(at, profile.timezone);
        expect(day.replaceAll('-', '')).toBe(call.externalId.split('-')[1]);
        const hours = week.find((d) => d.key === day)!.hours;
        expect(isOpenAtMinute(hours, localMinute(at, profile.timezone)), `${profile.code} ${call.startedAt}`).toBe(true);
      }
    }
  });

  it('peaks on Mondays, runs no call on a closed Sunday and a reduced service on an open one', () => {
    const paris1 = perDay(generateSiteCalls(paris, { days, totalDays: 7, outageDays: new Set() }, 4).calls, paris.timezone);
    expect(paris1.get('2026-03-30')!).toBeGreaterThan(paris1.get('2026-03-26')!);
    expect(paris1.has('2026-03-29')).toBe(false);
    const tnr = perDay(generateSiteCalls(antananarivo, { days: weekOf(antananarivo, '2026-03-30'), totalDays: 7, outageDays: new Set() }, 4).calls, antananarivo.timezone);
    expect(tnr.get('2026-03-29')!).toBeGreaterThan(0);
    expect(tnr.get('2026-03-29')!).toBeLessThan(tnr.get('2026-03-26')! / 3);
  });

  it('draws no call on a holiday and fewer on Ramadan hours', () => {
    const tunis = site('TUN');
    // Ramadan 2026 runs to the 19th of March; the 20th is Eid al-Fitr.
    const week = weekOf(tunis, '2026-03-22', [{ observedOn: '2026-03-20', name: 'Eid al-Fitr' }]);
    const counts = perDay(generateSiteCalls(tunis, { days: week, totalDays: 7, outageDays: new Set() }, 5).calls, tunis.timezone);
    expect(counts.has('2026-03-20')).toBe(false);
    expect(counts.has('2026-03-22')).toBe(false); // a Sunday
    expect(week.find((d) => d.key === '2026-03-19')!.volumeFactor).toBeLessThan(1);
    expect(counts.get('2026-03-19')!).toBeLessThan(counts.get('2026-03-16')! * 0.9);
  });
});
