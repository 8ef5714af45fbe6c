import { describe, expect, it } from 'vitest';
import {
  addParts,
  missionElapsedShare,
  networkMissionPace,
  countReportDays,
  expectedReportDays,
  isReportDayExpected,
  KPI_METRICS,
  NO_REPORT_DAYS,
  reportingFirstDay,
  sumReportDays,
  type ReportingSite,
  changeOf,
  computeKpis,
  emptyParts,
  freshnessSeconds,
  kpiValue,
  METRICS,
  missionCompletion,
  missionPace,
  PART_COLUMNS,
  PART_KEYS,
  partsOfCall,
  ragOf,
  reportCompliance,
  ROLLUP_METRICS,
  sumParts,
  type CallForKpi,
  type KpiParts,
} from './definitions';

const call = (over: Partial<CallForKpi>): CallForKpi => ({
  direction: 'inbound',
  waitSeconds: 10,
  talkSeconds: 100,
  holdSeconds: 0,
  wrapSeconds: 20,
  abandoned: false,
  resolved: null,
  csat: null,
  ...over,
});

const parts = (over: Partial<KpiParts>): KpiParts => ({ ...emptyParts(), ...over });

describe('parts of a call', () => {
  // Hand-computed: SLA 20 s.
  //  a inbound handled, wait 10, 100+0+20, resolved, csat 5  → within SLA
  //  b inbound handled, wait 30, 200+40+60, unresolved, csat 3 → outside SLA
  //  c inbound abandoned after 3 s → short abandon: not offered, not abandoned
  //  d inbound abandoned after 45 s → offered, abandoned
  //  e outbound handled, wait 0, 50+10+0, resolution unknown, csat 4
  const calls = [
    call({ waitSeconds: 10, resolved: true, csat: 5 }),
    call({ waitSeconds: 30, talkSeconds: 200, holdSeconds: 40, wrapSeconds: 60, resolved: false, csat: 3 }),
    call({ waitSeconds: 3, abandoned: true, talkSeconds: 0, wrapSeconds: 0 }),
    call({ waitSeconds: 45, abandoned: true, talkSeconds: 0, wrapSeconds: 0 }),
    call({ direction: 'outbound', waitSeconds: 0, talkSeconds: 50, holdSeconds: 10, wrapSeconds: 0, csat: 4 }),
  ];
  const total = sumParts(calls.map((c) => partsOfCall(c, 20)));

  it('excludes short abandons from offered and abandoned', () => {
    expect(total).toMatchObject({ calls: 5, inboundCalls: 4, shortAbandons: 1, offered: 3, abandoned: 1 });
  });

  it('computes every KPI from the summed parts', () => {
    expect(total).toMatchObject({
      handled: 3,
      inboundHandled: 2,
      handleSeconds: 120 + 300 + 60,
      inboundHandledWaitSeconds: 40,
      answeredWithinSla: 1,
      resolvedKnown: 2,
      resolvedTrue: 1,
      csatResponses: 3,
      csatTop2: 2,
      csatSum: 12,
    });
    const k = computeKpis(total);
    expect(k.offered).toBe(3);
    expect(k.handled).toBe(3);
    expect(k.abandoned).toBe(1);
    expect(k.ahtSeconds).toBe(160);
    expect(k.asaSeconds).toBe(20);
    expect(k.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(k.abandonRate).toBeCloseTo(1 / 3, 12);
    expect(k.fcr).toBe(0.5);
    expect(k.csat).toBeCloseTo(2 / 3, 12);
    expect(k.csatMean).toBe(4);
    expect(k.csatResponses).toBe(3);
  });

  it('counts a wait of exactly the SLA as within it, and of exactly 5 s as a real abandon', () => {
    expect(partsOfCall(call({ waitSeconds: 20 }), 20).answeredWithinSla).toBe(1);
    expect(partsOfCall(call({ waitSeconds: 20.5 }), 20).answeredWithinSla).toBe(0);
    const five = partsOfCall(call({ waitSeconds: 5, abandoned: true }), 20);
    expect(five).toMatchObject({ shortAbandons: 0, offered: 1, abandoned: 1, handled: 0, handleSeconds: 0 });
  });

  it('leaves null resolution and null csat out of their denominators', () => {
    const p = partsOfCall(call({ resolved: null, csat: null }), 20);
    expect(p).toMatchObject({ handled: 1, resolvedKnown: 0, resolvedTrue: 0, csatResponses: 0, csatSum: 0 });
    const k = computeKpis(p);
    expect(k.fcr).toBeNull();
    expect(k.csat).toBeNull();
    expect(k.csatMean).toBeNull();
  });
});

describe('computeKpis', () => {
  it('gives null, never 0, for every ratio with a zero denominator', () => {
    const k = computeKpis(emptyParts());
    expect(k).toEqual({
      offered: 0,
      handled: 0,
      abandoned: 0,
      ahtSeconds: null,
      asaSeconds: null,
      serviceLevel: null,
      abandonRate: null,
      fcr: null,
      csat: null,
      csatMean: null,
      csatResponses: 0,
      qaScore: null,
      qaEvaluations: 0,
    });
  });

  it('keeps a real zero when the denominator is not zero', () => {
    const k = computeKpis(parts({ offered: 10, answeredWithinSla: 0, abandoned: 0 }));
    expect(k.serviceLevel).toBe(0);
    expect(k.abandonRate).toBe(0);
  });

  it('averages QA over scored evaluations only', () => {
    const k = computeKpis(parts({ qaEvaluations: 3, qaScoredEvaluations: 2, qaScoreSum: 150 }));
    expect(k.qaScore).toBe(75);
    expect(k.qaEvaluations).toBe(3);
    expect(computeKpis(parts({ qaEvaluations: 1, qaScoredEvaluations: 0 })).qaScore).toBeNull();
  });

  it('computes the network from summed parts, not as a mean of site ratios', () => {
    // Site A: 90 of 100 offered within SLA (0.9). Site B: 1 of 10 (0.1).
    const a = parts({ offered: 100, answeredWithinSla: 90, handled: 100, handleSeconds: 30000 });
    const b = parts({ offered: 10, answeredWithinSla: 1, handled: 10, handleSeconds: 6000 });
    const network = computeKpis(addParts(a, b));
    const meanOfRatios = (computeKpis(a).serviceLevel! + computeKpis(b).serviceLevel!) / 2;
    expect(meanOfRatios).toBeCloseTo(0.5, 12);
    expect(network.serviceLevel).toBeCloseTo(91 / 110, 12);
    expect(network.serviceLevel).not.toBeCloseTo(meanOfRatios, 3);
    // AHT: (300 + 600) / 2 = 450 as a mean of sites; 36000 / 110 from sums.
    expect(network.ahtSeconds).toBeCloseTo(36000 / 110, 9);
  });

  it('adds every part', () => {
    const one = Object.fromEntries(PART_KEYS.map((k) => [k, 1])) as KpiParts;
    const two = addParts(one, one);
    for (const key of PART_KEYS) expect(two[key]).toBe(2);
    expect(Object.keys(PART_COLUMNS).sort()).toEqual([...PART_KEYS].sort());
  });
});

describe('METRICS', () => {
  it('describes every metric of the kpi_metric enum', () => {
    expect(Object.keys(METRICS).sort()).toEqual([...KPI_METRICS].sort());
    for (const metric of KPI_METRICS) {
      const m = METRICS[metric];
      expect(m.metric).toBe(metric);
      expect(m.label.en.length).toBeGreaterThan(0);
      expect(m.label.fr.length).toBeGreaterThan(0);
      expect(m.explanation.en.length).toBeGreaterThan(20);
      expect(m.explanation.fr.length).toBeGreaterThan(20);
    }
  });

  it('states each rollup formula with parts that computeKpis really divides', () => {
    for (const metric of ROLLUP_METRICS) {
      const { formula } = METRICS[metric];
      if (formula.source !== 'site_day') throw new Error(`${metric} should come from site_day`);
      // Numerator 6 over denominator 4, every other part 1: the metric must read 1.5.
      const p = Object.fromEntries(PART_KEYS.map((k) => [k, 1])) as KpiParts;
      p[formula.numerator] = 6;
      p[formula.denominator] = 4;
      expect(kpiValue(computeKpis(p), metric), metric).toBe(1.5);
    }
  });

  it('knows which way is better', () => {
    expect(METRICS.aht.direction).toBe('lower');
    expect(METRICS.asa.direction).toBe('lower');
    expect(METRICS.abandon_rate.direction).toBe('lower');
    expect(METRICS.service_level.direction).toBe('higher');
    expect(METRICS.csat.direction).toBe('higher');
    expect(METRICS.qa_score.unit).toBe('score');
    expect(METRICS.service_level.unit).toBe('ratio');
  });
});

describe('ragOf', () => {
  it('grades a higher-is-better metric, bounds included', () => {
    const target = { green: 0.8, amber: 0.7 };
    expect(ragOf('service_level', 0.85, target)).toBe('green');
    expect(ragOf('service_level', 0.8, target)).toBe('green');
    expect(ragOf('service_level', 0.79, target)).toBe('amber');
    expect(ragOf('service_level', 0.7, target)).toBe('amber');
    expect(ragOf('service_level', 0.69, target)).toBe('red');
  });

  it('grades a lower-is-better metric, bounds included', () => {
    const target = { green: 300, amber: 360 };
    expect(ragOf('aht', 250, target)).toBe('green');
    expect(ragOf('aht', 300, target)).toBe('green');
    expect(ragOf('aht', 301, target)).toBe('amber');
    expect(ragOf('aht', 360, target)).toBe('amber');
    expect(ragOf('aht', 361, target)).toBe('red');
  });

  it('gives no grade without a value or a target', () => {
    expect(ragOf('aht', null, { green: 300, amber: 360 })).toBeNull();
    expect(ragOf('aht', 200, null)).toBeNull();
  });
});

describe('other metrics', () => {
  it('changeOf is the absolute delta, null when either side is unknown', () => {
    expect(changeOf(0.8, 0.75)).toBeCloseTo(0.05, 12);
    expect(changeOf(300, 320)).toBe(-20);
    expect(changeOf(null, 1)).toBeNull();
    expect(changeOf(1, null)).toBeNull();
  });

  it('report compliance and mission completion are null without a denominator', () => {
    expect(reportCompliance(18, 20)).toBe(0.9);
    expect(reportCompliance(0, 0)).toBeNull();
    expect(missionCompletion(250, 1000)).toBe(0.25);
    expect(missionCompletion(5, 0)).toBeNull();
  });

  it('mission pace compares completion with the elapsed share of the window', () => {
    expect(missionPace(0.25, 0.5)).toBe(0.5);
    expect(missionPace(0.6, 0.5)).toBeCloseTo(1.2, 12);
    expect(missionPace(0.9, 1.5)).toBeCloseTo(0.9, 12);
    expect(missionPace(0.1, 0)).toBeNull();
    expect(missionPace(null, 0.5)).toBeNull();
  });

  it('freshness is whole seconds since the last push', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(freshnessSeconds(now, new Date('2025-03-10T11:58:30.400Z'))).toBe(89);
    expect(freshnessSeconds(now, null)).toBeNull();
    expect(freshnessSeconds(now, new Date('2025-03-10T12:00:02Z'))).toBe(0);
  });
});

