import { describe, expect, it } from 'vitest';
import type { AgentFigures } from './outliers';
import { coachingCoverage, coverageWindowEnd, openAndOverdue, timeToClose, weeklyFlags } from './coaching-metrics';

const agent = (agentRef: string, ahtSeconds: number): AgentFigures => ({
  agentRef,
  handled: 100,
  ahtSeconds,
  resolvedKnown: 0,
  fcr: null,
  csatResponses: 0,
  csat: null,
  qaScoredEvaluations: 0,
  qaScore: null,
});

describe('ISO weeks', () => {
  it('keeps a flag open for 14 days after its Sunday', () => {
    expect(coverageWindowEnd('2026-03-02')).toBe('2026-03-22');
  });
});

describe('weeklyFlags', () => {
  it("judges each week against that week's agents only", () => {
    const usual = ['A', 'B', 'C', 'D', 'E', 'F'].map((r, i) => agent(r, 300 + i));
    const weeks = [
      { weekStart: '2026-03-02', agents: [...usual, agent('SLOW', 900)] },
      // The same 900 s among agents as slow is nothing special.
      { weekStart: '2026-03-09', agents: [...usual.map((a) => ({ ...a, ahtSeconds: 890 + (a.ahtSeconds! - 300) })), agent('SLOW', 900)] },
    ];
    const flags = weeklyFlags(weeks);
    expect(flags.map((f) => [f.agentRef, f.weekStart, f.flags.map((x) => `${x.metric}:${x.direction}`)])).toEqual([['SLOW', '2026-03-02', ['aht:high']]]);
  });

  it('flags nobody below the minimum number of agents', () => {
    expect(weeklyFlags([{ weekStart: '2026-03-02', agents: [agent('A', 300), agent('B', 301), agent('C', 302), agent('SLOW', 900)] }])).toEqual([]);
  });
});

describe('coachingCoverage', () => {
  const flags = [
    { agentRef: 'A', weekStart: '2026-03-02' }, // covered: opened on the last day of the window
    { agentRef: 'B', weekStart: '2026-03-02' }, // missed: opened a day too late
    { agentRef: 'C', weekStart: '2026-03-02' }, // covered: opened in the flagged week itself
    { agentRef: 'D', weekStart: '2026-03-16' }, // pending: window ends 2026-04-05
    { agentRef: 'E', weekStart: '2026-03-16' }, // covered early, still in its window
  ];
  const openings = [
    { agentRef: 'A', openedDay: '2026-03-22' },
    { agentRef: 'B', openedDay: '2026-03-23' },
    { agentRef: 'B', openedDay: '2026-03-01' }, // before the week: does not cover it
    { agentRef: 'C', openedDay: '2026-03-02' },
    { agentRef: 'E', openedDay: '2026-03-20' },
    { agentRef: 'Z', openedDay: '2026-03-05' }, // another agent's session covers nobody else
  ];

  it('counts covered flags over flags whose window ended or that are covered', () => {
    const result = coachingCoverage(flags, openings, '2026-03-25');
    expect(result.items.map((i) => `${i.agentRef}:${i.state}`)).toEqual(['A:covered', 'B:missed', 'C:covered', 'D:pending', 'E:covered']);
    expect(result).toMatchObject({ flags: 5, covered: 3, pending: 1, missed: 1, coverage: 3 / 4 });
  });

  it('turns a pending flag into a missed one once its window is over', () => {
    expect(coachingCoverage(flags, openings, '2026-04-06')).toMatchObject({ pending: 0, missed: 2, coverage: 3 / 5 });
    // On the window's last day it is still pending.
    expect(coachingCoverage(flags, openings, '2026-04-05')).toMatchObject({ pending: 1, coverage: 3 / 4 });
  });

  it('is null when every flag is pending, or there is none', () => {
    expect(coachingCoverage([{ agentRef: 'D', weekStart: '2026-03-16' }], [], '2026-03-20').coverage).toBeNull();
    expect(coachingCoverage([], openings, '2026-03-20')).toMatchObject({ flags: 0, coverage: null });
  });
});

describe('timeToClose', () => {
  const at = (iso: string) => new Date(iso);
  it('gives the median and mean days from opening to closing', () => {
    const result = timeToClose([
      { openedAt: at('2026-03-01T09:00:00Z'), closedAt: at('2026-03-03T09:00:00Z') }, // 2 days
      { openedAt: at('2026-03-01T09:00:00Z'), closedAt: at('2026-03-01T21:00:00Z') }, // 0.5
      { openedAt: at('2026-03-01T09:00:00Z'), closedAt: at('2026-03-11T09:00:00Z') }, // 10
    ]);
    expect(result).toEqual({ closed: 3, medianDays: 2, meanDays: 12.5 / 3 });
  });

  it('is null without a closed session', () => {
    expect(timeToClose([])).toEqual({ closed: 0, medianDays: null, meanDays: null });
  });
});

describe('openAndOverdue', () => {
  it('counts open sessions and those past their due date (due today is not overdue)', () => {
    const sessions = [
      { status: 'open', dueDate: '2026-03-19' },
      { status: 'open', dueDate: '2026-03-20' },
      { status: 'done', dueDate: '2026-03-01' },
      { status: 'dropped', dueDate: '2026-03-01' },
    ];
    expect(openAndOverdue(sessions, '2026-03-20')).toEqual({ open: 2, overdue: 1 });
  });
});
