import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import { amazonConnectImporter } from './amazon-connect';
import { amazonConnectCallsArbitrary, writeAmazonConnect } from './testing/amazon-connect-writer';
import type { ImportResult, ImportSource } from './types';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const sample = (name: string): ImportSource => ({ name, text: readFileSync(path.join(SAMPLES, 'amazon-connect', name), 'utf8') });
const parse = (text: string) => amazonConnectImporter.parse([{ name: 'ctr.json', text }], {});

function expectStorable(result: ImportResult) {
  for (const record of result.records) expect(() => callRecordSchema.parse(record)).not.toThrow();
}

/** The writer's JSON lines as Firehose may also deliver them: back to back, or as one array. */
function deliver(lines: string, as: 'lines' | 'concatenated' | 'array'): string {
  const objects = lines.split('\n').filter((l) => l !== '');
  if (as === 'concatenated') return objects.join('');
  if (as === 'array') return `[\n${objects.join(',\n')}\n]\n`;
  return lines;
}

describe('amazon-connect: round trip through contact records', () => {
  it('gives back every call, however delivered, duplicates resolved to the newest', () => {
    fc.assert(
      fc.property(amazonConnectCallsArbitrary(), fc.boolean(), fc.constantFrom('lines', 'concatenated', 'array') as fc.Arbitrary<'lines' | 'concatenated' | 'array'>, (calls, duplicates, as) => {
        const result = parse(deliver(writeAmazonConnect(calls, { duplicates }), as));
        expect(result.rejected).toEqual([]);
        expect(result.held).toBe(0);
        expect(result.records).toEqual(calls);
        const copies = duplicates ? Math.ceil(calls.length / 5) : 0;
        expect(result.notes).toEqual(copies === 0 ? [] : [`${copies} duplicate contact record${copies === 1 ? '' : 's'}: the newest of each kept (by LastUpdateTimestamp)`]);
        expectStorable(result);
      }),
      { numRuns: 150 },
    );
  });
});

describe('amazon-connect: the samples', () => {
  const result = amazonConnectImporter.parse([sample('contact-records.jsonl')], {});
  const byId = new Map(result.records.map((r) => [r.externalId, r]));
  const id = (n: number) => `ac:7c1e${String(n).padStart(4, '0')}-5d2a-4b8e-9f30-6a1c2b3d4e5f`;

  it('contact-records.jsonl: 28 calls from 35 lines, 2 rejected, duplicates, the chat and the IVR-only contact noted', () => {
    expect(result.records).toHaveLength(28);
    expect(result.held).toBe(0);
    expect(result.rejected.map((r) => [r.line, r.record, r.reason])).toEqual([
      [34, 34, 'This record is cut short: its braces do not close'],
      [35, 35, 'Not a contact record Vigie can read: Agent.AgentInteractionDuration is not a number: "seventy-five"'],
    ]);
    expect(result.notes).toEqual([
      '3 duplicate contact records: the newest of each kept (by LastUpdateTimestamp)',
      '1 CHAT contact read: not calls, left out',
      '1 voice contact reached neither a queue nor an agent (IVR only, or transferred out by the flow): not calls of a queue, left out',
    ]);
    expect(result.records.filter((r) => r.abandoned)).toHaveLength(2);
    expect(result.records.filter((r) => r.direction === 'outbound')).toHaveLength(1);
    expectStorable(result);
  });

  it('an answered call: queue wait, agent interaction, hold and after-contact work, the disconnect reason as outcome', () => {
    expect(byId.get(id(2))).toEqual({
      externalId: id(2), startedAt: '2026-11-25T08:10:00.000Z', direction: 'inbound', queue: 'Support', agentRef: 'lucas.bernard',
      waitSeconds: 27, talkSeconds: 173, holdSeconds: 31, wrapSeconds: 27, abandoned: false, outcome: 'agent_disconnect',
    });
  });

  it('duplicates: the newest LastUpdateTimestamp wins wherever it sits in the file; on a tie, the later one', () => {
    expect(byId.get(id(21))).toMatchObject({ holdSeconds: 25, wrapSeconds: 48 });
    expect(byId.get(id(22))).toMatchObject({ talkSeconds: 610, wrapSeconds: 90 });
    expect(byId.get(id(23))).toMatchObject({ outcome: 'agent_disconnect' });
  });

  it('a queue transfer: two contacts, each its own call in its own queue', () => {
    expect(byId.get(id(24))).toMatchObject({ queue: 'Support', agentRef: 'tom.leclerc', waitSeconds: 20, talkSeconds: 95, abandoned: false });
    expect(byId.get(id(25))).toMatchObject({ queue: 'Billing', agentRef: 'amina.diallo', waitSeconds: 64, talkSeconds: 240, direction: 'inbound', startedAt: '2026-11-25T12:12:10.000Z' });
  });

  it('abandons: in queue, and while the agent was being connected (no agent kept)', () => {
    expect(byId.get(id(26))).toEqual({
      externalId: id(26), startedAt: '2026-11-25T12:26:40.000Z', direction: 'inbound', queue: 'Support', waitSeconds: 95,
      talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: true, outcome: 'customer_disconnect',
    });
    const connecting = byId.get(id(27));
    expect(connecting).toMatchObject({ queue: 'Sales', waitSeconds: 41, talkSeconds: 0, abandoned: true });
    expect(connecting?.agentRef).toBeUndefined();
  });

  it('the chat (28) and the IVR-only contact (29) are no calls; the outbound call is one', () => {
    expect(byId.has(id(28))).toBe(false);
    expect(byId.has(id(29))).toBe(false);
    expect(byId.get(id(30))).toMatchObject({ direction: 'outbound', queue: 'Outbound', agentRef: 'tom.leclerc', waitSeconds: 0, talkSeconds: 180, wrapSeconds: 20, abandoned: false });
  });

  it('records back to back and a JSON array are read alike, together with the lines file', () => {
    const concatenated = amazonConnectImporter.parse([sample('firehose-concatenated.json')], {});
    expect(concatenated.records.map((r) => [r.externalId, r.abandoned, r.waitSeconds])).toEqual([[id(41), false, 18], [id(42), true, 150]]);
    const array = amazonConnectImporter.parse([sample('export-array.json')], {});
    expect(array.records.map((r) => [r.externalId, r.holdSeconds, r.waitSeconds, r.direction])).toEqual([[id(43), 60, 25, 'inbound'], [id(44), 0, 300, 'inbound']]);
    expect(array.rejected).toEqual([]);
    const all = amazonConnectImporter.parse([sample('contact-records.jsonl'), sample('firehose-concatenated.json'), sample('export-array.json')], {});
    expect(all.records).toHaveLength(32);
    expect(all.rejected.map((r) => r.source)).toEqual(['contact-records.jsonl', 'contact-records.jsonl']);
  });
});

