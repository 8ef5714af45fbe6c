// Derived data follows a time-zone data upgrade: the site-local day stored on every call record
// and QA evaluation was computed with the tz release of the runtime that ingested it. When the
// runtime's release differs from the one the database records, the rows whose day changes are
// moved and the rollups of their old and new days recomputed, site by site, a batch of days per
// short transaction (under the site's ingest lock, so a push racing a batch waits for it and
// neither counts twice). Progress is saved with each batch: a killed rebuild continues where it
// stopped, and a rerun over done days finds nothing to move. One rebuild at a time, by a claim
// in the database. Run by `vigie tz:rebuild` and in the background at server start.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { recomputeSiteDays, recomputeSiteQaDays } from '@/db/queries/ingest/rollups';
import { lockSiteForIngest } from '@/db/queries/ingest/site-lock';
import {
  beginLocalDayRebuild,
  claimLocalDayRebuild,
  finishLocalDayRebuild,
  findCallsOutsideTheirDay,
  findEvaluationsOutsideTheirDay,
  lastLocalDayOfSite,
  listSitesForRebuild,
  lockLocalDayRules,
  moveCallRecordDays,
  moveEvaluationDays,
  nextLocalDayOfSite,
  readLocalDayRules,
  releaseLocalDayRebuild,
  saveLocalDayProgress,
  type DayBounds,
  type DayMove,
} from '@/db/queries/tz-rebuild';
import { addDays, localDayBounds, localDayOf } from '@/db/local-time';
import type { Actor } from '@/server/auth/principal';
import { compareTzVersions, runtimeTzVersion } from './tz-data';

export const DEFAULT_BATCH_DAYS = 31;
const DEFAULT_CLAIM_SECONDS = 120;

export type TzRebuildProgress = {
  site: string;
  sitesDone: number;
  sites: number;
  /** Site-days scanned so far and in all (from each site's first to last stored day). */
  daysDone: number;
  days: number;
  checked: number;
  movedCalls: number;
  movedEvaluations: number;
};

export type TzRebuildOptions = {
  actor: Actor;
  /** Who holds the claim while this runs (a process, an instance). */
  owner: string;
  /** The release the days must follow; the runtime's by default. */
  targetVersion?: string;
  batchDays?: number;
  /** Stop (resumably) after this many batches: to spread a rebuild over several windows, or in tests. */
  maxBatches?: number;
  claimSeconds?: number;
  /** No other process can hold a live claim (a PGlite data directory belongs to one process). */
  takeOverClaim?: boolean;
  /** Leave days recorded with a newer release than the target alone (a server started on older data). */
  upgradeOnly?: boolean;
  /** Check every stored day even when the recorded release is the target (after a site's time zone was changed). */
  force?: boolean;
  onProgress?: (progress: TzRebuildProgress) => void;
};

type Counts = { checked: number; movedCalls: number; movedEvaluations: number; recomputedDays: number; batches: number };

export type TzRebuildResult =
  | { status: 'current'; version: string }
  | { status: 'newer'; recorded: string; target: string }
  | { status: 'busy'; holder: string | null; until: Date | null }
  | ({
      status: 'done' | 'stopped';
      from: string | null;
      to: string;
      resumed: boolean;
      /** This run's time and rows read (the counts carry over from the runs before it). */
      seconds: number;
      checkedThisRun: number;
    } & Counts);

export class TzRebuildClaimLost extends Error {
  constructor(owner: string) {
    super(`The tz rebuild claim of ${owner} was taken over by another process; this one stops.`);
    this.name = 'TzRebuildClaimLost';
  }
}

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

