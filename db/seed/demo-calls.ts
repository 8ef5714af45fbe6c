// Call records of one demo site, drawn day by day from its profile: weekly and intra-day
// patterns in local time, queues, agents, outcomes of the missions, and the outage week.
import { tzOffset } from '@date-fns/tz';
import {
  AGENTS_PER_SEAT,
  DEMO_MISSIONS,
  OUTBOUND_SHARE,
  QUEUES,
  WEEKDAY_FACTOR,
  type DemoMission,
  type SiteProfile,
} from './demo-network';
import type { Random } from './random';

export type DemoDay = {
  /** YYYY-MM-DD, the site-local date. */
  key: string;
  /** Position in the seeded range, from 0 (oldest). */
  index: number;
  weekday: number;
  /** Position relative to the last seeded day (0 = the last day, −1 the day before). */
  offset: number;
};

/** A handled call, as the QA sampling sees it. */
export type HandledCall = { externalId: string; agentRef: string; startedAtMs: number; week: number };

/**
 * A call record as a site's telephony platform pushes it: the shape the ingest API validates
 * (server/ingest/call-record.schema.ts; a test of the seed holds every generated record to it).
 */
export type DemoCallRecord = {
  externalId: string;
  /** ISO 8601 instant. */
  startedAt: string;
  direction: 'inbound' | 'outbound';
  queue: string;
  agentRef?: string | null;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  abandoned: boolean;
  resolved?: boolean | null;
  csat?: number | null;
  missionCode?: string | null;
  outcome?: string | null;
};

export type SiteCalls = { calls: DemoCallRecord[]; handled: HandledCall[] };

export type SiteContext = {
  days: readonly DemoDay[];
  /** Keys of the days this site's telephony was down (the outage week), if any. */
  outageDays: ReadonlySet<string>;
};

export function agentRefsOf(profile: SiteProfile): string[] {
  const count = Math.max(8, Math.round(profile.seats * AGENTS_PER_SEAT));
  return Array.from({ length: count }, (_, i) => `${profile.code}-${String(101 + i)}`);
}

/** Mild growth over the period, so trends are not flat. */
export function trendOf(day: Pick<DemoDay, 'index'>, totalDays: number): number {
  return 1 + (0.08 * day.index) / Math.max(1, totalDays);
}

export function expectedDailyCalls(profile: SiteProfile, weekday: number, trend: number): number {
  return profile.baseDailyCalls * (WEEKDAY_FACTOR[weekday] ?? 1) * trend;
}

function inWindow(mission: DemoMission, day: Pick<DemoDay, 'offset'>): boolean {
  return day.offset >= mission.startOffset && day.offset <= mission.endOffset;
}

/** Weights of each local hour: a morning and an early-afternoon peak inside opening hours. */
function hourWeights(profile: SiteProfile): [number, number][] {
  const weights: [number, number][] = [];
  const bump = (h: number, at: number, width: number) => Math.exp(-((h - at) ** 2) / (2 * width ** 2));
  for (let h = profile.openHour; h < profile.closeHour; h++) {
    weights.push([h, 0.6 + bump(h + 0.5, 10.5, 1.4) + 0.8 * bump(h + 0.5, 14.5, 1.4)]);
  }
  return weights;
}

/** A positive duration with the given mean and a long right tail (log-normal). */
function skewed(random: Random, mean: number, spread = 0.45): number {
  return mean * Math.exp(random.normal(0, spread) - (spread * spread) / 2);
}

function csatAnswer(random: Random, top2: number): number {
  if (random.chance(Math.min(0.99, Math.max(0.01, top2)))) return random.chance(0.58) ? 5 : 4;
  return random.weighted([
    [3, 0.5],
    [2, 0.3],
    [1, 0.2],
  ]);
}

