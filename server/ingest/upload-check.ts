// The judgement of an upload before anything is written, the same for the preview and the commit:
// the lines the importer could not use and the records the API's schema refuses, in one list of
// rejections that each point into a file, and the records that will be stored.
import type { z } from 'zod';
import type { ImportRejection } from '@/lib/importers/types';
import type { FieldError, RejectedRecord } from './ingest-result';
import type { SourcedRecord } from './upload-vigie';
import { rejectDuplicates, validateBatch } from './validate-batch';

export const PREVIEW_ROWS = 20;
/** The answer lists this many rejections at most (rejectedCount has them all): a file of garbage would otherwise come back whole. */
export const LISTED_REJECTIONS = 1000;
const EXCERPT_CHARS = 200;

/** A line or record that will not be stored, and why. */
export type UploadRejection = {
  source: string;
  /** 1-based line of the file when known, else 0 (then `record` says which). */
  line: number;
  /** 1-based position of the record in its file (JSON, Vigie's CSV rows) or in what the importer read. */
  record?: number;
  externalId?: string;
  reason: string;
  excerpt?: string;
};

/** A record the schema accepted, with where it came from (the ingest may still refuse it, e.g. an unknown QA form). */
export type SourcedValue<T> = { value: T; source: string; record: number };

export type CheckedUpload<T> = {
  /** Everything that stood for a call (or evaluation): valid, rejected and held back. */
  total: number;
  valid: SourcedValue<T>[];
  held: number;
  notes: string[];
  /** The first records as read, before the schema judged them. */
  preview: Record<string, unknown>[];
  rejected: UploadRejection[];
};

export function excerptOf(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, EXCERPT_CHARS);
}

function reasonOf(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

function asRow(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

/** A record refused by the schema or by the ingest, pointed at in its file. */
export function recordRejection(at: { value: unknown; source: string; record: number }, refused: RejectedRecord): UploadRejection {
  return {
    source: at.source,
    line: 0,
    record: at.record,
    ...(refused.externalId !== null && { externalId: refused.externalId }),
    reason: reasonOf(refused.errors),
    excerpt: excerptOf(at.value),
  };
}

/** What the importer said of the files; Vigie's own files have none of it. */
export type ImporterVerdict = { rejected: readonly ImportRejection[]; held: number; notes: readonly string[] };

export const NO_IMPORTER: ImporterVerdict = { rejected: [], held: 0, notes: [] };

/**
 * Judges every record with the API's schema and its one-record-per-externalId rule (validateBatch,
 * rejectDuplicates), so that an upload accepts and refuses exactly what a push would.
 */
export function checkUpload<T extends { externalId: string }>(
  schema: z.ZodType<T>,
  records: readonly SourcedRecord[],
  importer: ImporterVerdict = NO_IMPORTER,
): CheckedUpload<T> {
  const checked = validateBatch(
    records.map((r) => r.value),
    schema,
  );
  const { unique, duplicates } = rejectDuplicates(checked.valid);
  const refused = [...checked.rejected, ...duplicates].sort((a, b) => a.index - b.index);
  const rejected: UploadRejection[] = importer.rejected.map((r) => ({ ...r }));
  for (const r of refused) {
    const at = records[r.index];
    if (at) rejected.push(recordRejection(at, r));
  }
  return {
    total: records.length + importer.rejected.length + importer.held,
    valid: unique.flatMap((u) => {
      const at = records[u.index];
      return at ? [{ value: u.value, source: at.source, record: at.record }] : [];
    }),
    held: importer.held,
    notes: [...importer.notes],
    preview: records.slice(0, PREVIEW_ROWS).map((r) => asRow(r.value)),
    rejected,
  };
}
