// Snapshots for the wallboard's tests, valid by the contract's schema (lib/live/wallboard.ts).
import { wallboardSnapshot, type WallboardSite, type WallboardSnapshot } from '@/lib/live/wallboard';

export function wallboardSiteFixture(overrides: Partial<WallboardSite> = {}): WallboardSite {
  return {
    code: 'TUN',
    name: 'Tunis',
    timezone: 'Africa/Tunis',
    localDay: '2026-12-02',
    window: 'day',
    windowStart: '2026-12-01T23:00:00.000Z',
    today: { offered: 120, handled: 110, abandoned: 6, serviceLevel: 0.82, abandonRate: 0.05, ahtSeconds: 310, asaSeconds: 18 },
    queueNow: {
      waiting: 4,
      longestWaitSeconds: 75,
      agentsAvailable: 3,
      agentsBusy: 12,
      agentsWrapUp: 2,
      agentsAway: 1,
      at: '2026-12-02T10:00:00.000Z',
      stale: false,
      queues: [
        { queue: 'billing', waiting: 3, longestWaitSeconds: 75, agentsAvailable: 1, agentsBusy: 8, agentsWrapUp: 1, agentsAway: 1, at: '2026-12-02T10:00:00.000Z', stale: false },
        { queue: 'sales', waiting: 1, longestWaitSeconds: 20, agentsAvailable: 2, agentsBusy: 4, agentsWrapUp: 1, agentsAway: 0, at: '2026-12-02T09:59:30.000Z', stale: false },
      ],
    },
    targets: {
      serviceLevel: { green: 0.8, amber: 0.7 },
      abandonRate: { green: 0.05, amber: 0.08 },
      ahtSeconds: { green: 300, amber: 360 },
      asaSeconds: null,
    },
    feed: { lastPushAt: '2026-12-02T10:00:00.000Z', status: 'live' },
    calendar: { open: true, note: null, closesAt: '2026-12-02T17:00:00.000Z', opensAt: null },
    ...overrides,
  };
}

export function wallboardSnapshotFixture(overrides: Partial<WallboardSnapshot> = {}): WallboardSnapshot {
  const sites = overrides.sites ?? [wallboardSiteFixture()];
  return wallboardSnapshot.parse({
    version: 1,
    generatedAt: '2026-12-02T10:00:05.000Z',
    siteCodes: null,
    network: { offered: 120, handled: 110, abandoned: 6, serviceLevel: 0.82, abandonRate: 0.05, ahtSeconds: 310, asaSeconds: 18, waiting: 4, longestWaitSeconds: 75, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
    sites,
    ...overrides,
  });
}
