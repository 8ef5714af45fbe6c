import { describe, expect, it } from 'vitest';
import { wallboardSnapshotFixture } from './wallboard-fixture';
import { initialStreamState, parseSnapshotEvent, streamUrlOf, wallboardStreamReducer, type WallboardStreamState } from './wallboard-stream-state';

const snapshot = (version: number, offered = version) =>
  wallboardSnapshotFixture({ version, network: { ...wallboardSnapshotFixture().network, offered } });

function run(state: WallboardStreamState, ...actions: Parameters<typeof wallboardStreamReducer>[1][]) {
  return actions.reduce(wallboardStreamReducer, state);
}

describe('the wallboard stream reducer', () => {
  it('shows the page’s snapshot while connecting, then live once the stream opens', () => {
    const start = initialStreamState(snapshot(3), 1000);
    expect(start.connection).toBe('connecting');
    expect(start.snapshot.version).toBe(3);
    expect(run(start, { type: 'open' }).connection).toBe('live');
  });

  it('keeps the latest version: a late or repeated snapshot of the same connection never takes the board back', () => {
    let state = run(initialStreamState(snapshot(1), 0), { type: 'open' }, { type: 'snapshot', snapshot: snapshot(5), receivedAt: 10 });
    expect(state.snapshot.version).toBe(5);
    state = run(state, { type: 'snapshot', snapshot: snapshot(4), receivedAt: 20 }, { type: 'snapshot', snapshot: snapshot(5, 999), receivedAt: 30 });
    expect(state.snapshot.version).toBe(5);
    expect(state.snapshot.network.offered).toBe(5);
    expect(state.receivedAt).toBe(10);
    state = run(state, { type: 'snapshot', snapshot: snapshot(6), receivedAt: 40 });
    expect(state.snapshot.version).toBe(6);
    expect(state.receivedAt).toBe(40);
  });

  it('takes the first snapshot of a new connection whatever its version: a restarted server counts afresh', () => {
    let state = run(initialStreamState(snapshot(1), 0), { type: 'open' }, { type: 'snapshot', snapshot: snapshot(40), receivedAt: 1 });
    state = run(state, { type: 'error' });
    expect(state.connection).toBe('reconnecting');
    expect(state.snapshot.version).toBe(40);
    state = run(state, { type: 'open' }, { type: 'snapshot', snapshot: snapshot(1, 77), receivedAt: 2 });
    expect(state.connection).toBe('live');
    expect(state.snapshot.network.offered).toBe(77);
    // …and from then on, the latest of that connection again.
    expect(run(state, { type: 'snapshot', snapshot: snapshot(1, 0), receivedAt: 3 }).snapshot.network.offered).toBe(77);
  });

  it('takes the stream’s first snapshot over the page’s even when the page’s version is higher', () => {
    const state = run(initialStreamState(snapshot(9), 0), { type: 'open' }, { type: 'snapshot', snapshot: snapshot(2, 11), receivedAt: 5 });
    expect(state.snapshot.network.offered).toBe(11);
  });

  it('shows reconnecting after an error until a connection opens or a snapshot arrives', () => {
    const live = run(initialStreamState(snapshot(1), 0), { type: 'open' });
    const down = run(live, { type: 'error' });
    expect(down.connection).toBe('reconnecting');
    expect(run(down, { type: 'error' })).toBe(down);
    expect(run(down, { type: 'snapshot', snapshot: snapshot(2), receivedAt: 1 }).connection).toBe('live');
  });
});

describe('the stream URL', () => {
  it('names each chosen site, or none for the network', () => {
    expect(streamUrlOf('/api/live/stream', null)).toBe('/api/live/stream');
    expect(streamUrlOf('/api/live/stream', [])).toBe('/api/live/stream');
    expect(streamUrlOf('/api/live/stream', ['TUN', 'CAS'])).toBe('/api/live/stream?site=TUN&site=CAS');
  });
});

describe('a snapshot event', () => {
  it('is read when it is a snapshot, and ignored otherwise', () => {
    const sent = snapshot(3);
    expect(parseSnapshotEvent(JSON.stringify(sent))).toEqual(sent);
    expect(parseSnapshotEvent('not json')).toBeNull();
    expect(parseSnapshotEvent(JSON.stringify({ version: 'x' }))).toBeNull();
  });
});