describe('report compliance days', () => {
  // Paris moves to summer time on 30 March 2025: the 21:00 deadline is 20:00Z before, 19:00Z after.
  const paris: ReportingSite = { timezone: 'Europe/Paris', reportDeadlineMinute: 1260, firstDay: '2025-03-28', closedDays: new Set() };

  it('takes part from the earliest of its creation day, first report and first day of data', () => {
    // Created at 23:30Z on 27 March: already the 28th in Paris.
    const site = { createdAt: new Date('2025-03-27T23:30:00Z'), timezone: 'Europe/Paris' };
    expect(reportingFirstDay(site, null, null)).toBe('2025-03-28');
    expect(reportingFirstDay(site, '2025-03-30', '2025-02-01')).toBe('2025-02-01');
    expect(reportingFirstDay(site, '2025-03-01', null)).toBe('2025-03-01');
  });

  it('expects every day from the first day on, calls or not, and none before', () => {
    expect(isReportDayExpected(paris, '2025-03-27')).toBe(false);
    expect(isReportDayExpected(paris, '2025-03-28')).toBe(true);
    expect(isReportDayExpected({ ...paris, firstDay: null }, '2025-03-28')).toBe(false);
    expect(expectedReportDays(paris, { from: '2025-03-25', to: '2025-03-31' })).toEqual(['2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31']);
    expect(expectedReportDays(paris, { from: '2025-03-01', to: '2025-03-27' })).toEqual([]);
  });

  it('expects no report on a day the site’s calendar keeps it closed, so compliance counts working days only', () => {
    const closedSunday = { ...paris, closedDays: new Set(['2025-03-30']) };
    expect(isReportDayExpected(closedSunday, '2025-03-30')).toBe(false);
    expect(expectedReportDays(closedSunday, { from: '2025-03-25', to: '2025-03-31' })).toEqual(['2025-03-28', '2025-03-29', '2025-03-31']);
    // Nothing filed, a week later: three working days missing, the closed Sunday not among them.
    expect(countReportDays(closedSunday, { from: '2025-03-25', to: '2025-03-31' }, new Map(), new Date('2025-04-08T00:00:00Z'))).toEqual({
      expected: 3,
      onTime: 0,
      late: 0,
      missing: 3,
      lastMissingDay: '2025-03-31',
    });
  });

  it('counts a day once its deadline has passed or its report is in, on time up to the deadline in the site’s zone', () => {
    const submitted = new Map([
      ['2025-03-28', new Date('2025-03-28T20:00:00Z')], // 21:00 CET: on time, at the deadline
      ['2025-03-30', new Date('2025-03-30T19:30:00Z')], // 21:30 CEST: late (the deadline is 19:00Z that day)
      ['2025-03-31', new Date('2025-03-31T08:00:00Z')], // in before its deadline
    ]);
    const range = { from: '2025-03-25', to: '2025-04-01' };
    // At 12:00Z on 31 March: 28–30 are due (29 missing); 31 counts because its report is in; 1 April is ahead.
    expect(countReportDays(paris, range, submitted, new Date('2025-03-31T12:00:00Z'))).toEqual({
      expected: 4,
      onTime: 2,
      late: 1,
      missing: 1,
      lastMissingDay: '2025-03-29',
    });
    // A week later every day of the range is due: 1 April is missing too.
    const later = countReportDays(paris, range, submitted, new Date('2025-04-08T00:00:00Z'));
    expect(later).toEqual({ expected: 5, onTime: 2, late: 1, missing: 2, lastMissingDay: '2025-04-01' });
    expect(reportCompliance(later.onTime, later.expected)).toBe(0.4);
    expect(sumReportDays([later, NO_REPORT_DAYS, { expected: 3, onTime: 3, late: 0, missing: 0, lastMissingDay: null }])).toEqual({
      expected: 8,
      onTime: 5,
      late: 1,
      missing: 2,
      lastMissingDay: '2025-04-01',
    });
  });
});

describe('network mission pace', () => {
  it('weighs each site’s elapsed share by its target, and compares the summed completion with it', () => {
    // Tunis 10 of 20 days with a target of 300, Port Louis (a day ahead) 11 of 20 with 100.
    const sites = [
      { achieved: 120, target: 300, elapsedDays: 10, windowDays: 20 },
      { achieved: 60, target: 100, elapsedDays: 11, windowDays: 20 },
    ];
    // (300 × 0.5 + 100 × 0.55) / 400 = 0.5125; completion 180 / 400 = 0.45; pace 0.45 / 0.5125.
    expect(missionElapsedShare(sites)).toBeCloseTo(0.5125, 12);
    expect(networkMissionPace(sites)).toBeCloseTo(0.45 / 0.5125, 12);
    expect(missionElapsedShare([])).toBeNull();
    expect(networkMissionPace([{ achieved: 5, target: 10, elapsedDays: 0, windowDays: 7 }])).toBeNull();
  });
});
