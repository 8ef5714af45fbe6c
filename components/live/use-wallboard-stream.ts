'use client';
// A wallboard's live data: the server-rendered snapshot, then every snapshot the SSE route sends.
// EventSource reconnects by itself after a network cut or a server restart (the route sends
// `retry: 1000`); when the browser gives a connection up for good (an HTTP error answer, say a
// proxy's 502 while the server restarts), a new one is opened after a growing pause. No polling.
import { useEffect, useReducer } from 'react';
import { LIVE_STREAM_PATH, type WallboardSnapshot } from '@/lib/live/wallboard';
import { initialStreamState, parseSnapshotEvent, streamUrlOf, wallboardStreamReducer, type WallboardStreamState } from './wallboard-stream-state';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

export function useWallboardStream(initial: WallboardSnapshot, siteCodes: readonly string[] | null): WallboardStreamState {
  const [state, dispatch] = useReducer(wallboardStreamReducer, initial, (snapshot) => initialStreamState(snapshot, Date.now()));
  const url = streamUrlOf(LIVE_STREAM_PATH, siteCodes);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let retryMs = FIRST_RETRY_MS;
    let stopped = false;

    const connect = () => {
      source = new EventSource(url);
      source.addEventListener('open', () => {
        retryMs = FIRST_RETRY_MS;
        dispatch({ type: 'open' });
      });
      source.addEventListener('snapshot', (event) => {
        const snapshot = parseSnapshotEvent((event as MessageEvent<string>).data);
        if (snapshot) dispatch({ type: 'snapshot', snapshot, receivedAt: Date.now() });
      });
      source.addEventListener('error', () => {
        dispatch({ type: 'error' });
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source = null;
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
    };
  }, [url]);

  return state;
}
