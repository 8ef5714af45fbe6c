// What a wallboard holds between server-sent snapshots, as a pure reducer: the latest snapshot
// (the highest version of a connection wins, so a late or repeated event never takes a board
// back in time) and the state of the connection the viewer sees (live / reconnecting).
import { wallboardSnapshot, type WallboardSnapshot } from '@/lib/live/wallboard';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export type WallboardStreamState = {
  snapshot: WallboardSnapshot;
  /** When this browser received the snapshot (epoch ms): how far the server's clock has moved since. */
  receivedAt: number;
  connection: ConnectionState;
  /**
   * True from a (re)opened connection until its first snapshot: a restarted server counts its
   * versions afresh, so the first snapshot of a new connection replaces whatever the board shows.
   */
  resync: boolean;
};

export type WallboardStreamAction =
  | { type: 'open' }
  | { type: 'snapshot'; snapshot: WallboardSnapshot; receivedAt: number }
  | { type: 'error' };

export function initialStreamState(snapshot: WallboardSnapshot, receivedAt: number): WallboardStreamState {
  // The page's own snapshot, rendered on the server, is shown until the stream confirms it.
  return { snapshot, receivedAt, connection: 'connecting', resync: true };
}

export function wallboardStreamReducer(state: WallboardStreamState, action: WallboardStreamAction): WallboardStreamState {
  switch (action.type) {
    case 'open':
      return { ...state, connection: 'live', resync: true };
    case 'error':
      return state.connection === 'reconnecting' ? state : { ...state, connection: 'reconnecting' };
    case 'snapshot': {
      // A snapshot can only arrive over an open connection, whatever the order events were seen in.
      const connection: ConnectionState = 'live';
      if (!state.resync && action.snapshot.version <= state.snapshot.version) {
        return state.connection === connection ? state : { ...state, connection };
      }
      return { snapshot: action.snapshot, receivedAt: action.receivedAt, connection, resync: false };
    }
  }
}

/** The SSE route of a wallboard: the network (no site), or the sites named. */
export function streamUrlOf(path: string, siteCodes: readonly string[] | null): string {
  if (!siteCodes || siteCodes.length === 0) return path;
  const query = new URLSearchParams();
  for (const code of siteCodes) query.append('site', code);
  return `${path}?${query.toString()}`;
}

/** The data of an `event: snapshot`, or null when it is not a snapshot (the board then keeps what it shows). */
export function parseSnapshotEvent(data: string): WallboardSnapshot | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = wallboardSnapshot.safeParse(value);
  return parsed.success ? parsed.data : null;
}
