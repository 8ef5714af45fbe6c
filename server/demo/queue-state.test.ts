import { describe, expect, it } from 'vitest';
import type { DemoCallRecord } from '@/db/seed/demo-calls';
import { queueStatesAt } from './queue-state';

const T = Date.parse('2026-11-16T10:00:00Z');
const call = (id: string, startOffsetS: number, extra: Partial<DemoCallRecord>): DemoCallRecord => ({
  externalId: id,
  startedAt: new Date(T + startOffsetS * 1000).toISOString(),
  direction: 'inbound',
  queue: 'billing',
  waitSeconds: 0,
  talkSeconds: 0,
  holdSeconds: 0,
  wrapSeconds: 0,
  abandoned: false,
  ...extra,
});

describe('queueStatesAt', () => {
  it('reads waiting callers, agents talking and wrapping up off the calls at an instant', () => {
    const calls = [
      call('waiting-long', -90, { waitSeconds: 120, talkSeconds: 200, wrapSeconds: 30 }),
      call('waiting-short', -10, { waitSeconds: 60, abandoned: true }),
      call('talking', -300, { waitSeconds: 10, talkSeconds: 400, holdSeconds: 20, wrapSeconds: 30 }),
      call('wrapping', -300, { waitSeconds: 5, talkSeconds: 270, wrapSeconds: 60 }),
      call('done', -900, { waitSeconds: 5, talkSeconds: 100, wrapSeconds: 10 }),
      call('not-yet', 60, { waitSeconds: 5, talkSeconds: 100 }),
      call('outbound', -30, { direction: 'outbound', queue: 'sales', talkSeconds: 120 }),
    ];
    const states = Object.fromEntries(queueStatesAt(calls, T).map((s) => [s.queue, s]));
    expect(Object.keys(states).sort()).toEqual(['billing', 'retention', 'sales', 'tech-support']);
    expect(states.billing).toMatchObject({ waiting: 2, longestWaitSeconds: 90, agentsBusy: 1, agentsWrapUp: 1, agentsAvailable: 0 });
    expect(states.sales).toMatchObject({ waiting: 0, agentsBusy: 1, agentsWrapUp: 0 });
    expect(states.sales!.agentsAvailable).toBeGreaterThanOrEqual(0);
    expect(states['tech-support']).toMatchObject({ waiting: 0, agentsBusy: 0, agentsWrapUp: 0 });
    for (const state of Object.values(states)) {
      for (const figure of [state.waiting, state.longestWaitSeconds, state.agentsAvailable, state.agentsBusy, state.agentsWrapUp, state.agentsAway]) {
        expect(Number.isInteger(figure) && figure >= 0).toBe(true);
      }
    }
  });
});
