// The judgement shared by the preview and the commit: the importer's rejected lines and the
// schema's refused records in one list pointing into the files, the first of two records with one
// externalId kept, and totals that add up (valid + rejected + held).
import { describe, expect, it } from 'vitest';
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import { checkUpload, excerptOf, PREVIEW_ROWS } from './upload-check';

const call = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  startedAt: '2026-11-16T08:00:00+01:00',
  direction: 'inbound',
  queue: 'support-fr',
  waitSeconds: 4,
  talkSeconds: 120,
  holdSeconds: 0,
  wrapSeconds: 0,
  abandoned: false,
  ...extra,
});

describe('checkUpload', () => {
  it("lists the importer's lines first, then the records the schema refuses, each with its file, rank, id, reason and excerpt", () => {
    const records = [call('A'), call('B', { waitSeconds: -1, direction: 'sideways' }), call('A'), call('C')].map((value, i) => ({ value, source: 'queue_log', record: i + 1 }));
    const checked = checkUpload(callRecordSchema, records, {
      rejected: [{ source: 'queue_log', line: 71, reason: "The time is not a Unix epoch: '17948O8145'", excerpt: '17948O8145|…' }],
      held: 2,
      notes: ['2 calls held'],
    });
    expect(checked.valid.map((v) => [v.value.externalId, v.record])).toEqual([
      ['A', 1],
      ['C', 4],
    ]);
    expect(checked.rejected).toEqual([
      { source: 'queue_log', line: 71, reason: "The time is not a Unix epoch: '17948O8145'", excerpt: '17948O8145|…' },
      {
        source: 'queue_log',
        line: 0,
        record: 2,
        externalId: 'B',
        reason: expect.stringMatching(/^direction: .+; waitSeconds: /) as string,
        excerpt: excerptOf(records[1]!.value),
      },
      {
        source: 'queue_log',
        line: 0,
        record: 3,
        externalId: 'A',
        reason: expect.stringMatching(/^externalId: Duplicate in this batch/) as string,
        excerpt: excerptOf(records[2]!.value),
      },
    ]);
    expect(checked).toMatchObject({ total: 4 + 1 + 2, held: 2, notes: ['2 calls held'] });
    expect(checked.total).toBe(checked.valid.length + checked.rejected.length + checked.held);
  });

  it('previews the first records as read, and cuts excerpts at 200 characters', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ value: call(`R${i}`, { queue: 'q'.repeat(300) }), source: 'f.csv', record: i + 1 }));
    const checked = checkUpload(callRecordSchema, records);
    expect(checked.preview).toHaveLength(PREVIEW_ROWS);
    expect(checked.preview[0]).toEqual(records[0]!.value);
    expect(checked.rejected).toHaveLength(30);
    expect(checked.rejected.every((r) => (r.excerpt ?? '').length === 200)).toBe(true);
    expect(checked).toMatchObject({ total: 30, held: 0, notes: [] });
  });

  it('shows a record that is not an object as a row of its own', () => {
    const checked = checkUpload(callRecordSchema, [{ value: 42, source: 'calls.json', record: 1 }]);
    expect(checked.preview).toEqual([{ value: 42 }]);
    expect(checked.rejected[0]).toMatchObject({ record: 1, excerpt: '42' });
    expect(checked.rejected[0]).not.toHaveProperty('externalId');
  });
});
