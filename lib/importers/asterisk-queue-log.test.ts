import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// A test may hold the importer's output to the ingest's own schema: the layer rule guards runtime code.
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import { sortedById } from './testing/expect-records';
import { asteriskQueueLogImporter } from './asterisk-queue-log';
import { projectQueueLogRecord, queueLogRecordsArbitrary } from './testing/asterisk-queue-log-arbitrary';
import { writeAsteriskQueueLog } from './testing/asterisk-queue-log-writer';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const sampleText = fs.readFileSync(path.join(SAMPLES, 'asterisk-queue-log/queue_log'), 'utf8');
const parse = (text: string, name = 'queue_log') => asteriskQueueLogImporter.parse([{ name, text }], {});

describe('asterisk queue_log: round trip through the writer', () => {
  it('gives back every record the format can represent, none rejected, none held', () => {
    fc.assert(
      fc.property(queueLogRecordsArbitrary, (records) => {
        const result = parse(writeAsteriskQueueLog(records));
        expect(result.rejected).toEqual([]);
        expect(result.held).toBe(0);
        expect(sortedById(result.records)).toEqual(sortedById(records.map(projectQueueLogRecord)));
        for (const record of result.records) expect(callRecordSchema.safeParse(record).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('reads two rotated files as one log: a call entered in the first and ended in the second is one record', () => {
    const text = writeAsteriskQueueLog([
      {
        externalId: 'ql:1794812400.1:support-fr:1794812400',
        startedAt: '2026-11-16T07:00:00.000Z',
        direction: 'inbound',
        queue: 'support-fr',
        agentRef: 'PJSIP/2001',
        waitSeconds: 20,
        talkSeconds: 300,
        holdSeconds: 0,
        wrapSeconds: 0,
        abandoned: false,
        outcome: 'completed-agent',
      },
    ]);
    const lines = text.trimEnd().split('\n');
    const result = asteriskQueueLogImporter.parse(
      [
        { name: 'queue_log.1', text: lines.slice(0, 3).join('\n') },
        { name: 'queue_log', text: `${lines.slice(3).join('\n')}\n` },
      ],
      {},
    );
    expect(result.rejected).toEqual([]);
    expect(result.records.map((r) => [r.externalId, r.waitSeconds, r.talkSeconds])).toEqual([['ql:1794812400.1:support-fr:1794812400', 20, 300]]);
  });
});

describe('asterisk queue_log: the sample (samples/asterisk-queue-log/queue_log)', () => {
  const result = parse(sampleText);
  const record = (externalId: string) => result.records.find((r) => r.externalId === externalId);

  it('gives the counts its README states', () => {
    expect(result.records).toHaveLength(37);
    expect(result.rejected).toHaveLength(2);
    expect(result.held).toBe(2);
    expect(result.records.filter((r) => r.abandoned)).toHaveLength(7);
    expect(result.records.filter((r) => r.outcome === 'completed-agent' || r.outcome === 'completed-caller')).toHaveLength(28);
    expect(result.notes).toEqual([
      '14 lines of agent events (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE…) read, no call of their own',
      '1 line of the queue system (QUEUESTART, CONFIGRELOAD) read',
      "4 lines of RINGNOANSWER read: an agent's phone rang unanswered, which ends no call",
      '2 calls still in a queue or with an agent at the end of the log: held back until they end',
    ]);
  });

  it('passes every record through the ingest schema, inbound, on 16 November 2026 between 08:00 and 12:10 in Tunis (UTC+1)', () => {
    for (const r of result.records) {
      expect(callRecordSchema.safeParse(r).success).toBe(true);
      expect(r.direction).toBe('inbound');
      expect([r.holdSeconds, r.wrapSeconds]).toEqual([0, 0]);
      expect(r.startedAt >= '2026-11-16T07:00:00.000Z' && r.startedAt < '2026-11-16T11:10:00.000Z').toBe(true);
      expect(r.waitSeconds).toBeLessThanOrEqual(120);
      expect(r.talkSeconds).toBeLessThanOrEqual(600);
    }
  });

  it('rejects the line a rotation cut off from its call and the line with a broken epoch, with their line numbers', () => {
    expect(result.rejected).toEqual([
      {
        source: 'queue_log',
        line: 1,
        reason: 'COMPLETEAGENT for a call that never entered queue support-fr in this log (the log may start mid-call, e.g. after a rotation)',
        excerpt: '1794806740|1794804891.12|support-fr|PJSIP/2001|COMPLETEAGENT|21|1707|1',
      },
      {
        source: 'queue_log',
        line: 71,
        reason: "The time is not a Unix epoch: '17948O8145'",
        excerpt: '17948O8145|1794818120.152|support-fr|PJSIP/2001|RINGNOANSWER|15000',
      },
    ]);
  });

  it('reads a normal call: wait from CONNECT, talk from COMPLETECALLER, the agent as written', () => {
    expect(record('ql:1794812528.49:support-fr:1794812537')).toEqual({
      externalId: 'ql:1794812528.49:support-fr:1794812537',
      startedAt: '2026-11-16T07:02:17.000Z',
      direction: 'inbound',
      queue: 'support-fr',
      agentRef: 'PJSIP/2003',
      waitSeconds: 4,
      talkSeconds: 283,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned: false,
      outcome: 'completed-caller',
    });
    expect(record('ql:1794813611.63:sales-fr:1794813622')).toMatchObject({ agentRef: 'Local/2007@from-queue/n', waitSeconds: 35, talkSeconds: 269 });
  });

  it('reads a caller who hung up while phones rang (RINGNOANSWER, RINGNOANSWER, ABANDON) as abandoned with its wait, no agent', () => {
    const r = record('ql:1794815998.126:support-fr:1794816005');
    expect(r).toMatchObject({ abandoned: true, waitSeconds: 38, talkSeconds: 0, outcome: 'abandoned' });
    expect(r?.agentRef).toBeUndefined();
  });

  it('reads the abandons, the timeout, the exit with a key and the exit from an empty queue with their waits', () => {
    const exits = result.records.filter((r) => r.abandoned).map((r) => [r.queue, r.outcome, r.waitSeconds]);
    expect(exits).toEqual([
      ['sales-fr', 'abandoned', 3],
      ['support-fr', 'abandoned', 38],
      ['support-fr', 'abandoned', 45],
      ['sales-fr', 'timeout', 120],
      ['billing', 'exit-key', 62],
      ['billing', 'abandoned', 95],
      ['billing', 'exit-empty', 8],
    ]);
  });

  it('makes one record per queue of a call through two queues: the timeout then its overflow, and a blind transfer then the queue it reached', () => {
    expect(result.records.filter((r) => r.externalId.startsWith('ql:1794818396.162:')).map((r) => [r.queue, r.outcome, r.waitSeconds, r.talkSeconds, r.startedAt])).toEqual([
      ['sales-fr', 'timeout', 120, 0, '2026-11-16T08:40:00.000Z'],
      ['support-fr', 'completed-caller', 25, 240, '2026-11-16T08:42:00.000Z'],
    ]);
    expect(result.records.filter((r) => r.externalId.startsWith('ql:1794816594.138:')).map((r) => [r.queue, r.agentRef, r.outcome, r.waitSeconds, r.talkSeconds])).toEqual([
      ['support-fr', 'PJSIP/2001', 'transferred-blind', 18, 95],
      ['billing', 'PJSIP/2008', 'completed-agent', 30, 180],
    ]);
  });

  it('ends the attended transfer with its talk', () => {
    expect(record('ql:1794820390.197:sales-fr:1794820400')).toMatchObject({ agentRef: 'Local/2007@from-queue/n', waitSeconds: 12, talkSeconds: 300, outcome: 'transferred-attended' });
  });

  it('holds back the two calls still open at the end', () => {
    expect(result.records.some((r) => r.externalId.startsWith('ql:1794826993.268:') || r.externalId.startsWith('ql:1794827154.277:'))).toBe(false);
  });
});

describe('asterisk queue_log: rejections', () => {
  const cases: [string, string][] = [
    ['1794812400|1794812400.1|support-fr', 'Not a queue_log line: expected time|callid|queue|agent|event|…, found 3 fields'],
    ['abc|1794812400.1|support-fr|NONE|ENTERQUEUE||+21671000000|1', "The time is not a Unix epoch: 'abc'"],
    ['9999999999999|1794812400.1|support-fr|NONE|ENTERQUEUE||+21671000000|1', "The time is not a Unix epoch: '9999999999999'"],
    ['7289567999|1794812400.1|support-fr|NONE|ENTERQUEUE||+21671000000|1', 'The time 7289567999 is after the year 2199: a clock error'],
    ['1794812400|1794812400.1|NONE|NONE|ENTERQUEUE||+21671000000|1', 'ENTERQUEUE names no queue'],
    ['1794812400|NONE|support-fr|NONE|ENTERQUEUE||+21671000000|1', 'ENTERQUEUE without a call id'],
    [`1794812400|1794812400.1|${'q'.repeat(101)}|NONE|ENTERQUEUE||+21671000000|1`, 'The queue name is longer than 100 characters'],
    ['1794812430|1794812400.9|support-fr|PJSIP/2001|CONNECT|30|1794812425.10|5', 'CONNECT for a call that never entered queue support-fr in this log (the log may start mid-call, e.g. after a rotation)'],
    ['1794812430|1794812400.9|NONE|PJSIP/2001|COMPLETECALLER|30|100|1', 'COMPLETECALLER names no queue'],
    ['1794812400|NONE|NONE|PJSIP/2001|ADDMEMBER|', 'ADDMEMBER names no queue'],
    ['1794812400|NONE|support-fr|NONE|ADDMEMBER|', 'ADDMEMBER names no member'],
  ];
  it.each(cases)('rejects %s', (line, reason) => {
    const result = parse(`1794812300|NONE|NONE|NONE|QUEUESTART|\n${line}\n`);
    expect(result.rejected).toEqual([{ source: 'queue_log', line: 2, reason, excerpt: line.slice(0, 200) }]);
    expect(result.records).toEqual([]);
  });

  it('rejects a CONNECT or completion whose times are not seconds, and keeps the call open', () => {
    const enter = '1794812400|1794812400.1|support-fr|NONE|ENTERQUEUE||+21671000000|1';
    const result = parse(
      [enter, '1794812420|1794812400.1|support-fr|PJSIP/2001|CONNECT|twenty|1794812415.2|5', '1794812999|1794812400.1|support-fr|PJSIP/2001|COMPLETEAGENT|20|100000|1'].join('\n'),
    );
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, "CONNECT holdtime is not a number of seconds: 'twenty'"],
      [3, 'COMPLETEAGENT calltime is over a day: 100000 seconds'],
    ]);
    expect(result.held).toBe(1);
  });

  it('counts unknown events in the notes instead of rejecting them', () => {
    const result = parse('1794812400|1794812400.1|support-fr|NONE|CALLBACKREQUESTED|1\n1794812401|1794812400.1|support-fr|NONE|CALLBACKREQUESTED|1\n');
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual(['2 lines of events this importer does not know, skipped: CALLBACKREQUESTED ×2']);
  });

  it('never throws, whatever the text, and every rejection points at a line of it', () => {
    const token = fc.oneof(
      fc.constantFrom('ENTERQUEUE', 'CONNECT', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHKEY', 'ATTENDEDTRANSFER', 'LINK', 'NONE', 'PAUSEALL', '__proto__', '1794812400', '12', ''),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.oneof(fc.string({ maxLength: 80 }), fc.array(token, { minLength: 1, maxLength: 10 }).map((t) => t.join('|')));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const result = parse(text);
        const count = text.split('\n').length;
        for (const r of result.rejected) {
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(count);
          expect(r.reason.length).toBeGreaterThan(0);
        }
        for (const record of result.records) expect(callRecordSchema.safeParse(record).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('asterisk queue_log: externalId', () => {
  it('stays within 128 characters for a queue name of 100, and unique per queue', () => {
    const queue = (c: string) => c.repeat(100);
    const text = ['a', 'b']
      .flatMap((c) => [`1794812400|1794812400.123456|${queue(c)}|NONE|ENTERQUEUE||1|1`, `1794812410|1794812400.123456|${queue(c)}|NONE|ABANDON|1|1|10`])
      .join('\n');
    const ids = parse(text).records.map((r) => r.externalId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(128);
      expect(id.startsWith('ql:#')).toBe(true);
    }
  });
});

describe('asterisk queue_log: detect()', () => {
  it('recognises the sample and the writer output, not an empty file', () => {
    expect(asteriskQueueLogImporter.detect(sampleText, 'queue_log')).toBe(true);
    fc.assert(fc.property(queueLogRecordsArbitrary.filter((r) => r.length > 0), (records) => asteriskQueueLogImporter.detect(writeAsteriskQueueLog(records))));
    expect(asteriskQueueLogImporter.detect('')).toBe(false);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(asteriskQueueLogImporter.detect(`\uFEFF${sampleText}`)).toBe(true);
    const result = parse(`\uFEFF${sampleText}`);
    expect([result.records.length, result.rejected.length, result.held]).toEqual([37, 2, 2]);
  });

  it('refuses a CSV header, JSON and the other samples', () => {
    expect(asteriskQueueLogImporter.detect('externalId,startedAt,direction,queue\nA1,2026-11-16T08:00:00+01:00,inbound,support\n')).toBe(false);
    expect(asteriskQueueLogImporter.detect('{"conversations":[{"conversationId":"x"}]}')).toBe(false);
    expect(asteriskQueueLogImporter.detect('[{"ContactId":"x"}]\n')).toBe(false);
    const others = fs
      .readdirSync(SAMPLES, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.md') && !path.join(entry.parentPath, entry.name).includes(`${path.sep}asterisk-queue-log${path.sep}`))
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(others.length).toBeGreaterThan(0);
    for (const file of others) expect([file, asteriskQueueLogImporter.detect(fs.readFileSync(file, 'utf8'), path.basename(file))]).toEqual([file, false]);
  });
});
