import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueStatusSchema } from '@/lib/queue-status/input';
import { queueLogRecordsArbitrary } from '../testing/asterisk-queue-log-arbitrary';
import { writeAsteriskQueueLog } from '../testing/asterisk-queue-log-writer';
import type { ImportedCall, ImportRejection } from '../types';
import { QueueLogTracker, type QueueLogTrackerState } from './tracker';

const sampleLines = fs.readFileSync(path.resolve(import.meta.dirname, '../../../samples/asterisk-queue-log/queue_log'), 'utf8').trimEnd().split('\n');

/** Reads `lines` in one go. */
function readAll(lines: string[]) {
  const tracker = new QueueLogTracker();
  const out = tracker.feed(lines, 'queue_log', 1);
  return { ...out, open: tracker.openCalls(), notes: tracker.notes(), status: tracker.queueStatus(Date.UTC(2026, 10, 16, 11)) };
}

/** Reads `lines` in chunks cut at `cuts`, as `vigie follow` does: the state goes through JSON between chunks. */
function readInChunks(lines: string[], cuts: number[]) {
  const bounds = [...new Set([0, ...cuts.map((c) => c % (lines.length + 1)), lines.length])].sort((a, b) => a - b);
  let state: QueueLogTrackerState | undefined;
  const records: ImportedCall[] = [];
  const rejected: ImportRejection[] = [];
  let tracker = new QueueLogTracker();
  for (let i = 0; i + 1 < bounds.length; i++) {
    tracker = new QueueLogTracker(state);
    const from = bounds[i] as number;
    const out = tracker.feed(lines.slice(from, bounds[i + 1]), 'queue_log', from + 1);
    records.push(...out.records);
    rejected.push(...out.rejected);
    state = JSON.parse(JSON.stringify(tracker.state())) as QueueLogTrackerState;
  }
  tracker = new QueueLogTracker(state);
  return { records, rejected, open: tracker.openCalls(), notes: tracker.notes(), status: tracker.queueStatus(Date.UTC(2026, 10, 16, 11)) };
}

describe('QueueLogTracker: reading in chunks with the state saved between them', () => {
  it('gives exactly the records, rejections, open calls, notes and status of a single read (the sample)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(readInChunks(sampleLines, cuts)).toEqual(readAll(sampleLines));
      }),
      { numRuns: 100 },
    );
  });

  it('gives exactly the records and rejections of a single read (a call that never ends, writer output, the sample)', () => {
    // The call that never ends is dropped once the log is a day past it, whichever chunk that falls in.
    const lost = `${Date.UTC(2026, 9, 31) / 1000}|lost.1|support-fr|NONE|ENTERQUEUE||+21671000000|1`;
    fc.assert(
      fc.property(queueLogRecordsArbitrary, fc.array(fc.nat(), { maxLength: 8 }), (records, cuts) => {
        const lines = [lost, ...writeAsteriskQueueLog(records).trimEnd().split('\n'), ...sampleLines];
        expect(readInChunks(lines, cuts)).toEqual(readAll(lines));
      }),
      { numRuns: 100 },
    );
  });
});

const enter = (t: number, callid: string, queue: string) => `${t}|${callid}|${queue}|NONE|ENTERQUEUE||+21671000000|1`;
const T = 1794812400; // 2026-11-16 08:00 in Tunis