describe('amazon-connect: contacts not (yet) calls, and rejections', () => {
  const base = JSON.parse(writeAmazonConnect([{
    externalId: 'ac:11111111-2222-4333-8444-555555555555', startedAt: '2026-11-25T09:00:00.000Z', direction: 'inbound', queue: 'Support',
    agentRef: 'amina', waitSeconds: 10, talkSeconds: 100, holdSeconds: 0, wrapSeconds: 5, abandoned: false, outcome: 'customer_disconnect',
  }]).trim()) as Record<string, unknown>;
  const line = (over: Record<string, unknown>) => JSON.stringify({ ...base, ...over });

  it('a contact with no DisconnectTimestamp yet is held back, until a newer record closes it', () => {
    const open = line({ DisconnectTimestamp: null, LastUpdateTimestamp: '2026-11-25T09:00:30Z' });
    expect(parse(open)).toMatchObject({ records: [], held: 1 });
    expect(parse(`${open}\n${line({})}`)).toMatchObject({ held: 0, records: [{ externalId: 'ac:11111111-2222-4333-8444-555555555555' }] });
  });

  it('a contact Connect placed that nobody took (an API campaign call) is outbound and no abandon', () => {
    const result = parse(line({ InitiationMethod: 'API', Agent: null, Queue: { Name: 'Campaign', Duration: 30 } }));
    expect(result.records).toEqual([{
      externalId: 'ac:11111111-2222-4333-8444-555555555555', startedAt: '2026-11-25T09:00:00.000Z', direction: 'outbound', queue: 'Campaign',
      waitSeconds: 30, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: false, outcome: 'customer_disconnect',
    }]);
  });

  it('queue wait from the enqueue and dequeue times when Duration is absent; the default queue when the contact had none', () => {
    const noDuration = parse(line({ Queue: { Name: 'Support', EnqueueTimestamp: '2026-11-25T09:00:12Z', DequeueTimestamp: '2026-11-25T09:01:02.500Z' } }));
    expect(noDuration.records[0]).toMatchObject({ waitSeconds: 50.5, queue: 'Support' });
    const noQueue = amazonConnectImporter.parse([{ name: 'ctr.json', text: line({ Queue: null }) }], { defaultQueue: 'direct' });
    expect(noQueue.records[0]).toMatchObject({ queue: 'direct', waitSeconds: 0, abandoned: false, agentRef: 'amina' });
  });

  it('name the line, the record and the reason', () => {
    const text = [
      line({ ContactId: 'a1' }),
      '',
      line({ ContactId: 'a2', InitiationTimestamp: '25/11/2026 09:00' }),
      line({ ContactId: 'a3', Queue: { Name: 'Support', Duration: 90_000 } }),
      '"a string"',
      line({ ContactId: undefined }),
      '{"ContactId": "a5", "Channel": VOICE}',
      line({ ContactId: 'a6', InitiationTimestamp: '1850-01-01T00:00:00Z' }),
      line({ ContactId: 'a7', Agent: { Username: 'x\u0000y', ConnectedToAgentTimestamp: '2026-11-25T09:00:10Z' } }),
    ].join('\n');
    const result = parse(text);
    expect(result.records.map((r) => r.externalId)).toEqual(['ac:a1']);
    expect(result.rejected.map((r) => [r.line, r.record, r.reason])).toEqual([
      [3, 2, 'Not a contact record Vigie can read: InitiationTimestamp is not an ISO 8601 timestamp with Z or an offset: "25/11/2026 09:00"'],
      [4, 3, 'Not a contact record Vigie can read: Queue.Duration is over a day: a clock or export error, not a call: 90000'],
      [5, 4, 'This is not a JSON object (a contact record starts with "{")'],
      [6, 5, 'Not a contact record Vigie can read: ContactId is missing'],
      [7, 6, expect.stringMatching(/^This record is not valid JSON: /)],
      [8, 7, 'InitiationTimestamp 1850-01-01T00:00:00Z is outside the years 1900 to 2199'],
      [9, 8, 'The record contains a NUL character: the export is damaged here'],
    ]);
  });

  it('never throw, whatever the text; every rejection points at a line of the file', () => {
    const sampleText = sample('contact-records.jsonl').text;
    const sampleLines = sampleText.split('\n');
    const mutated = fc
      .tuple(fc.constantFrom(...sampleLines), fc.nat(3000), fc.nat(40), fc.string({ maxLength: 8 }))
      .map(([l, at, cut, insert]) => l.slice(0, at % (l.length + 1)) + insert + l.slice((at % (l.length + 1)) + (cut % 9)));
    const piece = fc.oneof(mutated, fc.string({ maxLength: 100 }), fc.json({ maxDepth: 3 }), fc.constantFrom(...sampleLines));
    const text = fc.array(piece, { maxLength: 20 }).chain((ps) => fc.constantFrom(ps.join('\n'), ps.join(''), `[${ps.join(',')}]`));
    fc.assert(
      fc.property(text, (input) => {
        const result = parse(input);
        const lineCount = input.split('\n').length;
        for (const r of result.rejected) {
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(lineCount);
          expect(r.reason.length).toBeGreaterThan(10);
        }
        expectStorable(result);
      }),
      { numRuns: 300 },
    );
  });
});

describe('amazon-connect: detect', () => {
  it('recognises its samples', () => {
    for (const name of ['contact-records.jsonl', 'firehose-concatenated.json', 'export-array.json']) expect(amazonConnectImporter.detect(sample(name).text)).toBe(true);
  });

  it("refuses other formats' text", () => {
    const others = [
      '1700000000|1700000000.1|support|NONE|ENTERQUEUE||0612345678|1\n',
      'externalId,startedAt,direction,queue,agentRef,waitSeconds,talkSeconds,holdSeconds,wrapSeconds,abandoned\n',
      '{"conversations":[{"conversationId":"c1","participants":[]}]}',
      '',
    ];
    for (const entry of readdirSync(SAMPLES)) {
      const full = path.join(SAMPLES, entry);
      if (entry === 'amazon-connect') continue;
      const files = statSync(full).isDirectory() ? readdirSync(full).map((f) => path.join(full, f)) : [full];
      for (const file of files) if (!file.endsWith('.md')) others.push(readFileSync(file, 'utf8'));
    }
    for (const text of others) expect(amazonConnectImporter.detect(text)).toBe(false);
  });
});
