// The live demo: while the server runs on the demo network, each demo site "pushes" as its
// telephony would, through the server's own REST API with a site key of its own: queue statuses
// every few seconds during the site's opening hours, and call records as the calls end. The calls
// are the demo's own draws of each site-local day (the seed's generators, from the seed's shape),
// so what the simulator pushes continues the history the seed stored, up to now, and a server that
// was stopped catches up (at most a week) at its next start. VIGIE_DEMO_LIVE=0 turns it off.
//
// Several instances on one database: one simulates, by a claim it renews each tick; another takes
// over when the holder stops renewing. Nothing here may stop the server: a failed push or tick is
// logged and tried again; a 429 is honoured by waiting its Retry-After.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { addDays, localDayOf } from '@/db/local-time';
import { claimDemoSimulator, lastCallEnd, releaseDemoSimulator } from '@/db/queries/demo-simulator';
import { sites } from '@/db/schema';
import { agentRefsOf, callEndMs, generateDayCalls, dayRandom, type DemoCallRecord } from '@/db/seed/demo-calls';
import { DEMO_SITES, type SiteProfile } from '@/db/seed/demo-network';
import { siteCalendarsBetween, openingStatesAt } from '@/server/calendar/opening';
import { MAX_BATCH } from '@/lib/ingest/call-record.schema';
import type { CalendarDay } from '@/lib/calendar/days';
import { REST_BASE } from '@/server/rest/handler';
import { demoDayOf, isOutageDay, type DemoShape } from '@/server/seed/demo-days';
import { readDemoNetwork } from '@/server/seed/demo-marker';
import { provisionSimulatorKeys } from './keys';
import { queueStatesAt } from './queue-state';

export const DEFAULT_INTERVAL_MS = 5_000;
/** A stopped server catches up on at most this much of the calls it missed. */
export const MAX_CATCH_UP_DAYS = 7;
/** The claim outlives a few missed ticks before another instance takes over. */
const CLAIM_TTL_SECONDS = 30;
const DAY_MS = 86_400_000;

type Env = Record<string, string | undefined>;

/** VIGIE_DEMO_LIVE=0 (or false, no, off) turns the live demo off; it is on otherwise. */
export function demoLiveEnabled(env: Env = process.env): boolean {
  return !['0', 'false', 'no', 'off'].includes(env.VIGIE_DEMO_LIVE?.trim().toLowerCase() ?? '');
}

/**
 * The server's own address, as `npm start` has it listen: PORT (Next.js sets it once listening)
 * on HOST when that names one address, else on the loopback address, which every listener of
 * `npm start` answers on.
 */
