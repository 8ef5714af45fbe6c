// The Genesys Cloud importer: records survive writeGenesys → parse (as a query response, a bare
// array and JSON lines), the Dakar sample reads to its hand-counted figures (samples/genesys/README.md),
// bad records are rejected with their line, position and reason (never a throw), and detect() takes
// analytics conversations but not the other formats.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genesysImporter } from './genesys';
import { genesysCallsArbitrary } from './testing/genesys-arbitrary';
import { writeGenesys } from './testing/genesys-writer';
import { expectValidCallRecords, sortedById } from './testing/expect-records';

const parseText = (text: string, name = 'conversations.json') => genesysImporter.parse([{ name, text }], {});

describe('round trip: writeGenesys → genesysImporter.parse', () => {
  it('gives back the records from a details query response, none rejected, each a valid CallRecord', () => {
    fc.assert(
      fc.property(genesysCallsArbitrary, (records) => {
        const result = parseText(writeGenesys(records));
        expect(result.rejected).toEqual([]);
        expect(result.held).toBe(0);
        expect(sortedById(result.records)).toEqual(sortedById(records));
        expectValidCallRecords(result);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the same conversations as a bare array and as JSON lines', () => {
    fc.assert(
      fc.property(genesysCallsArbitrary, (records) => {
        const conversations = (JSON.parse(writeGenesys(records)) as { conversations: unknown[] }).conversations;
        const asArray = parseText(JSON.stringify(conversations, null, 2));
        const asLines = parseText(conversations.map((c) => JSON.stringify(c)).join('\n'));
        expect(sortedById(asArray.records)).toEqual(sortedById(records));
        expect(sortedById(asLines.records)).toEqual(sortedById(records));
        expect([...asArray.rejected, ...asLines.rejected]).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

const SAMPLES = join(process.cwd(), 'samples');
const sampleText = readFileSync(join(SAMPLES, 'genesys/conversations.json'), 'utf8');
const sample = parseText(sampleText);
const conversations = (JSON.parse(sampleText) as { conversations: { conversationId: string }[] }).conversations;
/** The records of the sample's case n (1-based position of the conversation in the file, as the README numbers them). */
const idOf = (n: number) => conversations[n - 1]?.conversationId ?? `no conversation ${n}`;
const legsOf = (n: number) => sample.records.filter((r) => r.externalId.split(':')[1] === idOf(n));

const Q_BILL = '5b3f1c2e-8a4d-4e21-9f6b-1d2c3e4f5a60';
const Q_SUP = '7c9e2a14-3b5f-4d8a-a6c1-2e3f4a5b6c71';
const Q_OUT = '9d1f3b25-4c6a-4e9b-b7d2-3f4a5b6c7d82';

describe('samples/genesys/conversations.json (a Dakar site, 16 November 2026)', () => {
  it('reads to the README figures: 22 records, 2 rejected, 2 held', () => {
    expect(conversations).toHaveLength(26);
    expect(sample.records).toHaveLength(22);
    expect(sample.held).toBe(2);
    expect(sample.records.filter((r) => r.abandoned)).toHaveLength(3);
    expect(sample.records.filter((r) => r.direction === 'outbound')).toHaveLength(2);
    expectValidCallRecords(sample);
    expect(new Set(sample.records.map((r) => r.externalId)).size).toBe(22);
  });

  it('a normal inbound call: wait from the acd segment, talk, hold and wrap-up from the agent, the wrap-up code as outcome', () => {
    expect(legsOf(2)).toEqual([
      {
        externalId: `gc:${idOf(2)}:${Q_SUP}:1`,
        startedAt: '2026-11-16T08:01:50.000Z',
        direction: 'inbound',
        queue: Q_SUP,
        agentRef: '3f8a1c52-6d2e-4b7a-9c1f-0a2b3c4d5e02',
        waitSeconds: 42.007,
        talkSeconds: 512.93,
        holdSeconds: 64.2,
        wrapSeconds: 45,
        abandoned: false,
        outcome: 'e1a2b3c4-0002-4a5b-8c6d-7e8f9a0b1c02',
      },
    ]);
    expect(legsOf(3)).toEqual([expect.not.objectContaining({ outcome: expect.anything() })]);
  });

  it('abandons in queue, short or not, and a caller who hangs up while the agent is alerted', () => {
    for (const [n, wait] of [
      [9, 74.5],
      [10, 3.1],
      [11, 36.8],
    ] as const) {
      const legs = legsOf(n);
      expect(legs).toHaveLength(1);
      const leg = legs[0];
      expect(leg).toMatchObject({ abandoned: true, waitSeconds: wait, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0 });
      expect(leg).not.toHaveProperty('agentRef');
    }
  });

  it('a blind transfer from one queue to another gives two legs, each with its agent', () => {
    const legs = legsOf(12);
    expect(legs.map((l) => [l.queue, l.agentRef, l.waitSeconds, l.talkSeconds, l.wrapSeconds, l.externalId.endsWith(':1')])).toEqual([
      [Q_BILL, '3f8a1c52-6d2e-4b7a-9c1f-0a2b3c4d5e01', 22.4, 95.6, 15, true],
      [Q_SUP, '3f8a1c52-6d2e-4b7a-9c1f-0a2b3c4d5e02', 48.25, 402, 30, true],
    ]);
  });

  it('an agent who lets it ring does not take the call: the one who answers does', () => {
    expect(legsOf(13)).toEqual([expect.objectContaining({ agentRef: '3f8a1c52-6d2e-4b7a-9c1f-0a2b3c4d5e02', waitSeconds: 58, talkSeconds: 180.5 })]);
  });

  it('outbound calls: on behalf of a queue, and without one', () => {
    expect(legsOf(14)).toEqual([expect.objectContaining({ direction: 'outbound', queue: Q_OUT, waitSeconds: 0, talkSeconds: 146.7, wrapSeconds: 20 })]);
    expect(legsOf(15)).toEqual([expect.objectContaining({ direction: 'outbound', queue: 'outbound', externalId: `gc:${idOf(15)}:outbound:1`, talkSeconds: 83 })]);
  });

  it('a queue overflow without an answer is a leg of its own, not abandoned', () => {
    expect(legsOf(20).map((l) => [l.queue, l.abandoned, l.waitSeconds, l.talkSeconds])).toEqual([
      [Q_BILL, false, 120, 0],
      [Q_SUP, false, 33.3, 250],
    ]);
  });

  it('chat, IVR-only, in-progress and open wrap-up conversations give no record', () => {
    for (const n of [16, 17, 19, 21]) expect(legsOf(n)).toEqual([]);
    expect(sample.notes).toEqual(
      expect.arrayContaining([
        'Conversations of other media than voice are not calls and were left out (chat: 1).',
        '2 conversations still in progress were held back.',
      ]),
    );
  });

  it('rejects the conversation without conversationStart and the one with a segment date that is no date, by line and position', () => {
    expect(sample.rejected.map((r) => [r.line, r.record, r.reason.slice(0, 50)])).toEqual([
      [1789, 18, 'The conversation has no conversationStart'],
      [2187, 22, 'The conversation: participants[2].sessions[0].segm'],
    ]);
    expect(sampleText.split('\n')[1788]?.trim()).toBe('{');
    for (const r of sample.rejected) expect(r.excerpt?.length).toBeLessThanOrEqual(200);
  });

  it('reads the same records when the file is read twice: the same conversation counts once', () => {
    const twice = genesysImporter.parse(
      [
        { name: 'a.json', text: sampleText },
        { name: 'b.json', text: sampleText },
      ],
      {},
    );
    expect(twice.records).toEqual(sample.records);
    expect(twice.notes).toContain('24 conversations appeared more than once: read once.');
  });
});

describe('rejections', () => {
  const one = (conversation: object) => parseText(JSON.stringify({ conversations: [conversation] }, null, 2));
  type Written = { participants: { sessions: { segments: { segmentEnd: string }[] }[] }[] };
  const answered = (): Written => JSON.parse(writeGenesys([
    { externalId: 'gc:c1:q1:1', startedAt: '2026-11-16T08:00:00.000Z', direction: 'inbound', queue: 'q1', agentRef: 'u1', waitSeconds: 10, talkSeconds: 60, holdSeconds: 0, wrapSeconds: 5, abandoned: false },
  ])).conversations[0];

  /** The writer puts the acd participant second, after the customer. */
  const setAcdEnd = (conversation: Written, end: string) => {
    const segment = conversation.participants[1]?.sessions[0]?.segments[0];
    if (!segment) throw new Error('the writer no longer puts the acd participant second');
    segment.segmentEnd = end;
  };

  it('names the line of a JSON line that is not JSON, and keeps the others', () => {
    const good = JSON.stringify(answered());
    const result = parseText([good, '{"conversationId": "broken", ', good.replace('"c1"', '"c2"')].join('\n'));
    expect(result.records).toHaveLength(2);
    expect(result.rejected).toEqual([expect.objectContaining({ line: 2, record: 2, reason: 'This record is not valid JSON' })]);
  });

  it('refuses a queue leg that lasts over a day', () => {
    const conversation = answered();
    setAcdEnd(conversation, '2026-11-17T09:00:00.000Z');
    const result = one(conversation);
    expect(result.records).toEqual([]);
    expect(result.rejected).toEqual([expect.objectContaining({ line: 3, record: 1, reason: expect.stringMatching(/wait over a day/) })]);
  });

  it('refuses a queue leg that ends before it starts', () => {
    const conversation = answered();
    setAcdEnd(conversation, '2026-11-16T07:59:00.000Z');
    expect(one(conversation).rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/ends before it starts/) })]);
  });

  it('says so when the file is cut short', () => {
    const result = parseText(sampleText.slice(0, 5000));
    const lastStart = sampleText.slice(0, 5000).lastIndexOf('\n    {');
    const line = sampleText.slice(0, lastStart + 1).split('\n').length;
    expect(result.rejected).toEqual([expect.objectContaining({ line, record: 2, reason: 'The "conversations" list is cut short or broken here' })]);
    expect(result.records).toHaveLength(1);
  });

  it('never throws, whatever the text: every rejection has a line and a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.tuple(fc.nat(sampleText.length), fc.nat(400), fc.string()).map(([at, cut, insert]) => sampleText.slice(0, at) + insert + sampleText.slice(at + cut)),
        ),
        (text) => {
          const result = parseText(text);
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
  it('recognises its sample and a writer file', () => {
    expect(genesysImporter.detect(sampleText)).toBe(true);
    const records = fc.sample(genesysCallsArbitrary.filter((r) => r.length > 0), 1)[0] ?? [];
    expect(genesysImporter.detect(writeGenesys(records))).toBe(true);
    expect(genesysImporter.detect(JSON.stringify(JSON.parse(sampleText).conversations[0]))).toBe(true);
  });

  it('refuses the other formats', () => {
    const others = [
      '1700000000|1700000000.1|support|NONE|ENTERQUEUE||0612345678|1',
      'externalId,startedAt,direction,queue,agentRef,waitSeconds,talkSeconds\n',
      '{"ContactId":"7f1e1c2a-0000-4000-8000-000000000001","Channel":"VOICE","InitiationMethod":"INBOUND"}',
    ];
    for (const dir of readdirSync(SAMPLES, { withFileTypes: true })) {
      if (!dir.isDirectory() || dir.name === 'genesys') continue;
      for (const file of readdirSync(join(SAMPLES, dir.name))) {
        if (file !== 'README.md') others.push(readFileSync(join(SAMPLES, dir.name, file), 'utf8'));
      }
    }
    for (const text of others) expect(genesysImporter.detect(text), text.slice(0, 80)).toBe(false);
  });
});