export function generateSiteCalls(profile: SiteProfile, context: SiteContext, random: Random): SiteCalls {
  const agents = agentRefsOf(profile);
  const hours = hourWeights(profile);
  const inboundQueues = QUEUES.map(([queue, share]) => [queue, share] as const);
  const handleFactor = new Map(QUEUES.map(([queue, , factor]) => [queue, factor]));
  const calls: DemoCallRecord[] = [];
  const handled: HandledCall[] = [];
  const totalDays = context.days.length;

  for (const day of context.days) {
    const outage = context.outageDays.has(day.key);
    const monday = day.weekday === 1;
    const volume = Math.max(
      0,
      Math.round(expectedDailyCalls(profile, day.weekday, trendOf(day, totalDays)) * random.normal(1, 0.06) * (outage ? 0.35 : 1)),
    );
    const [y, m, d] = day.key.split('-').map(Number) as [number, number, number];
    const midnightUtc = Date.UTC(y, m - 1, d);
    // Opening hours start after any daylight-saving change of the night, so one offset fits the day.
    const offsetMs = tzOffset(profile.timezone, new Date(midnightUtc + 12 * 3_600_000)) * 60_000;
    const seconds = Array.from({ length: volume }, () => random.weighted(hours) * 3600 + random.int(0, 3599)).sort((a, b) => a - b);
    const compactDay = day.key.replaceAll('-', '');

    seconds.forEach((second, seq) => {
      const startedAtMs = midnightUtc + second * 1000 - offsetMs;
      const outbound = random.chance(OUTBOUND_SHARE);
      const queue = outbound ? random.pick(['sales', 'retention']) : random.weighted(inboundQueues);
      const abandonRate = outage ? 0.42 : profile.abandonRate * (monday ? 1.3 : 1);
      const abandoned = !outbound && random.chance(abandonRate);
      const externalId = `${profile.code}-${compactDay}-${String(seq + 1).padStart(5, '0')}`;
      const record: DemoCallRecord = {
        externalId,
        startedAt: new Date(startedAtMs).toISOString(),
        direction: outbound ? 'outbound' : 'inbound',
        queue,
        waitSeconds: 0,
        talkSeconds: 0,
        holdSeconds: 0,
        wrapSeconds: 0,
        abandoned,
        resolved: null,
        csat: null,
      };
      if (abandoned) {
        record.waitSeconds = Math.min(1800, Math.round(random.exponential(Math.max(25, profile.waitMean * 3) * (outage ? 3 : 1))));
        calls.push(record);
        return;
      }
      const agentRef = random.pick(agents);
      record.agentRef = agentRef;
      if (!outbound) {
        const waitMean = profile.waitMean * (monday ? 1.35 : 1) * (outage ? 5 : 1);
        record.waitSeconds = Math.min(1800, Math.round(random.exponential(waitMean)));
      }
      const factor = handleFactor.get(queue) ?? 1;
      record.talkSeconds = Math.max(15, Math.round(skewed(random, profile.talkMean * factor)));
      record.holdSeconds = random.chance(0.4) ? Math.round(random.exponential(profile.holdMean / 0.4)) : 0;
      record.wrapSeconds = Math.max(5, Math.round(skewed(random, profile.wrapMean, 0.3)));
      const resolved = random.chance(0.75) ? random.chance(profile.fcr) : null;
      record.resolved = resolved;
      if (!outbound && random.chance(profile.csatResponseRate)) {
        const shift = resolved === false ? -0.25 : resolved === true ? 0.05 : 0;
        record.csat = csatAnswer(random, profile.csatTop2 + shift);
      }
      for (const mission of DEMO_MISSIONS) {
        if (mission.queue !== queue || !inWindow(mission, day)) continue;
        if (mission.direction !== 'both' && mission.direction !== record.direction) continue;
        const success = mission.code === 'FIBRE-UPSELL' ? profile.upsellSuccess : profile.retentionSuccess;
        record.missionCode = mission.code;
        record.outcome = random.chance(success) ? random.pick(mission.successOutcomes) : random.pick(mission.otherOutcomes);
      }
      calls.push(record);
      handled.push({ externalId, agentRef, startedAtMs, week: Math.floor(day.index / 7) });
    });
  }
  return { calls, handled };
}

/**
 * Successes a site can be expected to reach over a mission's whole window, from its profile
 * (not from the drawn calls): the basis of its target.
 */
export function expectedMissionSuccesses(
  profile: SiteProfile,
  mission: DemoMission,
  lastDay: DemoDay & { ms: number },
  totalDays: number,
): number {
  const inboundShare = mission.direction === 'outbound' ? 0 : (1 - OUTBOUND_SHARE) * (QUEUES.find(([q]) => q === mission.queue)?.[1] ?? 0) * (1 - profile.abandonRate);
  const outboundShare = mission.direction === 'inbound' ? 0 : OUTBOUND_SHARE * 0.5;
  const success = mission.code === 'FIBRE-UPSELL' ? profile.upsellSuccess : profile.retentionSuccess;
  let expected = 0;
  for (let offset = mission.startOffset; offset <= mission.endOffset; offset++) {
    const weekday = new Date(lastDay.ms + offset * 86_400_000).getUTCDay();
    const index = lastDay.index + offset;
    expected += expectedDailyCalls(profile, weekday, trendOf({ index }, totalDays)) * (inboundShare + outboundShare) * success;
  }
  return expected;
}
