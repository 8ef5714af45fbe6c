// The wallboard's server-sent events (GET /api/live/stream): the caller is authorised before the
// stream starts (JSON errors: 401, 403, 404), then gets `retry: 1000`, its scope's current
// snapshot at once (a reconnect with Last-Event-ID too: whatever it missed, the newest snapshot
// replaces it), every later snapshot as `event: snapshot` with `id:` its version, and a comment
// every 15 s so that proxies keep the connection open.
import { errorResponse } from '@/server/errors';
import type { Context } from '@/server/trpc/init';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import type { LiveHub } from './hub';
import { liveScopeOf } from './scope';

export const HEARTBEAT_MS = 15_000;
/**
 * An open stream checks its credential again this often and ends when it no longer holds (a
 * revoked display, a signed-out session, a changed scope): the browser reconnects and is refused.
 */
export const REAUTHORISE_MS = 60_000;
/** How soon a browser reconnects after a cut (EventSource's `retry`). */
export const RECONNECT_MS = 1_000;

const encoder = new TextEncoder();

export function snapshotEvent(snapshot: WallboardSnapshot): string {
  return `event: snapshot\nid: ${snapshot.version}\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

export async function handleLiveStream(
  req: Request,
  deps: { createContext: (req: Request) => Promise<Context>; hub: LiveHub; heartbeatMs?: number; reauthoriseMs?: number },
): Promise<Response> {
  let subscription: Awaited<ReturnType<LiveHub['open']>>;
  let send: (snapshot: WallboardSnapshot) => void = () => {};
  const requested = new URL(req.url).searchParams.getAll('site');
  const scopeKey = async () => {
    const ctx = await deps.createContext(req);
    const scope = await liveScopeOf(ctx.db, ctx.principal, requested);
    return { scope, key: JSON.stringify(scope.siteIds) };
  };
  let granted: string;
  try {
    const { scope, key } = await scopeKey();
    granted = key;
    subscription = await deps.hub.open(scope.siteIds, (snapshot) => send(snapshot));
  } catch (error) {
    return errorResponse(error);
  }

  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let recheck: ReturnType<typeof setInterval> | null = null;
  let closed = false;
  const cleanUp = () => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    if (recheck) clearInterval(recheck);
    subscription.close();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastVersion = -1;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client went away between two writes: the abort below (or cancel) cleans up.
          cleanUp();
        }
      };
      send = (snapshot) => {
        // A snapshot computed while this screen was joining may arrive twice; send each once, in order.
        if (snapshot.version <= lastVersion) return;
        lastVersion = snapshot.version;
        write(snapshotEvent(snapshot));
      };
      write(`retry: ${RECONNECT_MS}\n\n`);
      send(subscription.snapshot);
      heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), deps.heartbeatMs ?? HEARTBEAT_MS);
      heartbeat.unref?.();
      recheck = setInterval(() => {
        scopeKey().then(
          ({ key }) => key !== granted && end(),
          // Refused now (or the check failed): end; the reconnect gets the answer as JSON.
          () => end(),
        );
      }, deps.reauthoriseMs ?? REAUTHORISE_MS);
      recheck.unref?.();
      const end = () => {
        cleanUp();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      };
      if (req.signal.aborted) end();
      else req.signal.addEventListener('abort', end, { once: true });
    },
    cancel: cleanUp,
  });

  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tells a buffering reverse proxy (nginx) to pass each event on as it comes.
      'x-accel-buffering': 'no',
    },
  });
}
