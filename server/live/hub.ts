// The wallboards open in this process, grouped by scope (the network, or a set of sites): screens
// of one scope share one snapshot, recomputed when the bus says one of its sites changed, at most
// once per MIN_RECOMPUTE_MS per scope however many pushes arrive, and sent to every screen.
import type { Db } from '@/db/client';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import type { LiveBus } from './bus';
import { buildWallboardSnapshot } from './snapshot';

/** A burst of pushes becomes one recomputation per scope per this many milliseconds. */
export const MIN_RECOMPUTE_MS = 250;
/**
 * With no change at all, a scope is still recomputed this often: not to find changes (the bus
 * brings those), but because time alone moves what a wallboard shows: a queue status turns stale
 * after two minutes, a feed turns late, a site opens or closes, "today" becomes tomorrow and
 * old intervals leave a rolling 24-hour window.
 */
export const AGEING_REFRESH_MS = 30_000;

export type SnapshotListener = (snapshot: WallboardSnapshot) => void;

type Scope = {
  key: string;
  siteIds: number[] | null;
  listeners: Set<SnapshotListener>;
  latest: WallboardSnapshot | null;
  /** A change arrived after the running (or last) computation started. */
  dirty: boolean;
  computing: Promise<WallboardSnapshot> | null;
  timer: ReturnType<typeof setTimeout> | null;
  refresh: ReturnType<typeof setInterval>;
  lastStartedAt: number;
};

export type LiveSubscription = { snapshot: WallboardSnapshot; close(): void };

export class LiveHub {
  private readonly scopes = new Map<string, Scope>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: {
      db: () => Promise<Db>;
      bus: LiveBus;
      now?: () => Date;
      minRecomputeMs?: number;
      refreshMs?: number;
    },
  ) {
    this.unsubscribe = deps.bus.subscribe((siteId) => this.changed(siteId));
  }

  /** Open screens per scope, for benchmarks and tests. */
  stats(): { scopes: number; screens: number } {
    let screens = 0;
    for (const scope of this.scopes.values()) screens += scope.listeners.size;
    return { scopes: this.scopes.size, screens };
  }

  /**
   * Registers a screen: answers the snapshot its scope's screens share (computed now when the scope
   * had no screen) and calls `listener` with every later one. A snapshot computed while this call
   * waits may reach `listener` too: screens skip versions they already have.
   */
  async open(siteIds: number[] | null, listener: SnapshotListener): Promise<LiveSubscription> {
    const scope = this.scopeOf(siteIds);
    scope.listeners.add(listener);
    const close = () => this.leave(scope, listener);
    try {
      const snapshot = scope.latest ?? (await (scope.computing ?? this.compute(scope)));
      return { snapshot, close };
    } catch (error) {
      close();
      throw error;
    }
  }

  /** Stops listening to the bus and forgets every screen. */
  close(): void {
    this.unsubscribe();
    for (const scope of this.scopes.values()) this.drop(scope);
  }

  private scopeOf(siteIds: number[] | null): Scope {
    const ids = siteIds === null ? null : [...new Set(siteIds)].sort((a, b) => a - b);
    const key = ids === null ? 'network' : ids.join(',');
    let scope = this.scopes.get(key);
    if (!scope) {
      const created: Scope = {
        key,
        siteIds: ids,
        listeners: new Set(),
        latest: null,
        dirty: false,
        computing: null,
        timer: null,
        refresh: setInterval(() => this.schedule(created), this.deps.refreshMs ?? AGEING_REFRESH_MS),
        lastStartedAt: 0,
      };
      created.refresh.unref?.();
      scope = created;
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private leave(scope: Scope, listener: SnapshotListener): void {
    scope.listeners.delete(listener);
    if (scope.listeners.size === 0 && this.scopes.get(scope.key) === scope) this.drop(scope);
  }

  private drop(scope: Scope): void {
    clearInterval(scope.refresh);
    if (scope.timer) clearTimeout(scope.timer);
    scope.timer = null;
    scope.listeners.clear();
    this.scopes.delete(scope.key);
  }

  private changed(siteId: number | null): void {
    for (const scope of this.scopes.values()) {
      // The network scope covers every active site; a change at any site may concern it.
      if (siteId === null || scope.siteIds === null || scope.siteIds.includes(siteId)) this.schedule(scope);
    }
  }

  /** Recomputes soon: at once when the last computation began long enough ago, else when it may. */
  private schedule(scope: Scope): void {
    scope.dirty = true;
    if (scope.timer || scope.computing) return;
    const wait = Math.max(0, scope.lastStartedAt + (this.deps.minRecomputeMs ?? MIN_RECOMPUTE_MS) - Date.now());
    scope.timer = setTimeout(() => {
      scope.timer = null;
      // Gone (no screen left), or computing already: that computation reschedules when it ends.
      if (this.scopes.get(scope.key) !== scope || scope.computing) return;
      this.compute(scope).catch((error: unknown) => {
        // The screens keep their last snapshot; the next change or refresh tries again.
        console.error(`[vigie] live: the ${scope.key} wallboard could not be computed`, error);
      });
    }, wait);
  }

  private compute(scope: Scope): Promise<WallboardSnapshot> {
    scope.dirty = false;
    scope.lastStartedAt = Date.now();
    const running = (async () => {
      const db = await this.deps.db();
      return buildWallboardSnapshot(db, { siteIds: scope.siteIds, now: (this.deps.now ?? (() => new Date()))() });
    })();
    scope.computing = running;
    running.then(
      (snapshot) => {
        scope.computing = null;
        scope.latest = snapshot;
        for (const listener of scope.listeners) {
          try {
            listener(snapshot);
          } catch (error) {
            console.error('[vigie] live: a screen failed to take a snapshot', error);
          }
        }
        if (scope.dirty) this.schedule(scope);
      },
      () => {
        scope.computing = null;
        if (scope.dirty) this.schedule(scope);
      },
    );
    return running;
  }
}
