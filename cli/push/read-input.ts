// Reads the file a site pushes: JSON (`{ "records": [...] }`, `{ "evaluations": [...] }` or a bare
// array) or CSV (columns documented in the README; see samples/).
import fs from 'node:fs';
import { detectCsvKind, parseIngestCsv, type CsvKind } from '@/server/ingest/csv';

export type PushInput = { kind: CsvKind; format: 'csv' | 'json'; records: unknown[]; csvRows?: string[] };

/** `text` when the caller has read the file already (to tell it from an export that needs an importer). */
export function readPushInput(file: string, forced?: CsvKind, text: string = fs.readFileSync(file, 'utf8')): PushInput {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (file.toLowerCase().endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (Array.isArray(data)) return { kind: forced ?? 'calls', format: 'json', records: data };
    const object = data as { records?: unknown; evaluations?: unknown };
    if (Array.isArray(object.evaluations)) return { kind: 'evaluations', format: 'json', records: object.evaluations };
    if (Array.isArray(object.records)) return { kind: forced ?? 'calls', format: 'json', records: object.records };
    throw new Error(`${file} holds neither "records" nor "evaluations" (an array of them is expected).`);
  }
  const kind = forced ?? detectCsvKind(text);
  const parsed = parseIngestCsv(kind, text);
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
  // The original lines, to write the rejected ones back out as CSV. csv-parse already validated the
  // file; quoted newlines are rare in exports, so a line split keeps the common case exact.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  return { kind, format: 'csv', records: parsed.records, csvRows: lines };
}
