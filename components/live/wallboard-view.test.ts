import { describe, expect, it } from 'vitest';
import { wallboardSiteFixture } from './wallboard-fixture';
import { feedTone, queueRowView, queueStatusSummary, serverNowOf, siteQueueView, tileRag } from './wallboard-view';

const at = (iso: string) => new Date(iso);

describe('the server’s clock on the board', () => {
  it('is the snapshot’s time plus what elapsed in the browser since it arrived, whatever the browser’s clock says', () => {
    expect(serverNowOf({ generatedAt: '2026-12-02T10:00:00.000Z' }, 5_000_000, 5_030_000).toISOString()).toBe('2026-12-02T10:00:30.000Z');
    // A browser clock that went back does not take the server's clock back.
    expect(serverNowOf({ generatedAt: '2026-12-02T10:00:00.000Z' }, 5_000_000, 4_000_000).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });
});

describe('a site’s queue status on the board', () => {
  const site = wallboardSiteFixture();

  it('shows fresh figures as they are', () => {
    expect(siteQueueView(site.queueNow, at('2026-12-02T10:01:00Z'))).toEqual({
      state: 'fresh',
      figures: { waiting: 4, longestWaitSeconds: 75, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
    });
  });

  it('goes stale two minutes after the newest status even without a new snapshot, keeping the last figures', () => {
    expect(siteQueueView(site.queueNow, at('2026-12-02T10:02:00Z')).state).toBe('fresh');
    expect(siteQueueView(site.queueNow, at('2026-12-02T10:02:01Z'))).toEqual({
      state: 'stale',
      since: '2026-12-02T10:00:00.000Z',
      figures: { waiting: 4, longestWaitSeconds: 75, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
    });
  });

  it('shows a status the server judged stale as the last known figures of its queues, never as zero', () => {
    const stale = wallboardSiteFixture({
      queueNow: {
        ...site.queueNow,
        waiting: 0,
        longestWaitSeconds: 0,
        agentsAvailable: 0,
        agentsBusy: 0,
        agentsWrapUp: 0,
        agentsAway: 0,
        at: null,
        stale: true,
        queues: site.queueNow.queues.map((q) => ({ ...q, stale: true })),
      },
    });
    expect(siteQueueView(stale.queueNow, at('2026-12-02T10:30:00Z'))).toEqual({
      state: 'stale',
      since: '2026-12-02T10:00:00.000Z',
      figures: { waiting: 4, longestWaitSeconds: 75, agentsAvailable: 3, agentsBusy: 12, agentsWrapUp: 2, agentsAway: 1 },
    });
  });

  it('has nothing to show for a site that never pushed one', () => {
    const never = wallboardSiteFixture({ queueNow: { ...site.queueNow, waiting: 0, at: null, stale: true, queues: [] } });
    expect(siteQueueView(never.queueNow, at('2026-12-02T10:00:00Z'))).toEqual({ state: 'none' });
  });

  it('judges each queue of a site board on its own', () => {
    const [billing, sales] = site.queueNow.queues;
    const now = at('2026-12-02T10:01:45Z');
    expect(queueRowView(billing!, now).state).toBe('fresh');
    expect(queueRowView(sales!, now)).toMatchObject({ state: 'stale', since: '2026-12-02T09:59:30.000Z', figures: { waiting: 1 } });
    expect(queueRowView({ ...billing!, stale: true }, at('2026-12-02T10:00:00Z')).state).toBe('stale');
  });

  it('counts the sites of a board whose status is stale or missing', () => {
    const fresh = wallboardSiteFixture();
    const never = wallboardSiteFixture({ code: 'CAS', queueNow: { ...fresh.queueNow, at: null, stale: true, queues: [] } });
    const old = wallboardSiteFixture({ code: 'DKR', queueNow: { ...fresh.queueNow, at: '2026-12-02T09:00:00.000Z' } });
    expect(queueStatusSummary([fresh, never, old], at('2026-12-02T10:01:00Z'))).toEqual({ stale: 1, none: 1 });
  });
});

describe('tile colours', () => {
  it('colours by the site’s targets in each metric’s direction', () => {
    const site = wallboardSiteFixture();
    expect(tileRag(site, 'serviceLevel')).toBe('green');
    expect(tileRag({ ...site, today: { ...site.today, serviceLevel: 0.75 } }, 'serviceLevel')).toBe('amber');
    expect(tileRag({ ...site, today: { ...site.today, serviceLevel: 0.5 } }, 'serviceLevel')).toBe('red');
    // Lower is better for abandons and handle time.
    expect(tileRag(site, 'abandonRate')).toBe('green');
    expect(tileRag({ ...site, today: { ...site.today, abandonRate: 0.09 } }, 'abandonRate')).toBe('red');
    expect(tileRag(site, 'ahtSeconds')).toBe('amber');
  });

  it('leaves a tile uncoloured without a value (no denominator) or without a target', () => {
    const site = wallboardSiteFixture();
    expect(tileRag({ ...site, today: { ...site.today, serviceLevel: null } }, 'serviceLevel')).toBeNull();
    expect(tileRag(site, 'asaSeconds')).toBeNull();
  });

  it('shows a live feed as good news, a late one as bad, and neither for no feed or a closed site', () => {
    expect(feedTone('live')).toBe('green');
    expect(feedTone('late')).toBe('red');
    expect(feedTone('never')).toBe('neutral');
    expect(feedTone('closed')).toBe('neutral');
  });
});
