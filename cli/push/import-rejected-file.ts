// The rejected lines of an imported export, written beside it so the site sees each line as it was
// with the reason under which it was left out. Plain text (not CSV): a queue_log or CDR line is
// copied byte for byte, and nothing here is opened by a spreadsheet. Records the server refused
// after the import are listed too, as the JSON that was sent.
import fs from 'node:fs';
import type { ImportRejection, ImportSource, ImportedCall } from '@/lib/importers/types';
import type { RejectedRecord } from './client';

/** Where a rejection points: `queue_log line 12`, `ctr.json record 3`, or the file alone. */
export function rejectionPlace(r: ImportRejection): string {
  if (r.line > 0) return `${r.source} line ${r.line}${r.record !== undefined ? ` (record ${r.record})` : ''}`;
  if (r.record !== undefined) return `${r.source} record ${r.record}`;
  return r.source;
}

function linesOf(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * The text to show under a rejection: the whole line when the rejection names one and the excerpt
 * is that line's start (or there is no excerpt); otherwise the excerpt the importer kept (a record
 * of a pretty-printed JSON file spans many lines, its first line alone says nothing).
 */
export function rejectedText(r: ImportRejection, lines: ReadonlyMap<string, string[]>): string | null {
  const line = r.line > 0 ? lines.get(r.source)?.[r.line - 1] : undefined;
  if (line !== undefined && (r.excerpt === undefined || line.startsWith(r.excerpt))) return line;
  return r.excerpt ?? line ?? null;
}

export function reasonsOf(r: RejectedRecord): string {
  return r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}

/** The report's text: one `# place: reason` line, then the rejected line or record as it was. */
export function importRejectedText(
  format: string,
  sources: readonly ImportSource[],
  rejected: readonly ImportRejection[],
  refused: readonly RejectedRecord[],
  records: readonly ImportedCall[],
): string {
  const lines = new Map<string, string[]>();
  for (const r of rejected) if (r.line > 0 && !lines.has(r.source)) lines.set(r.source, linesOf(sources.find((s) => s.name === r.source)?.text ?? ''));
  const out = [`# vigie push --format ${format}: what was left out, each reason above the line or record it is about`];
  for (const r of rejected) {
    out.push(`# ${rejectionPlace(r)}: ${r.reason}`);
    const text = rejectedText(r, lines);
    if (text !== null) out.push(text);
  }
  for (const r of [...refused].sort((a, b) => a.index - b.index)) {
    out.push(`# refused by the server, ${r.externalId ?? `record #${r.index}`}: ${reasonsOf(r)}`);
    out.push(JSON.stringify(records[r.index] ?? null));
  }
  return `${out.join('\n')}\n`;
}

/** Written beside the first file named on the command line. */
export function rejectedPathFor(file: string): string {
  return `${file}.rejected.txt`;
}

/** Writes the report to `out`; null (and nothing written) when nothing was left out. */
export function writeImportRejected(
  out: string,
  format: string,
  sources: readonly ImportSource[],
  rejected: readonly ImportRejection[],
  refused: readonly RejectedRecord[],
  records: readonly ImportedCall[],
): string | null {
  if (rejected.length === 0 && refused.length === 0) return null;
  fs.writeFileSync(out, importRejectedText(format, sources, rejected, refused, records));
  return out;
}
