// What a wallboard shows (/live, /live/[code], paired TV displays), as the server sends it over
// server-sent events and as `live.snapshot` returns it. One shape for every screen: the page only
// draws it. Ratios are fractions 0–1, null without a denominator (shown as "—", never 0).
import { z } from 'zod';
import type { KpiMetric } from '@/lib/kpi/definitions';

const count = z.number().int().nonnegative();
const ratio = z.number().nullable();

/** Calls waiting and agents by state, summed over the site's queues whose status is fresh. */
export const wallboardQueueNow = z.object({
  waiting: count,
  longestWaitSeconds: count,
  agentsAvailable: count,
  agentsBusy: count,
  agentsWrapUp: count,
  agentsAway: count,
  /** The newest status taken into the sums (ISO), null when the site never pushed one. */
  at: z.string().nullable(),
  /** True when no fresh status exists (all older than two minutes): shown as stale, never as zero. */
  stale: z.boolean(),
  queues: z.array(
    z.object({
      queue: z.string(),
      waiting: count,
      longestWaitSeconds: count,
      agentsAvailable: count,
      agentsBusy: count,
      agentsWrapUp: count,
      agentsAway: count,
      at: z.string(),
      stale: z.boolean(),
    }),
  ),
});

/** The day so far (or the last 24 hours for a site that chose the rolling window). */
export const wallboardDay = z.object({
  offered: count,
  handled: count,
  abandoned: count,
  serviceLevel: ratio,
  abandonRate: ratio,
  ahtSeconds: ratio,
  asaSeconds: ratio,
});

export const wallboardTargetBand = z.object({ green: z.number(), amber: z.number() }).nullable();

/** The figures a wallboard colours, by the KPI metric whose target bounds and direction colour them. */
export const WALLBOARD_TARGET_METRICS = { serviceLevel: 'service_level', abandonRate: 'abandon_rate', ahtSeconds: 'aht', asaSeconds: 'asa' } as const satisfies Record<
  string,
  KpiMetric
>;
export type WallboardTargetedFigure = keyof typeof WALLBOARD_TARGET_METRICS;

export const wallboardSite = z.object({
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  /** The site-local day "today" is (YYYY-MM-DD). */
  localDay: z.string(),
  window: z.enum(['day', 'rolling24']),
  /** First instant counted in `today` (ISO). */
  windowStart: z.string(),
  today: wallboardDay,
  queueNow: wallboardQueueNow,
  /** Targets that colour the tiles (site target, else the network's), by KPI metric key. */
  targets: z.object({ serviceLevel: wallboardTargetBand, abandonRate: wallboardTargetBand, ahtSeconds: wallboardTargetBand, asaSeconds: wallboardTargetBand }) satisfies z.ZodType<
    Record<WallboardTargetedFigure, z.infer<typeof wallboardTargetBand>>
  >,
  feed: z.object({ lastPushAt: z.string().nullable(), status: z.enum(['live', 'late', 'never', 'closed']) }),
  /** Opening state now by the site's calendar; `note` names a holiday, closure or special period. */
  calendar: z.object({ open: z.boolean(), note: z.string().nullable(), closesAt: z.string().nullable(), opensAt: z.string().nullable() }),
});

export const wallboardSnapshot = z.object({
  /** Increases with every snapshot the server sends on a stream; the SSE event id. */
  version: z.number().int(),
  generatedAt: z.string(),
  /** The sites asked for; null = the whole network. */
  siteCodes: z.array(z.string()).nullable(),
  network: wallboardDay.extend({ waiting: count, longestWaitSeconds: count, agentsAvailable: count, agentsBusy: count, agentsWrapUp: count, agentsAway: count }),
  sites: z.array(wallboardSite),
});

export type WallboardQueueNow = z.infer<typeof wallboardQueueNow>;
export type WallboardDay = z.infer<typeof wallboardDay>;
export type WallboardSite = z.infer<typeof wallboardSite>;
export type WallboardSnapshot = z.infer<typeof wallboardSnapshot>;

/**
 * The SSE contract (route `GET /api/live/stream?site=CODE&site=CODE`): `event: snapshot`, `id:` the
 * snapshot's version, `data:` a WallboardSnapshot as JSON; a comment line every 15 s keeps proxies
 * from closing the stream; `retry: 1000`. On reconnect the browser sends Last-Event-ID and gets a
 * fresh snapshot at once. Allowed for a signed-in user (a site lead: their own site only) and a
 * paired display (its scope only).
 */
export const LIVE_STREAM_PATH = '/api/live/stream';
