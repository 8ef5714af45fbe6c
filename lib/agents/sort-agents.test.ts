import { describe, expect, it } from 'vitest';
import { nextAgentSort, sortAgents, type SortableAgent } from './sort-agents';

const row = (agentRef: string, over: Partial<SortableAgent> = {}): SortableAgent => ({
  agentRef,
  name: null,
  flags: [],
  handled: 0,
  ahtSeconds: null,
  holdSeconds: null,
  wrapSeconds: null,
  fcr: null,
  csat: null,
  qaScore: null,
  qaEvaluations: 0,
  criticalFails: 0,
  language: null,
  culture: null,
  ...over,
});

describe('sortAgents', () => {
  const rows = [row('b', { ahtSeconds: 300 }), row('a', { ahtSeconds: null }), row('c', { ahtSeconds: 200, flags: [1] }), row('d', { ahtSeconds: 300 })];

  it('sorts by a figure either way, unknown figures last, ties by reference', () => {
    expect(sortAgents(rows, { key: 'ahtSeconds', dir: 'asc' }).map((r) => r.agentRef)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortAgents(rows, { key: 'ahtSeconds', dir: 'desc' }).map((r) => r.agentRef)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('sorts by the number of flags and by reference', () => {
    expect(sortAgents(rows, { key: 'flags', dir: 'desc' })[0]!.agentRef).toBe('c');
    expect(sortAgents(rows, { key: 'agentRef', dir: 'desc' }).map((r) => r.agentRef)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('nextAgentSort', () => {
  it('turns the same column around, starts a figure descending and a name ascending', () => {
    expect(nextAgentSort({ key: 'fcr', dir: 'desc' }, 'fcr')).toEqual({ key: 'fcr', dir: 'asc' });
    expect(nextAgentSort({ key: 'fcr', dir: 'desc' }, 'ahtSeconds')).toEqual({ key: 'ahtSeconds', dir: 'desc' });
    expect(nextAgentSort({ key: 'fcr', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});
