// CSV uploads from the app (a site lead whose telephony export is manual): a preview that
// validates without writing, then the commit through the same ingest path as the REST API.
import type { Db } from '@/db/client';
import type { Actor } from '@/server/auth/principal';
import { badRequest } from '@/server/errors';
import { callRecordSchema, MAX_BATCH } from './call-record.schema';
import { ingestCalls } from './calls';
import { parseIngestCsv, type CsvKind } from './csv';
import { evaluationSchema } from './evaluation.schema';
import { ingestEvaluations } from './evaluations';
import type { IngestResult, RejectedRecord } from './ingest-result';
import { byIndex, rejectDuplicates, validateBatch } from './validate-batch';

export const PREVIEW_ROWS = 20;

export type UploadPreview = {
  kind: CsvKind;
  total: number;
  valid: number;
  preview: Record<string, unknown>[];
  rejected: RejectedRecord[];
};

function parseOrFail(kind: CsvKind, csv: string) {
  const parsed = parseIngestCsv(kind, csv);
  if (parsed.errors.length) throw badRequest(parsed.errors.join(' '));
  if (parsed.records.length === 0) throw badRequest('The file has a header but no rows.');
  return parsed.records;
}

/** Validates every row as the API would, writes nothing. */
export function previewUpload(kind: CsvKind, csv: string): UploadPreview {
  const records = parseOrFail(kind, csv);
  const schema = kind === 'calls' ? callRecordSchema : evaluationSchema;
  const checked = validateBatch(records, schema);
  const { unique, duplicates } = rejectDuplicates(checked.valid as { index: number; value: { externalId: string } }[]);
  return {
    kind,
    total: records.length,
    valid: unique.length,
    preview: records.slice(0, PREVIEW_ROWS),
    rejected: byIndex([...checked.rejected, ...duplicates]),
  };
}

/** Ingests the file in batches of 5,000, each in its own transaction, and adds up the answers. */
export async function commitUpload(db: Db, args: { kind: CsvKind; csv: string; siteId: number; actor: Actor }): Promise<IngestResult> {
  const records = parseOrFail(args.kind, args.csv);
  const total: IngestResult = { received: 0, inserted: 0, updated: 0, rejected: [] };
  for (let offset = 0; offset < records.length; offset += MAX_BATCH) {
    const chunk = records.slice(offset, offset + MAX_BATCH);
    const result =
      args.kind === 'calls'
        ? await ingestCalls(db, { siteId: args.siteId, records: chunk, actor: args.actor })
        : await ingestEvaluations(db, { siteId: args.siteId, evaluations: chunk, actor: args.actor });
    total.received += result.received;
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.rejected.push(...result.rejected.map((r) => ({ ...r, index: r.index + offset })));
  }
  return total;
}
