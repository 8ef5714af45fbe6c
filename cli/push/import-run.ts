// One import as `vigie push --format` runs it: the flags checked against the format, the mapping
// fetched or read, the files read in their order, the importer run; and the words that tell the
// user what came out (calls, lines left out, calls held back, the importer's notes).
import { IMPORTERS } from '@/lib/importers';
import type { CsvMapping } from '@/lib/importers/csv-mapping';
import type { ImportFormat, ImportRejection, ImportResult, ImportSource } from '@/lib/importers/types';
import { checkFlagsFor, type ImportRequest } from './import-options';
import { readImportSources } from './import-input';
import { loadMapping } from './mapping-client';
import { rejectionPlace } from './import-rejected-file';

export type ImportRun = { format: ImportFormat; sources: ImportSource[]; result: ImportResult; mapping: CsvMapping | null; parseMs: number };

export async function runImport(files: readonly string[], format: ImportFormat, request: ImportRequest, server: { url: string; key: string }): Promise<ImportRun> {
  const importer = IMPORTERS[format];
  checkFlagsFor(format, importer.needs, request);
  const mapping = request.mapping === null ? null : await loadMapping(request.mapping, server);
  const sources = readImportSources(files, format);
  const started = performance.now();
  const result = importer.parse(sources, mapping === null ? request.options : { ...request.options, mapping });
  return { format, sources, result, mapping, parseMs: performance.now() - started };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the import gave, before anything is sent. */
export function importSummary(run: ImportRun): string[] {
  const { result, sources } = run;
  const names = sources.map((s) => s.name).join(', ');
  const lines = [
    `${run.format}: ${plural(result.records.length, 'call', 'calls')} read from ${names}` +
      (result.rejected.length > 0 ? `, ${plural(result.rejected.length, 'line', 'lines')} rejected` : '') +
      ` (${(run.parseMs / 1000).toFixed(1)} s)`,
  ];
  if (result.held > 0) {
    lines.push(`${plural(result.held, 'call', 'calls')} still open at the end of the ${sources.length === 1 ? 'file' : 'files'}: held back`);
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines;
}

/** One line per importer rejection, as the rejected records of a push are listed. */
export function rejectionLine(r: ImportRejection): string {
  return `  ${rejectionPlace(r)}: ${r.reason}`;
}
