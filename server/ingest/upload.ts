// Files uploaded from the app by a site lead: Vigie's own CSV or JSON, or a telephony export read by
// its importer (lib/importers). The preview judges every record as the REST API would and writes
// nothing; the commit judges the same files the same way, then stores the valid records through
// the one ingest path, 5,000 at a time.
import type { Db } from '@/db/client';
import { findSiteById } from '@/db/queries/sites';
import { IMPORTERS } from '@/lib/importers';
import type { ImportOptions } from '@/lib/importers/types';
import type { Actor } from '@/server/auth/principal';
import { badRequest, notFound } from '@/server/errors';
import { findImportMapping } from '@/server/importers/mappings';
import { callRecordSchema, MAX_BATCH } from '@/lib/ingest/call-record.schema';
import { ingestCalls } from './calls';
import type { CsvKind } from './csv';
import { evaluationSchema } from './evaluation.schema';
import { ingestEvaluations } from './evaluations';
import type { IngestResult } from './ingest-result';
import { checkUpload, LISTED_REJECTIONS, recordRejection, type CheckedUpload, type SourcedValue, type UploadRejection } from './upload-check';
import { VIGIE_FORMAT, type UploadFormat, type UploadInput } from './upload-input';
import { recogniseUpload, unrecognisedReason, uploadFormatLabel, type Recognition } from './upload-recognise';
import { readVigieFiles, type SourcedRecord } from './upload-vigie';

export { PREVIEW_ROWS, type UploadRejection } from './upload-check';

type Judged = {
  kind: CsvKind;
  format: UploadFormat;
  /** The zone offset-less times were read in, when the format has such times. */
  timeZone: string | null;
  checked: CheckedUpload<unknown>;
};

type UploadSummary = {
  kind: CsvKind;
  format: UploadFormat;
  timeZone: string | null;
  total: number;
  valid: number;
  held: number;
  notes: string[];
  /** The first LISTED_REJECTIONS rejections, importer's lines first, then the schema's records. */
  rejected: UploadRejection[];
  rejectedCount: number;
};

export type UploadPreview = UploadSummary & { preview: Record<string, unknown>[] };
export type UploadCommit = UploadSummary & { inserted: number; updated: number; unchanged: number };

export function recogniseFiles(files: readonly { name: string; head: string }[]): Recognition {
  return recogniseUpload(files.map((f) => ({ name: f.name, text: f.head })));
}

async function importerOptions(db: Db, siteId: number, format: Exclude<UploadFormat, 'vigie'>, input: UploadInput): Promise<ImportOptions> {
  const given = input.options ?? {};
  const needs = IMPORTERS[format].needs;
  const options: ImportOptions = { inboundContext: given.inboundContext, defaultQueue: given.defaultQueue, timeZone: given.timeZone };
  if (needs.includes('timeZone') && !options.timeZone) {
    // A PBX beside the site writes the site's local time: the site's own zone unless told otherwise.
    const site = await findSiteById(db, siteId);
    if (!site) throw notFound('Site');
    options.timeZone = site.timezone;
  }
  if (needs.includes('mapping')) {
    if (!given.mapping) throw badRequest(`A ${IMPORTERS[format].label} file needs a saved column mapping: choose one, or save one under Manage mappings.`);
    const mapping = await findImportMapping(db, siteId, given.mapping);
    if (!mapping) throw badRequest(`No column mapping named "${given.mapping}" is saved for this site.`);
    options.mapping = mapping;
  }
  return options;
}

/** Reads and judges the files; the preview and the commit both start here, so they cannot differ. */
async function judgeUpload(db: Db, siteId: number, input: UploadInput): Promise<Judged> {
  const format = input.format ?? recogniseUpload(input.files).format;
  if (!format) throw badRequest(unrecognisedReason(recogniseUpload(input.files)));
  if (format === VIGIE_FORMAT) {
    const schema = input.kind === 'calls' ? callRecordSchema : evaluationSchema;
    return { kind: input.kind, format, timeZone: null, checked: checkUpload<{ externalId: string }>(schema, readVigieFiles(input.kind, input.files)) };
  }
  if (input.kind !== 'calls') throw badRequest(`${uploadFormatLabel(format)} files hold calls: upload them as call records.`);
  const options = await importerOptions(db, siteId, format, input);
  const result = IMPORTERS[format].parse(input.files, options);
  // The importer's records carry no line of their own: a refusal points at the files and the record's rank.
  const source = input.files.map((f) => f.name).join(' + ');
  const records: SourcedRecord[] = result.records.map((value, index) => ({ value, source, record: index + 1 }));
  return { kind: 'calls', format, timeZone: options.timeZone ?? null, checked: checkUpload(callRecordSchema, records, result) };
}

function summaryOf(judged: Judged, rejected: UploadRejection[]): UploadSummary {
  return {
    kind: judged.kind,
    format: judged.format,
    timeZone: judged.timeZone,
    total: judged.checked.total,
    valid: judged.checked.valid.length,
    held: judged.checked.held,
    notes: judged.checked.notes,
    rejected: rejected.slice(0, LISTED_REJECTIONS),
    rejectedCount: rejected.length,
  };
}

/** Judges every record as the API would; writes nothing. */
export async function previewUpload(db: Db, args: { siteId: number; input: UploadInput }): Promise<UploadPreview> {
  const judged = await judgeUpload(db, args.siteId, args.input);
  return { ...summaryOf(judged, judged.checked.rejected), preview: judged.checked.preview };
}

async function ingestChunk(db: Db, kind: CsvKind, args: { siteId: number; actor: Actor; chunk: unknown[] }): Promise<IngestResult> {
  return kind === 'calls'
    ? ingestCalls(db, { siteId: args.siteId, records: args.chunk, actor: args.actor })
    : ingestEvaluations(db, { siteId: args.siteId, evaluations: args.chunk, actor: args.actor });
}

/**
 * Stores the valid records in batches of 5,000, each in its own transaction, and adds up the
 * answers. A file with no valid record writes nothing at all (no batch, no audit line).
 */
export async function commitUpload(db: Db, args: { siteId: number; actor: Actor; input: UploadInput }): Promise<UploadCommit> {
  const judged = await judgeUpload(db, args.siteId, args.input);
  const valid: SourcedValue<unknown>[] = judged.checked.valid;
  const rejected = [...judged.checked.rejected];
  let inserted = 0;
  let updated = 0;
  let refusedAtIngest = 0;
  for (let offset = 0; offset < valid.length; offset += MAX_BATCH) {
    const chunk = valid.slice(offset, offset + MAX_BATCH);
    const result = await ingestChunk(db, judged.kind, { siteId: args.siteId, actor: args.actor, chunk: chunk.map((v) => v.value) });
    inserted += result.inserted;
    updated += result.updated;
    // Evaluations can still be refused here (a form code the site does not use); calls passed the same schema already.
    for (const r of result.rejected) {
      const at = chunk[r.index];
      if (at) rejected.push(recordRejection(at, r));
    }
    refusedAtIngest += result.rejected.length;
  }
  const stored = valid.length - refusedAtIngest;
  return { ...summaryOf(judged, rejected), valid: stored, inserted, updated, unchanged: stored - inserted - updated };
}
