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
import { minuteOfTime, type DayHours } from '@/lib/calendar/hours';
import { createRandom, hashString, type Random } from './random';

export type DemoDay = {
  /** YYYY-MM-DD, the site-local date. */
  key: string;
  /** Position in the seeded range, from 0 (oldest); past the range on days after the seed. */
  index: number;
  weekday: number;
  /** Days from the demo's reference day (0 = the day the demo was seeded, −1 the day before). */
  offset: number;
  /** The site's opening periods that day (site-local "HH:MM" pairs); none on a closed day. */
  hours: DayHours;
  /** Share of the weekday's usual calls the day gets: below 1 on shortened days (Ramadan hours). */
  volumeFactor: number;
};

/** A handled call, as the QA sampling sees it. */
export type HandledCall = { externalId: string; agentRef: string; startedAtMs: number; week: number };

/**
 * A call record as a site's telephony platform pushes it: the shape the ingest API validates
 * (lib/ingest/call-record.schema.ts; a test of the seed holds every generated record to it).
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
  /** Days of the whole seeded range (the growth over it), whatever part of it `days` holds. */
  totalDays: number;
  /** Keys of the days this site's telephony was down (the outage week), if any. */
  outageDays: ReadonlySet<string>;
  /** Keys of the days the site ran short of agents (longer waits, more abandons), if any. */
  understaffedDays?: ReadonlySet<string>;
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

export const SLOT_MINUTES = 15;

/**
 * Weights of each 15-minute slot (minute of the day it starts at) inside the day's opening
 * periods: a morning and an early-afternoon peak, and a thin night for a site open around the clock.
 */
export type Slot = { minute: number; minutes: number };

export function slotWeights(hours: DayHours): [Slot, number][] {
  const weights: [Slot, number][] = [];
  const bump = (h: number, at: number, width: number) => Math.exp(-((h - at) ** 2) / (2 * width ** 2));
  for (const [from, to] of hours) {
    const end = minuteOfTime(to) ?? 0;
    for (let minute = minuteOfTime(from) ?? 0; minute < end; minute += SLOT_MINUTES) {
      const minutes = Math.min(SLOT_MINUTES, end - minute);
      const h = (minute + minutes / 2) / 60;
      const base = h >= 7 && h < 21 ? 0.6 : 0.06;
      weights.push([{ minute, minutes }, ((base + bump(h, 10.5, 1.4) + 0.8 * bump(h, 14.5, 1.4)) * minutes) / SLOT_MINUTES]);
    }
  }
  return weights;
}