describe('QueueLogTracker: queueStatus', () => {
  it('counts callers waiting, the longest wait and agents by state on a hand-built scene', () => {
    const tracker = new QueueLogTracker();
    const out = tracker.feed(
      [
        `${T}|NONE|NONE|NONE|QUEUESTART|`,
        `${T}|NONE|support|PJSIP/1|ADDMEMBER|`,
        `${T}|NONE|support|PJSIP/2|ADDMEMBER|`,
        `${T}|NONE|support|PJSIP/3|ADDMEMBER|`,
        `${T}|NONE|support|PJSIP/4|ADDMEMBER|`,
        `${T}|NONE|sales|PJSIP/4|ADDMEMBER|`,
        `${T}|NONE|sales|PJSIP/5|ADDMEMBER|`,
        `${T + 1}|NONE|support|PJSIP/3|PAUSE|Lunch`,
        `${T + 2}|NONE|NONE|PJSIP/5|PAUSEALL|`,
        enter(T + 10, 'c1', 'support'),
        `${T + 20}|c1|support|PJSIP/1|CONNECT|10|c1b|2`,
        enter(T + 30, 'c2', 'sales'),
        `${T + 35}|c2|sales|PJSIP/4|CONNECT|5|c2b|2`,
        enter(T + 40, 'c3', 'support'),
        enter(T + 50, 'c4', 'support'),
        `${T + 55}|c4|support|PJSIP/2|RINGNOANSWER|5000`,
        // A static member (never added) answers in support.
        enter(T + 60, 'c5', 'support'),
        `${T + 61}|c5|support|SIP/static|CONNECT|1|c5b|1`,
        enter(T + 70, 'c6', 'billing'),
        `${T + 80}|c6|billing|NONE|ABANDON|1|1|10`,
      ],
      'queue_log',
      1,
    );
    expect(out.rejected).toEqual([]);
    const status = tracker.queueStatus((T + 100) * 1000 + 900);
    expect(status).toEqual([
      // PJSIP/1 on c1, PJSIP/4 on a sales call, the static member on c5: busy; PJSIP/3 paused; PJSIP/2 free.
      { queue: 'support', waiting: 2, longestWaitSeconds: 60, agentsAvailable: 1, agentsBusy: 3, agentsWrapUp: 0, agentsAway: 1 },
      { queue: 'sales', waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsBusy: 1, agentsWrapUp: 0, agentsAway: 1 },
      { queue: 'billing', waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsBusy: 0, agentsWrapUp: 0, agentsAway: 0 },
    ]);
    for (const queue of status) expect(queueStatusSchema.safeParse(queue).success).toBe(true);

    tracker.feed(
      [`${T + 200}|c1|support|PJSIP/1|COMPLETEAGENT|10|180|1`, `${T + 201}|NONE|NONE|PJSIP/5|UNPAUSEALL|`, `${T + 202}|NONE|support|PJSIP/2|REMOVEMEMBER|`],
      'queue_log',
      21,
    );
    expect(tracker.queueStatus((T + 210) * 1000)).toEqual([
      { queue: 'support', waiting: 2, longestWaitSeconds: 170, agentsAvailable: 1, agentsBusy: 2, agentsWrapUp: 0, agentsAway: 1 },
      { queue: 'sales', waiting: 0, longestWaitSeconds: 0, agentsAvailable: 1, agentsBusy: 1, agentsWrapUp: 0, agentsAway: 0 },
      { queue: 'billing', waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsBusy: 0, agentsWrapUp: 0, agentsAway: 0 },
    ]);
  });

  it('caps the longest wait at a day and never reports a negative one', () => {
    const tracker = new QueueLogTracker();
    tracker.feed([enter(T, 'c1', 'support')], 'queue_log', 1);
    expect(tracker.queueStatus((T - 50) * 1000)[0]?.longestWaitSeconds).toBe(0);
    expect(tracker.queueStatus((T + 200_000) * 1000)[0]?.longestWaitSeconds).toBe(86_400);
  });
});