export function selfUrlFromEnv(env: Env = process.env): string | null {
  const port = env.PORT?.trim();
  if (!port) return null;
  const host = env.HOST?.trim();
  const loopback = !host || ['0.0.0.0', '::', '[::]', 'localhost'].includes(host);
  const name = loopback ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

type SiteState = {
  id: number;
  code: string;
  timezone: string;
  profile: SiteProfile;
  agents: string[];
  key: string | null;
  /** Calls that ended up to this instant have been pushed. */
  pushedUntil: number;
  /** A 429 asked to wait until then. */
  waitUntil: number;
  /** The last failure reported, so that a failing site logs once until it succeeds again. */
  failure: string | null;
};

export type SitePush = { calls: number; statuses: number; open: boolean };
export type TickReport = { claimed: boolean; sites: Record<string, SitePush> };

export type SimulatorOptions = {
  shape: DemoShape;
  /** The server's base URL, or a function answering it (null while it is not known yet). */
  baseUrl: string | (() => string | null);
  intervalMs?: number;
  now?: () => Date;
  owner?: string;
  log?: (message: string) => void;
};

type PostResult = { ok: true } | { ok: false; retryAfterMs: number | null; reason: string };

export class DemoSimulator {
  private readonly owner: string;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  private readonly intervalMs: number;
  private readonly abort = new AbortController();
  private readonly drawn = new Map<string, DemoCallRecord[]>();
  private states: SiteState[] = [];
  private holding = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly options: SimulatorOptions,
  ) {
    this.owner = options.owner ?? `simulator ${randomUUID()}`;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((message) => console.log(`[vigie] live demo: ${message}`));
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  }

  /** Ticks every interval from now on, the first after `firstDelayMs`; the timer never keeps the process alive. */
  start(firstDelayMs = this.intervalMs): void {
    this.schedule(firstDelayMs);
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const run = this.tick()
        .catch((error: unknown) => this.log(`the tick failed; the next one will try again: ${(error as Error)?.message ?? error}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.intervalMs);
        });
      this.running = run;
    }, delayMs);
    this.timer.unref();
  }

  /** Stops ticking, abandons any request under way and gives the claim up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running?.catch(() => undefined);
    if (this.holding) await releaseDemoSimulator(this.db, this.owner).catch(() => undefined);
    this.holding = false;
  }

  /** One round: claim, then for each demo site push the calls that ended and, when open, its queues. */
  async tick(): Promise<TickReport> {
    const report: TickReport = { claimed: false, sites: {} };
    if (this.stopped) return report;
    const baseUrl = typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl;
    if (!baseUrl) return report;
    const now = this.now();
    if (!(await claimDemoSimulator(this.db, this.owner, CLAIM_TTL_SECONDS))) {
      if (this.holding) this.log('another server instance simulates the demo now');
      this.holding = false;
      return report;
    }
    report.claimed = true;
    if (!this.holding) {
      await this.takeOver(now);
      this.holding = true;
    }
    if (this.states.length === 0) return report;

    const nowMs = now.getTime();
    const ids = this.states.map((s) => s.id);
    const opening = await openingStatesAt(this.db, ids, now);
    const from = this.states.reduce((min, s) => {
      const day = addDays(localDayOf(s.pushedUntil, s.timezone), -1);
      return day < min ? day : min;
    }, addDays(now.toISOString().slice(0, 10), -1));
    const calendars = await siteCalendarsBetween(this.db, ids, from, addDays(now.toISOString().slice(0, 10), 1));

    for (const site of this.states) {
      if (this.stopped) break;
      const push: SitePush = { calls: 0, statuses: 0, open: opening.get(site.id)?.open ?? false };
      report.sites[site.code] = push;
      if (site.key === null || nowMs < site.waitUntil) continue;
      const today = localDayOf(now, site.timezone);
      const firstDay = addDays(localDayOf(site.pushedUntil, site.timezone), -1);
      const days = (calendars.get(site.id)?.days ?? []).filter((d) => d.date >= firstDay && d.date <= today);
      const calls = days.flatMap((day) => this.callsOf(site, day));

      const due = calls.filter((c) => {
        const end = callEndMs(c);
        return end > site.pushedUntil && end <= nowMs;
      });
      let pushed = true;
      for (let i = 0; i < due.length && pushed; i += MAX_BATCH) {
        const result = await this.post(baseUrl, site, '/calls', { records: due.slice(i, i + MAX_BATCH) });
        pushed = result.ok;
      }
      if (!pushed) continue;
      site.pushedUntil = nowMs;
      push.calls = due.length;

      if (push.open) {
        const result = await this.post(baseUrl, site, '/queue-status', { at: now.toISOString(), queues: queueStatesAt(calls, nowMs) });
        if (result.ok) push.statuses = 1;
      }
    }
    this.forgetDaysBefore(addDays(from, -1));
    return report;
  }

  /** On taking the claim: the demo sites, a fresh key for each, and where each site's pushed calls end. */
  private async takeOver(now: Date) {
    const profiles = new Map(DEMO_SITES.map((p) => [p.code, p]));
    const rows = await this.db
      .select({ id: sites.id, code: sites.code, timezone: sites.timezone, active: sites.active })
      .from(sites)
      .where(inArray(sites.code, [...profiles.keys()]));
    const active = rows.filter((r) => r.active).sort((a, b) => a.code.localeCompare(b.code));
    const keys = await provisionSimulatorKeys(
      this.db,
      active.map((r) => r.code),
    );
    const floor = now.getTime() - MAX_CATCH_UP_DAYS * DAY_MS;
    this.states = [];
    for (const row of active) {
      const profile = profiles.get(row.code)!;
      const ended = await lastCallEnd(this.db, row.id, new Date(floor - DAY_MS));
      this.states.push({
        id: row.id,
        code: row.code,
        timezone: row.timezone,
        profile,
        agents: agentRefsOf(profile),
        key: keys.get(row.code) ?? null,
        pushedUntil: Math.max(floor, Math.min(now.getTime(), ended?.getTime() ?? floor)),
        waitUntil: 0,
        failure: null,
      });
    }
    this.log(`pushing for ${this.states.map((s) => s.code).join(', ')} through the REST API with keys named "live demo simulator"`);
  }

  /** A site's calls of one day, drawn as the seed draws them (and kept while the day is needed). */
  private callsOf(site: SiteState, day: CalendarDay): DemoCallRecord[] {
    const { shape } = this.options;
    const demoDay = demoDayOf(day, site.profile.weeklyHours, shape);
    // The day's hours are in the key: a calendar edited by HQ draws the day again.
    const cacheKey = `${site.code}|${day.date}|${JSON.stringify(day.hours)}|${demoDay.volumeFactor}`;
    let calls = this.drawn.get(cacheKey);
    if (!calls) {
      calls = generateDayCalls(
        site.profile,
        demoDay,
        { totalDays: shape.totalDays, outage: isOutageDay(site.code, demoDay, shape.totalDays), agents: site.agents },
        dayRandom(shape.seed, site.code, day.date),
      ).calls;
      this.drawn.set(cacheKey, calls);
    }
    return calls;
  }

  private forgetDaysBefore(day: string) {
    for (const key of this.drawn.keys()) if (key.split('|')[1]! < day) this.drawn.delete(key);
  }

  private async post(baseUrl: string, site: SiteState, path: string, body: unknown): Promise<PostResult> {
    let result: PostResult;
    try {
      const res = await fetch(`${baseUrl}${REST_BASE}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${site.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: this.abort.signal,
      });
      if (res.ok) {
        await res.body?.cancel();
        result = { ok: true };
      } else {
        const text = await res.text().catch(() => '');
        const retryAfter = Number(res.headers.get('retry-after'));
        result = {
          ok: false,
          retryAfterMs: res.status === 429 ? (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000 : null,
          reason: `${res.status} ${text.slice(0, 200)}`,
        };
        if (res.status === 401) {
          // The key was revoked (by an admin): this site stays quiet until the next start.
          site.key = null;
          this.log(`${site.code}: its key was refused; no more pushes for ${site.code} until the server restarts`);
        }
      }
    } catch (error) {
      if (this.stopped) return { ok: false, retryAfterMs: null, reason: 'stopped' };
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      result = { ok: false, retryAfterMs: null, reason: cause ?? (error as Error).message };
    }
    if (result.ok) {
      if (site.failure) this.log(`${site.code}: pushing again`);
      site.failure = null;
    } else {
      if (result.retryAfterMs !== null) site.waitUntil = this.now().getTime() + result.retryAfterMs;
      const kind = `${path} ${result.reason.split(' ')[0]}`;
      if (site.failure !== kind) this.log(`${site.code}: POST ${REST_BASE}${path} failed (${result.reason}); will retry`);
      site.failure = kind;
    }
    return result;
  }
}

const KEY = Symbol.for('vigie.demo-simulator');
type Holder = { [KEY]?: DemoSimulator };

/**
 * Starts the live demo in this server process when the database holds the demo network and
 * VIGIE_DEMO_LIVE does not turn it off; answers the simulator, or null when it does not run.
 * Once per process: a second call answers the running one.
 */
export async function startDemoSimulator(
  db: Db,
  options: Partial<Omit<SimulatorOptions, 'shape'>> & { env?: Env; firstDelayMs?: number } = {},
): Promise<DemoSimulator | null> {
  const env = options.env ?? process.env;
  if (!demoLiveEnabled(env)) return null;
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const shape = await readDemoNetwork(db);
  if (!shape) return null;
  const simulator = new DemoSimulator(db, { ...options, shape, baseUrl: options.baseUrl ?? (() => selfUrlFromEnv(env)) });
  holder[KEY] = simulator;
  simulator.start(options.firstDelayMs);
  stopOnSignals(simulator);
  return simulator;
}

/**
 * On SIGINT or SIGTERM the simulator stops (its requests abandoned, its claim given up so another
 * instance takes over at once). Next.js exits on those signals itself; when nothing else listens,
 * the signal is raised again once the simulator has stopped, so it never keeps the process alive.
 */
function stopOnSignals(simulator: DemoSimulator) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      const alone = process.listenerCount(signal) === 0;
      void simulator.stop().finally(() => {
        if (alone) process.kill(process.pid, signal);
      });
    };
    process.once(signal, onSignal);
  }
}

/** For tests: forgets the process's simulator after stopping it. */
export async function stopDemoSimulator(): Promise<void> {
  const holder = globalThis as Holder;
  const running = holder[KEY];
  delete holder[KEY];
  await running?.stop();
}
