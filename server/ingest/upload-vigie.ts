// Vigie's own files, as the REST API takes their records: CSV with one column per field (csv.ts) or
// the JSON body of POST /api/v1/calls (/evaluations), or a bare array of records. Each record keeps
// where it came from, so that a rejection points into the right file.
import { badRequest } from '@/server/errors';
import { parseIngestCsv, type CsvKind } from './csv';

/** A record before the schema judges it, with its file and its position there (1-based). */
export type SourcedRecord = { value: unknown; source: string; record: number };

function jsonRecords(kind: CsvKind, name: string, text: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw badRequest(`${name}: not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(body)) return body;
  const key = kind === 'calls' ? 'records' : 'evaluations';
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw badRequest(`${name}: expected an array of ${kind}, or an object with a "${key}" array`);
  return list;
}

function csvRecords(kind: CsvKind, name: string, text: string): unknown[] {
  const parsed = parseIngestCsv(kind, text);
  if (parsed.errors.length) throw badRequest(`${name}: ${parsed.errors.join(' ')}`);
  return parsed.records;
}

function looksLikeJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[';
}

/** Every record of every file, in order; a file that cannot be read at all refuses the upload. */
export function readVigieFiles(kind: CsvKind, files: readonly { name: string; text: string }[]): SourcedRecord[] {
  const records: SourcedRecord[] = [];
  for (const file of files) {
    const values = looksLikeJson(file.text) ? jsonRecords(kind, file.name, file.text) : csvRecords(kind, file.name, file.text);
    if (values.length === 0) throw badRequest(`${file.name}: the file has no ${kind === 'calls' ? 'call records' : 'evaluations'}.`);
    values.forEach((value, index) => records.push({ value, source: file.name, record: index + 1 }));
  }
  return records;
}