/** The random stream of one site's day: any day can be drawn alone, by the seed or the live simulator. */
export function dayRandom(seed: number, code: string, day: string): Random {
  return createRandom(seed ^ hashString(`${code}:${day}`));
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

/** The instant a call ends: the caller hangs up, or the agent finishes the wrap-up. */
export function callEndMs(call: Pick<DemoCallRecord, 'startedAt' | 'waitSeconds' | 'talkSeconds' | 'holdSeconds' | 'wrapSeconds'>): number {
  return Date.parse(call.startedAt) + (call.waitSeconds + call.talkSeconds + call.holdSeconds + call.wrapSeconds) * 1000;
}

export type DayContext = {
  /** Days of the seeded range, for the mild growth over it. */
  totalDays: number;
  outage: boolean;
  /** Too few agents on the line: callers wait about four times as long and give up more often. */
  understaffed?: boolean;
  agents: readonly string[];
};

/**
 * Every call of one site-local day, in start order, drawn from that day's own random stream: the
 * seed draws each day of its history this way and the live simulator draws today the same way,
 * so what it pushes continues what the seed stored.
 */
export function generateDayCalls(profile: SiteProfile, day: DemoDay, context: DayContext, random: Random): SiteCalls {
  const calls: DemoCallRecord[] = [];
  const handled: HandledCall[] = [];
  const slots = slotWeights(day.hours);
  if (slots.length === 0 || day.volumeFactor <= 0) return { calls, handled };
  const { outage, agents } = context;
  const short = context.understaffed === true;
  const inboundQueues = QUEUES.map(([queue, share]) => [queue, share] as const);
  const handleFactor = new Map(QUEUES.map(([queue, , factor]) => [queue, factor]));
  const monday = day.weekday === 1;
  const volume = Math.max(
    0,
    Math.round(
      expectedDailyCalls(profile, day.weekday, trendOf(day, context.totalDays)) * day.volumeFactor * random.normal(1, 0.06) * (outage ? 0.35 : 1),
    ),
  );
  const [y, m, d] = day.key.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Opening hours start after any daylight-saving change of the night, so one offset fits the day.
  const offsetMs = tzOffset(profile.timezone, new Date(midnightUtc + 12 * 3_600_000)) * 60_000;
  const seconds = Array.from({ length: volume }, () => {
    const slot = random.weighted(slots);
    return slot.minute * 60 + random.int(0, slot.minutes * 60 - 1);
  }).sort((a, b) => a - b);
  const compactDay = day.key.replaceAll('-', '');

  let previous = -1;
  let repeat = 0;
  for (const second of seconds) {
    repeat = second === previous ? repeat + 1 : 0;
    previous = second;
    const startedAtMs = midnightUtc + second * 1000 - offsetMs;
    const outbound = random.chance(OUTBOUND_SHARE);
    const queue = outbound ? random.pick(['sales', 'retention']) : random.weighted(inboundQueues);
    const abandonRate = outage ? 0.42 : profile.abandonRate * (monday ? 1.3 : 1) * (short ? 1.8 : 1);
    const abandoned = !outbound && random.chance(abandonRate);
    // Named after its local start second, so that an id never changes meaning when a day is drawn again.
    const externalId = `${profile.code}-${compactDay}-${String(second).padStart(5, '0')}${repeat ? String.fromCharCode(96 + repeat) : ''}`;
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
      continue;
    }
    const agentRef = random.pick(agents);
    record.agentRef = agentRef;
    if (!outbound) {
      const waitMean = profile.waitMean * (monday ? 1.35 : 1) * (outage ? 5 : 1) * (short ? 4 : 1);
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
  }
  return { calls, handled };
}

/** Every call of a site's days, each day from its own stream (dayRandom), in start order. */
export function generateSiteCalls(profile: SiteProfile, context: SiteContext, seed: number): SiteCalls {
  const agents = agentRefsOf(profile);
  const calls: DemoCallRecord[] = [];
  const handled: HandledCall[] = [];
  for (const day of context.days) {
    const drawn = generateDayCalls(
      profile,
      day,
      { totalDays: context.totalDays, outage: context.outageDays.has(day.key), understaffed: context.understaffedDays?.has(day.key) ?? false, agents },
      dayRandom(seed, profile.code, day.key),
    );
    for (const call of drawn.calls) calls.push(call);
    for (const call of drawn.handled) handled.push(call);
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
  /** The site's days of the mission's window, with their opening hours (closed days count nothing). */
  windowDays: readonly DemoDay[],
  totalDays: number,
): number {
  const inboundShare = mission.direction === 'outbound' ? 0 : (1 - OUTBOUND_SHARE) * (QUEUES.find(([q]) => q === mission.queue)?.[1] ?? 0) * (1 - profile.abandonRate);
  const outboundShare = mission.direction === 'inbound' ? 0 : OUTBOUND_SHARE * 0.5;
  const success = mission.code === 'FIBRE-UPSELL' ? profile.upsellSuccess : profile.retentionSuccess;
  let expected = 0;
  for (const day of windowDays) {
    if (!inWindow(mission, day) || day.hours.length === 0) continue;
    expected += expectedDailyCalls(profile, day.weekday, trendOf(day, totalDays)) * day.volumeFactor * (inboundShare + outboundShare) * success;
  }
  return expected;
}