function spanOf(first: string | null, last: string | null): number {
  if (!first || !last) return 0;
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Brings every stored site-local day, and the rollups built on them, to the target tz release. */
export async function rebuildLocalDays(db: Db, options: TzRebuildOptions): Promise<TzRebuildResult> {
  const target = options.targetVersion ?? runtimeTzVersion();
  if (!target) throw new Error('This runtime does not name its tz release: no rebuild target.');
  const batchDays = options.batchDays ?? DEFAULT_BATCH_DAYS;
  const claimSeconds = options.claimSeconds ?? DEFAULT_CLAIM_SECONDS;
  const { owner } = options;

  const recorded = await readLocalDayRules(db);
  if (!options.force && recorded && !recorded.rebuildTarget && recorded.tzVersion === target) return { status: 'current', version: target };
  if (options.upgradeOnly && recorded?.tzVersion && !recorded.rebuildTarget && compareTzVersions(recorded.tzVersion, target) > 0) {
    return { status: 'newer', recorded: recorded.tzVersion, target };
  }

  const claim = await claimLocalDayRebuild(db, { owner, ttlSeconds: claimSeconds, takeOver: options.takeOverClaim ?? false });
  if (!claim.state) return { status: 'busy', holder: claim.holder, until: claim.until };
  let finished = false;
  try {
    let state = claim.state;
    // Read again under the claim: another process may have finished meanwhile.
    if (!options.force && !state.rebuildTarget && state.tzVersion === target) return { status: 'current', version: target };
    const resumed = state.rebuildTarget === target;
    if (!resumed) {
      // Days from unknown rules (the migration's backfill) may disagree with rollups computed by
      // an older runtime: every day's rollups are recomputed once, not only those of moved rows.
      // A rebuild towards another release left half done keeps that, and starts over.
      const allDays = state.tzVersion === null || (state.rebuildTarget !== null && state.rebuildAllDays);
      await db.transaction(async (tx) => {
        await lockLocalDayRules(tx);
        await beginLocalDayRebuild(tx, { target, allDays });
      });
      state = { ...state, rebuildTarget: target, rebuildAllDays: allDays, cursorSiteId: null, cursorDay: null };
      state = { ...state, checkedRecords: 0, movedCalls: 0, movedEvaluations: 0, recomputedDays: 0 };
    }
    const from = state.tzVersion;
    const allDays = state.rebuildAllDays;
    const started = performance.now();
    const counts: Counts = {
      checked: state.checkedRecords,
      movedCalls: state.movedCalls,
      movedEvaluations: state.movedEvaluations,
      recomputedDays: state.recomputedDays,
      batches: 0,
    };
    let checkedThisRun = 0;

    const sites = await listSitesForRebuild(db);
    const firstDays = new Map<number, string | null>();
    let totalDays = 0;
    let daysDone = 0;
    for (const site of sites) {
      const first = await nextLocalDayOfSite(db, site.id, null, allDays);
      firstDays.set(site.id, first);
      const span = spanOf(first, await lastLocalDayOfSite(db, site.id, allDays));
      totalDays += span;
      if (state.cursorSiteId !== null && (site.id < state.cursorSiteId || (site.id === state.cursorSiteId && !state.cursorDay))) {
        daysDone += span;
      } else if (site.id === state.cursorSiteId && state.cursorDay && first) {
        daysDone += Math.min(span, spanOf(first, state.cursorDay));
      }
    }

    let sitesDone = 0;
    for (const site of sites) {
      if (state.cursorSiteId !== null && site.id < state.cursorSiteId) {
        sitesDone++;
        continue;
      }
      let after = site.id === state.cursorSiteId ? state.cursorDay : null;
      let lastDone = after;
      for (;;) {
        const start = after === null ? firstDays.get(site.id) ?? null : await nextLocalDayOfSite(db, site.id, after, allDays);
        if (start === null) break;
        if (options.maxBatches !== undefined && counts.batches >= options.maxBatches) {
          return { status: 'stopped', from, to: target, resumed, seconds: (performance.now() - started) / 1000, checkedThisRun, ...counts };
        }
        const end = addDays(start, batchDays - 1);
        const batch = await db.transaction((tx) => rebuildBatch(tx, { site, start, end, allDays, owner, claimSeconds, from, target, actor: options.actor }));
        counts.batches++;
        counts.checked += batch.checked;
        checkedThisRun += batch.checked;
        counts.movedCalls += batch.movedCalls;
        counts.movedEvaluations += batch.movedEvaluations;
        counts.recomputedDays += batch.recomputedDays;
        daysDone += spanOf(lastDone === null ? start : addDays(lastDone, 1), end);
        daysDone = Math.min(daysDone, totalDays);
        lastDone = end;
        after = end;
        options.onProgress?.({
          site: site.code,
          sitesDone,
          sites: sites.length,
          daysDone,
          days: totalDays,
          checked: counts.checked,
          movedCalls: counts.movedCalls,
          movedEvaluations: counts.movedEvaluations,
        });
      }
      sitesDone++;
    }

    await db.transaction(async (tx) => {
      const locked = await lockLocalDayRules(tx);
      if (locked?.claimedBy !== owner) throw new TzRebuildClaimLost(owner);
      await finishLocalDayRebuild(tx, owner, target);
      await insertAudit(tx, {
        ...options.actor,
        action: 'tz.rebuild',
        entity: 'local_day_rules',
        entityId: target,
        details: {
          from,
          to: target,
          checked: counts.checked,
          movedCalls: counts.movedCalls,
          movedEvaluations: counts.movedEvaluations,
          recomputedDays: counts.recomputedDays,
        },
      });
    });
    finished = true;
    return { status: 'done', from, to: target, resumed, seconds: (performance.now() - started) / 1000, checkedThisRun, ...counts };
  } finally {
    if (!finished) await releaseLocalDayRebuild(db, owner);
  }
}

type BatchArgs = {
  site: { id: number; code: string };
  start: string;
  end: string;
  allDays: boolean;
  owner: string;
  claimSeconds: number;
  from: string | null;
  target: string;
  actor: Actor;
};

/** One batch of one site's days, in one transaction: find, move, recompute, save progress. */
async function rebuildBatch(tx: Db, args: BatchArgs): Promise<Omit<Counts, 'batches'>> {
  const state = await lockLocalDayRules(tx);
  if (state?.claimedBy !== args.owner) throw new TzRebuildClaimLost(args.owner);
  // The site's ingest lock: a push of this site waits for the batch, and the batch for the push.
  const site = await lockSiteForIngest(tx, args.site.id);
  if (!site) throw new Error(`Site ${args.site.code} disappeared during the tz rebuild`);
  const days = daysFrom(args.start, args.end);
  const bounds: DayBounds[] = days.map((day) => ({ day, ...localDayBounds(day, site.timezone) }));

  const calls = await findCallsOutsideTheirDay(tx, site.id, bounds);
  const callMoves: DayMove<string>[] = [];
  for (const c of calls.outside) {
    const to = localDayOf(c.startedMs, site.timezone);
    if (to !== c.day) callMoves.push({ key: c.externalId, from: c.day, to });
  }
  const evaluations = await findEvaluationsOutsideTheirDay(tx, site.id, bounds);
  const evaluationMoves: (DayMove<number> & { siteScope: boolean })[] = [];
  for (const e of evaluations.outside) {
    const to = localDayOf(e.evaluatedMs, site.timezone);
    if (to !== e.day) evaluationMoves.push({ key: e.id, from: e.day, to, siteScope: e.siteScope });
  }
  const movedCalls = await moveCallRecordDays(tx, site.id, callMoves);
  const movedEvaluations = await moveEvaluationDays(tx, site.id, evaluationMoves);

  const callDays = new Set(args.allDays ? days : []);
  for (const m of callMoves) callDays.add(m.from).add(m.to);
  const qaDays = new Set(args.allDays ? days : []);
  // HQ re-scores are moved too but feed no per-day rollup.
  for (const m of evaluationMoves) if (m.siteScope) qaDays.add(m.from).add(m.to);
  await recomputeSiteDays(tx, site, [...callDays].sort());
  await recomputeSiteQaDays(tx, site.id, [...qaDays].sort());
  const recomputedDays = new Set([...callDays, ...qaDays]).size;

  if (movedCalls > 0 || movedEvaluations > 0) {
    await insertAudit(tx, {
      ...args.actor,
      action: 'tz.move_days',
      entity: 'local_day_rules',
      entityId: args.target,
      siteId: site.id,
      details: { from: args.from, to: args.target, days: `${args.start}..${args.end}`, calls: movedCalls, evaluations: movedEvaluations },
    });
  }
  const checked = calls.checked + evaluations.checked;
  await saveLocalDayProgress(tx, args.owner, args.claimSeconds, {
    siteId: site.id,
    lastDay: args.end,
    checked,
    movedCalls,
    movedEvaluations,
    recomputedDays,
  });
  return { checked, movedCalls, movedEvaluations, recomputedDays };
}
