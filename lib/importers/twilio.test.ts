// The Twilio importer: records survive writeTwilio → parse (two files, one file holding both lists,
// JSON lines, any order), the Port Louis sample reads to its hand-counted figures
// (samples/twilio/README.md), bad records are rejected with their line, position and reason (never
// a throw), and detect() takes Calls and Events pages but not the other formats.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilioCallsArbitrary } from './testing/twilio-arbitrary';
import { rfc2822, writeTwilio } from './testing/twilio-writer';
import { twilioImporter } from './twilio';
import { expectValidCallRecords, sortedById } from './testing/expect-records';
import type { ImportSource } from './types';

const parse = (sources: ImportSource[]) => twilioImporter.parse(sources, {});

function lists(sources: ImportSource[]) {
  const [calls, events] = sources.map((s) => JSON.parse(s.text) as Record<string, unknown[]>);
  return { calls: calls?.calls ?? [], events: events?.events ?? [] };
}

describe('round trip: writeTwilio → twilioImporter.parse', () => {
  it('gives back the records from calls.json and events.json, none rejected, each a valid CallRecord', () => {
    fc.assert(
      fc.property(twilioCallsArbitrary, (records) => {
        const result = parse(writeTwilio(records));
        expect(result.rejected).toEqual([]);
        expect(result.held).toBe(0);
        expect(sortedById(result.records)).toEqual(sortedById(records));
        expectValidCallRecords(result);
      }),
      { numRuns: 200 },
    );
  });

  it('reads both lists from one file, and from JSON lines in any order', () => {
    fc.assert(
      fc.property(twilioCallsArbitrary, fc.integer(), (records, seed) => {
        const { calls, events } = lists(writeTwilio(records));
        const together = parse([{ name: 'twilio.json', text: JSON.stringify({ calls, events }, null, 2) }]);
        // A fixed shuffle: TaskRouter's list runs newest first, files may be concatenated any way.
        const mixed = [...calls, ...events].map((r, i) => ({ r, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((a, b) => a.k - b.k);
        const lines = parse([{ name: 'twilio.jsonl', text: mixed.map(({ r }) => JSON.stringify(r)).join('\n') }]);
        expect(sortedById(together.records)).toEqual(sortedById(records));
        expect(sortedById(lines.records)).toEqual(sortedById(records));
        expect([...together.rejected, ...lines.rejected]).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('writes times as the Call resource does (RFC 2822, GMT)', () => {
    expect(rfc2822(Date.UTC(2026, 10, 10, 9, 15, 2))).toBe('Tue, 10 Nov 2026 09:15:02 +0000');
  });
});

const SAMPLES = join(process.cwd(), 'samples');
const samples = ['calls.json', 'events.json'].map((name) => ({ name, text: readFileSync(join(SAMPLES, 'twilio', name), 'utf8') }));
const sample = parse(samples);
const record = (id: string) => sample.records.find((r) => r.externalId === id);

describe('samples/twilio (a Port Louis site, 17 November 2026)', () => {
  it('reads to the README figures: 23 records, 2 rejected, 2 held', () => {
    expect(sample.records).toHaveLength(23);
    expect(sample.held).toBe(2);
    expect(sample.records.filter((r) => r.abandoned)).toHaveLength(3);
    expect(new Set(sample.records.map((r) => r.externalId)).size).toBe(23);
    expectValidCallRecords(sample);
  });

  it('a normal call: wait from task.created to reservation.accepted, talk to task.wrapup, wrap to task.completed, start from the call', () => {
    expect(record('tw:WTbfdd7cb2b4349348018f022234bf8d1e')).toEqual({
      externalId: 'tw:WTbfdd7cb2b4349348018f022234bf8d1e',
      startedAt: '2026-11-17T05:00:00.000Z',
      direction: 'inbound',
      queue: 'Ventes',
      agentRef: 'nadia.ramgoolam',
      waitSeconds: 12,
      talkSeconds: 245,
      holdSeconds: 0,
      wrapSeconds: 30,
      abandoned: false,
    });
  });

  it('abandons: in queue, while a reservation rang, and a short one', () => {
    const abandons = [
      ['tw:WTcf14b13791cdac642981162e3ae08d07', 83],
      ['tw:WT78dd967eb092ffe82fad91194afe2dc9', 36],
      ['tw:WTe033af87fd966f9ae4f947c379c4f183', 3],
    ] as const;
    for (const [id, wait] of abandons) {
      expect(record(id)).toMatchObject({ abandoned: true, waitSeconds: wait, talkSeconds: 0, wrapSeconds: 0 });
      expect(record(id)).not.toHaveProperty('agentRef');
    }
  });

  it('a rejected or timed-out reservation: the worker who accepts takes the call, the wait runs on', () => {
    expect(record('tw:WT24f6769d39df6a29ff1461d4eac6af37')).toMatchObject({ agentRef: 'jean-marc.bax', waitSeconds: 44, talkSeconds: 233 });
    expect(record('tw:WT5e9609a060a5c8ccc474e0d3bdb0d904')).toMatchObject({ agentRef: 'priya.doorgakant', waitSeconds: 52 });
    expect(sample.notes).toContain('2 reservations rejected or timed out before an agent accepted: the wait runs on.');
  });

  it('a task moved to another queue counts once, in the queue where it was accepted', () => {
    expect(record('tw:WTfb0be79aa00be30badafec1aa7806d90')).toMatchObject({ queue: 'Service client', waitSeconds: 138, talkSeconds: 275 });
  });

  it('a transfer to another queue is a second task on the same call: two records', () => {
    expect(record('tw:WT1e39f750d997d26f4c496b5e549ccb56')).toMatchObject({ queue: 'Ventes', agentRef: 'nadia.ramgoolam', waitSeconds: 8, talkSeconds: 130, wrapSeconds: 10 });
    expect(record('tw:WTc47a28237a54371cc593e79a356d480e')).toMatchObject({ queue: 'Service client', agentRef: 'jean-marc.bax', waitSeconds: 39, talkSeconds: 215, wrapSeconds: 28 });
  });

  it('a task without task.wrapup takes its talk from the call end_time', () => {
    expect(record('tw:WTd113bd9390c51acaf281bda7f57b4200')).toMatchObject({ talkSeconds: 142, wrapSeconds: 0 });
  });

  it('calls without a task: outbound kept as outbound, IVR-only kept as direct, child and agent legs and unanswered attempts not calls', () => {
    expect(record('tw:CAd83a0bdd88b63e222a5f697ab9bab6b5')).toMatchObject({ direction: 'outbound', queue: 'outbound', talkSeconds: 187, waitSeconds: 0 });
    expect(record('tw:CA1354818aa912342e5cec5d66fbc92d32')).toMatchObject({ direction: 'inbound', queue: 'direct', talkSeconds: 64 });
    expect(record('tw:CA48cfc5919ea60f4eb54dd69aefb5ce50')).toBeUndefined();
    expect(record('tw:CA6f66ec42c7cea66a537cf848aa0b4dcd')).toBeUndefined();
    expect(sample.notes).toEqual(
      expect.arrayContaining([
        '1 child call leg (parent_call_sid set) read as part of their parent call, not as calls of their own.',
        "2 calls to an agent's client: or sip: endpoint read as agent legs, not customer calls.",
        '4 events about workers, activities or workflows read: no call of their own.',
      ]),
    );
    const queued = twilioImporter.parse(samples, { defaultQueue: 'accueil' });
    expect(queued.records.find((r) => r.externalId === 'tw:CA1354818aa912342e5cec5d66fbc92d32')?.queue).toBe('accueil');
  });

  it('a task still running and a call still in progress are held back', () => {
    expect(record('tw:WT8178cf7b24d67562611ac991aa1b226d')).toBeUndefined();
    expect(record('tw:CA6b80c0eb2ae1a8dd949d2bbef123090c')).toBeUndefined();
  });

  it('rejects the call whose start_time is no date and the event without a usable date, by line and position', () => {
    expect(sample.rejected.map((r) => [r.source, r.line, r.record, r.reason])).toEqual([
      ['calls.json', 63, 3, "The call's start_time is not a date: '17/11/2026 10:50'"],
      ['events.json', 3311, 125, "The task.completed event has no usable date (event_date_ms or event_date): 'yesterday'"],
    ]);
  });

  it('reads the same records when the files are given twice', () => {
    const twice = parse([...samples, ...samples]);
    expect(sortedById(twice.records)).toEqual(sortedById(sample.records));
  });
});

describe('rejections', () => {
  const one = writeTwilio([
    { externalId: 'tw:WT00000000000000000000000000000001', startedAt: '2026-11-17T05:00:00.000Z', direction: 'inbound', queue: 'Ventes', agentRef: 'w1', waitSeconds: 10, talkSeconds: 60, holdSeconds: 0, wrapSeconds: 5, abandoned: false },
  ]);

  it('a task whose task.created is not in the export is rejected, not guessed', () => {
    const { calls, events } = lists(one);
    const withoutCreated = events.filter((e) => (e as { event_type: string }).event_type !== 'task.created');
    const result = parse([{ name: 'calls.json', text: JSON.stringify({ calls }) }, { name: 'events.json', text: JSON.stringify({ events: withoutCreated }, null, 2) }]);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([expect.objectContaining({ source: 'events.json', line: 3, record: 1, reason: 'Task WT00000000000000000000000000000001 has no task.created event (it began before this export)' })]);
  });

  it('names the line of a JSON line that is neither JSON nor a Call nor an Event', () => {
    const { calls, events } = lists(one);
    const text = [...calls, ...events].map((r) => JSON.stringify(r)).concat(['{"sid": "CA1", ', '{"hello": "world"}']).join('\n');
    const result = parse([{ name: 'all.jsonl', text }]);
    expect(result.records).toHaveLength(1);
    const n = calls.length + events.length;
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: n + 1, record: n + 1, reason: 'This record is not valid JSON' }),
      expect.objectContaining({ line: n + 2, record: n + 2, reason: 'This record is neither a Call nor a TaskRouter Event' }),
    ]);
  });

  it('a call with a duration that is not a number is rejected with its reason', () => {
    const call = { sid: 'CA0000000000000000000000000000000f', status: 'completed', direction: 'inbound', start_time: 'Tue, 17 Nov 2026 05:00:00 +0000', end_time: 'Tue, 17 Nov 2026 05:01:00 +0000', duration: 'sixty', parent_call_sid: null };
    const result = parse([{ name: 'calls.json', text: JSON.stringify({ calls: [call] }) }]);
    expect(result.rejected).toEqual([expect.objectContaining({ line: 1, record: 1, reason: "The call's duration is not a number of seconds: 'sixty'" })]);
  });

  it('never throws, whatever the text: every rejection has a line and a reason', () => {
    const [calls, events] = samples;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.tuple(fc.nat(events?.text.length ?? 0), fc.nat(400), fc.string()).map(([at, cut, insert]) => (events?.text ?? '').slice(0, at) + insert + (events?.text ?? '').slice(at + cut)),
        ),
        (text) => {
          const result = parse([calls ?? { name: 'calls.json', text: '' }, { name: 'events.json', text }]);
          for (const r of result.rejected) {
            expect(r.line).toBeGreaterThanOrEqual(0);
            expect(r.reason.length).toBeGreaterThan(0);
          }
          expectValidCallRecords(result);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('detect', () => {
  it('recognises both sample files and the writer files', () => {
    for (const s of samples) expect(twilioImporter.detect(s.text), s.name).toBe(true);
    const records = fc.sample(twilioCallsArbitrary.filter((r) => r.length > 0), 1)[0] ?? [];
    for (const s of writeTwilio(records)) expect(twilioImporter.detect(s.text), s.name).toBe(true);
  });

  it('refuses the other formats', () => {
    const others = [
      '1700000000|1700000000.1|support|NONE|ENTERQUEUE||0612345678|1',
      'externalId,startedAt,direction,queue,agentRef,waitSeconds,talkSeconds\n',
      '{"ContactId":"7f1e1c2a-0000-4000-8000-000000000001","Channel":"VOICE","InitiationMethod":"INBOUND"}',
    ];
    for (const dir of readdirSync(SAMPLES, { withFileTypes: true })) {
      if (!dir.isDirectory() || dir.name === 'twilio') continue;
      for (const file of readdirSync(join(SAMPLES, dir.name))) {
        if (file !== 'README.md') others.push(readFileSync(join(SAMPLES, dir.name, file), 'utf8'));
      }
    }
    for (const text of others) expect(twilioImporter.detect(text), text.slice(0, 80)).toBe(false);
  });
});
