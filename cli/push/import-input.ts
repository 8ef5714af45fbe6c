// The files of a telephony export as the importers take them: read (logrotate's gzip unpacked),
// rotated queue_log files put oldest first, and the check that tells Vigie's own CSV and JSON
// (pushed as they are, no importer) from an export that needs one.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ImportFormat, ImportSource } from '@/lib/importers/types';

/** Reads a file as text; a gzip file (queue_log.2.gz as logrotate leaves it) is unpacked first. */
export function readSourceText(file: string): string {
  const bytes = fs.readFileSync(file);
  const gzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gzip ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

/** The sources in the order the importer reads them, each named by the path as it was typed. */
export function readImportSources(files: readonly string[], format: ImportFormat): ImportSource[] {
  return orderForImport(files, format).map((file) => ({ name: file, text: readSourceText(file) }));
}

type Rotation = { base: string; age: number };

/**
 * Where a file sits in a logrotate series: `queue_log` is the live file (age 0), `queue_log.1`
 * the previous one, `queue_log.2.gz` older still; `queue_log-20261201` (dateext) is older the
 * earlier its date.
 */
export function rotationOf(file: string): Rotation {
  const name = path.basename(file).replace(/\.gz$/i, '');
  const dir = path.dirname(file);
  const numbered = /^(.+)\.(\d{1,4})$/.exec(name);
  if (numbered) return { base: path.join(dir, numbered[1]!), age: Number(numbered[2]) };
  const dated = /^(.+)-(\d{8})$/.exec(name);
  // A date as an age: older dates are larger ages, and every dated file is older than the live one.
  if (dated) return { base: path.join(dir, dated[1]!), age: 1e8 - Number(dated[2]) };
  return { base: path.join(dir, name), age: 0 };
}

/**
 * A queue_log is a stream of events (a call's ENTERQUEUE before its CONNECT), so the files of one
 * rotated series are read oldest first whatever order they were typed in; separate series keep
 * their order. The other formats hold whole calls per line or record: their order is kept.
 */
export function orderForImport(files: readonly string[], format: ImportFormat): string[] {
  if (format !== 'asterisk-queue-log') return [...files];
  const series = new Map<string, { file: string; age: number }[]>();
  for (const file of files) {
    const { base, age } = rotationOf(file);
    const members = series.get(base) ?? [];
    members.push({ file, age });
    series.set(base, members);
  }
  return [...series.values()].flatMap((members) => members.sort((a, b) => b.age - a.age).map((m) => m.file));
}

const VIGIE_CALL_COLUMNS = ['externalId', 'startedAt', 'direction'];
const VIGIE_EVALUATION_COLUMNS = ['externalId', 'evaluatedAt', 'formCode'];

/** A header cell as Vigie's CSV reads it (snake_case and spaces accepted, like server/ingest/csv.ts). */
function camel(header: string): string {
  return header
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/[_\s-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Whether a file is Vigie's own CSV or JSON (README's columns and fields), judged from its start:
 * a CSV header naming Vigie's required columns, or a JSON object whose first key is "records" or
 * "evaluations", or an array whose first record starts with "externalId". Those are pushed as they
 * are, whatever an importer's guess would say.
 */
export function isVigieOwnFile(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return /^\{\s*"(records|evaluations)"\s*:\s*\[/.test(head);
  if (head.startsWith('[')) return /^\[\s*(\]|\{\s*"externalId"\s*:)/.test(head);
  const header = new Set((head.split(/\r?\n/, 1)[0] ?? '').split(',').map(camel));
  const has = (columns: string[]) => columns.every((c) => header.has(c));
  return has(VIGIE_CALL_COLUMNS) || has(VIGIE_EVALUATION_COLUMNS);
}
