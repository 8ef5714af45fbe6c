// Which sites changed, told to whoever draws live figures: `publishSiteChange(siteId)` right after
// a commit (calls ingest, CSV upload, queue-status push) wakes the wallboards of this process at
// once and, on PostgreSQL, those of every other instance through NOTIFY on one channel, heard by
// one LISTEN connection per instance. Nothing is polled: a change travels as it is committed.
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@/db/client';

/** The PostgreSQL channel of live changes: payload `<origin>:<siteId>`, or `<origin>:*`. */
export const LIVE_CHANNEL = 'vigie_live';

/** A site whose figures changed, or null: any site may have changed (missed notifications). */
export type SiteChangeListener = (siteId: number | null) => void;

/** The part of a postgres.js client the bus uses (`db.$client` of the postgres driver). */
type PgClient = {
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<{ unlisten(): Promise<void> }>;
  notify(channel: string, payload: string): Promise<unknown>;
};

export class LiveBus {
  private readonly listeners = new Set<SiteChangeListener>();
  /** Tells this instance's notifications apart from the others': it delivered them itself already. */
  private readonly origin = randomUUID();
  private client: PgClient | null = null;
  private connecting: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  subscribe(listener: SiteChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells this process's listeners now, and the other instances through NOTIFY when connected. */
  publish(siteId: number): void {
    this.deliver(siteId);
    const client = this.client;
    if (!client) return;
    client.notify(LIVE_CHANNEL, `${this.origin}:${siteId}`).catch((error: unknown) => {
      // The write is committed; only the other instances' screens wait for their next change or
      // their periodic refresh. Not a reason to fail the push that was accepted.
      console.error('[vigie] live: NOTIFY failed', error);
    });
  }

  /**
   * Joins the other instances: on the postgres driver, one LISTEN connection (postgres.js keeps it
   * apart from the pool and re-listens after a reconnect; every (re)listen after the first tells
   * the listeners that any site may have changed, since notifications sent meanwhile are lost).
   * On PGlite nothing is needed: its data directory is locked by one process (db/lock.ts), so
   * every writer and every screen are in this process and the in-process delivery is complete.
   * Idempotent.
   */
  connect(handle: Pick<DbHandle, 'db' | 'driver'>): Promise<void> {
    if (handle.driver !== 'postgres') return Promise.resolve();
    this.connecting ??= (async () => {
      const client = (handle.db as unknown as { $client: PgClient }).$client;
      let listened = false;
      const request = await client.listen(
        LIVE_CHANNEL,
        (payload) => this.receive(payload),
        () => {
          if (listened) this.deliver(null);
          listened = true;
        },
      );
      this.unlisten = () => request.unlisten();
      this.client = client;
    })();
    this.connecting.catch(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Stops listening (tests, shutdown); publishing stays in-process afterwards. */
  async close(): Promise<void> {
    const unlisten = this.unlisten;
    this.client = null;
    this.unlisten = null;
    this.connecting = null;
    if (unlisten) await unlisten();
  }

  private receive(payload: string): void {
    const separator = payload.lastIndexOf(':');
    if (separator < 0 || payload.slice(0, separator) === this.origin) return;
    const site = payload.slice(separator + 1);
    if (site === '*') return this.deliver(null);
    const siteId = Number(site);
    if (Number.isSafeInteger(siteId)) this.deliver(siteId);
  }

  private deliver(siteId: number | null): void {
    for (const listener of this.listeners) {
      try {
        listener(siteId);
      } catch (error) {
        console.error('[vigie] live: a listener failed', error);
      }
    }
  }
}

// Kept on globalThis: Next.js may load this module more than once in one process, and a push
// handled by one copy must reach the screens held by another.
const KEY = Symbol.for('vigie.liveBus');
type Holder = { [KEY]?: LiveBus };

/** The process's bus. */
export function liveBus(): LiveBus {
  const holder = globalThis as Holder;
  holder[KEY] ??= new LiveBus();
  return holder[KEY];
}

/** Called right after a commit that changes what a site's wallboard shows. */
export function publishSiteChange(siteId: number): void {
  liveBus().publish(siteId);
}