describe('QueueLogTracker: events', () => {
  const read = (lines: string[]) => {
    const tracker = new QueueLogTracker();
    return { ...tracker.feed(lines, 'queue_log', 1), open: tracker.openCalls(), notes: tracker.notes() };
  };

  it('reads ATTENDEDTRANSFER by LINK (two channels before the times) and by APP, and the TRANSFER of Asterisk before 12', () => {
    const out = read([
      enter(T, 'a', 'q'),
      `${T + 5}|a|q|PJSIP/1|CONNECT|5|ab|1`,
      `${T + 65}|a|q|PJSIP/1|ATTENDEDTRANSFER|LINK|Local/2000@ctx-0001;1|Local/2000@ctx-0001;2|5|60|1`,
      enter(T, 'b', 'q'),
      `${T + 7}|b|q|PJSIP/2|CONNECT|7|bb|1`,
      `${T + 47}|b|q|PJSIP/2|ATTENDEDTRANSFER|APP|VoiceMail|7|40|1`,
      enter(T, 'c', 'q'),
      `${T + 9}|c|q|SIP/3|CONNECT|9|cb|1`,
      `${T + 30}|c|q|SIP/3|TRANSFER|2000|from-internal|9|21|1`,
    ]);
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => [r.externalId, r.agentRef, r.waitSeconds, r.talkSeconds, r.outcome])).toEqual([
      [`ql:a:q:${T}`, 'PJSIP/1', 5, 60, 'transferred-attended'],
      [`ql:b:q:${T}`, 'PJSIP/2', 7, 40, 'transferred-attended'],
      [`ql:c:q:${T}`, 'SIP/3', 9, 21, 'transferred-blind'],
    ]);
  });

  it('takes the wait of an old EXITWITHKEY without waittime from the time since the entry, and tolerates extra trailing fields', () => {
    const out = read([
      enter(T, 'k', 'q'),
      `${T + 14}|k|q|NONE|EXITWITHKEY|5|1`,
      `${T}|m|q|NONE|ENTERQUEUE||+216|1|extra|more`,
      `${T + 3}|m|q|PJSIP/1|CONNECT|3|mb|2|future-field`,
      `${T + 9}|m|q|PJSIP/1|COMPLETECALLER|3|6|1|future-field`,
    ]);
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => [r.outcome, r.waitSeconds, r.talkSeconds])).toEqual([
      ['exit-key', 14, 0],
      ['completed-caller', 3, 6],
    ]);
  });

  it('keeps a fractional epoch as written in the externalId and to the millisecond in startedAt; reads CRLF lines', () => {
    const out = read([`${T}.250|f|q|NONE|ENTERQUEUE||+216|1\r`, `${T + 4}.5|f|q|NONE|ABANDON|1|1|4\r`]);
    expect(out.records).toEqual([
      {
        externalId: `ql:f:q:${T}.250`,
        startedAt: '2026-11-16T07:00:00.250Z',
        direction: 'inbound',
        queue: 'q',
        waitSeconds: 4,
        talkSeconds: 0,
        holdSeconds: 0,
        wrapSeconds: 0,
        abandoned: true,
        outcome: 'abandoned',
      },
    ]);
  });

  it('reads a COMPLETE whose CONNECT was lost with the holdtime and agent it logs', () => {
    const out = read([enter(T, 'x', 'q'), `${T + 10}|x|q|PJSIP/1|CONNECT|oops|xb|1`, `${T + 70}|x|q|PJSIP/1|COMPLETEAGENT|10|60|1`]);
    expect(out.rejected.map((r) => r.line)).toEqual([2]);
    expect(out.records.map((r) => [r.agentRef, r.waitSeconds, r.talkSeconds])).toEqual([['PJSIP/1', 10, 60]]);
  });

  it('rejects a second CONNECT and a second ENTERQUEUE of the same call in the same queue before it ended', () => {
    const out = read([enter(T, 'x', 'q'), `${T + 5}|x|q|PJSIP/1|CONNECT|5|xb|1`, `${T + 6}|x|q|PJSIP/2|CONNECT|6|xc|1`, enter(T + 7, 'x', 'q')]);
    expect(out.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, 'A second CONNECT for call x in queue q, already answered'],
      [1, `Call x entered queue q again at 2026-11-16T07:00:07.000Z before this visit ended: this visit is dropped, not guessed`],
    ]);
    expect(out.open).toBe(1);
  });

  it('counts refused callers, call details and unknown events in the notes, with at most 30 unknown names kept', () => {
    const unknown = Array.from({ length: 35 }, (_, i) => `${T}|u|q|NONE|CUSTOM${i}|`);
    const out = read([`${T}|j|q|NONE|JOINEMPTY|`, `${T}|j|q|NONE|DID|+21671000000`, ...unknown, `${T}|u|q|NONE|__proto__|`]);
    expect(out.rejected).toEqual([]);
    expect(out.notes[0]).toBe("1 line of callers refused at the queue's door (JOINEMPTY, JOINUNAVAIL): they never entered a queue, so no record");
    expect(out.notes[1]).toBe('1 line of call details (DID, INFO, RINGCANCELED…) read, no record of their own');
    expect(out.notes[2]).toMatch(/^36 lines of events this importer does not know, skipped: CUSTOM0 ×1, .*CUSTOM29 ×1, \(other names\) ×6$/);
  });
});

describe('QueueLogTracker: state', () => {
  it('drops a call open for more than 24 hours of log time and says so, keeping the state bounded', () => {
    const tracker = new QueueLogTracker();
    tracker.feed([enter(T, 'old', 'support'), enter(T + 3600, 'young', 'support')], 'queue_log.1', 1);
    const early = tracker.feed([`${T + 86_400}|NONE|NONE|NONE|QUEUESTART|`], 'queue_log', 1);
    expect(early.rejected).toEqual([]);
    const later = new QueueLogTracker(JSON.parse(JSON.stringify(tracker.state())) as QueueLogTrackerState);
    const out = later.feed([`${T + 86_401}|NONE|NONE|NONE|CONFIGRELOAD|`], 'queue_log', 2);
    expect(out.rejected).toEqual([
      {
        source: 'queue_log.1',
        line: 1,
        excerpt: enter(T, 'old', 'support'),
        reason: 'Entered queue support at 2026-11-16T07:00:00.000Z and never ended within 24 hours: dropped, not guessed',
      },
    ]);
    expect(later.openCalls()).toBe(1);
    expect(later.state().sweepDueMs).toBe((T + 3600 + 86_400) * 1000);
  });

  it('survives a JSON round trip unchanged and refuses a state it did not write', () => {
    const tracker = new QueueLogTracker();
    tracker.feed(sampleLines, 'queue_log', 1);
    const state = tracker.state();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(new QueueLogTracker(JSON.parse(JSON.stringify(state)) as QueueLogTrackerState).state()).toEqual(state);
    expect(() => new QueueLogTracker({ version: 2 } as unknown as QueueLogTrackerState)).toThrow();
  });
});
