// "Any CSV": a site's own export read through the column mapping it saved (lib/importers/csv-mapping.ts).
// Each data row is one call; a row the mapping cannot read is rejected with its line and reason.
import { csvMappingSchema, mappingIssuesInWords, type CsvMapping } from './csv-mapping';
import { compileMapping } from './csv/compile';
import { excerptOf, parseNumberedRows, startLine } from './csv/numbered-rows';
import type { Importer, ImportOptions, ImportRejection, ImportResult, ImportSource } from './types';

/** Vigie's own CSV (server/ingest/csv.ts) names its columns like the JSON fields: it needs no mapping. */
const OWN_HEADER = /^\s*"?external_?id"?\s*[,;\t|]\s*"?started_?at"?/i;

function firstLine(text: string): string {
  const start = text.replace(/^\uFEFF/, '');
  const end = start.search(/\r?\n/);
  return end === -1 ? start : start.slice(0, end);
}

/** The fallback for delimited text: any file whose first line has two fields or more, but not Vigie's own CSV nor JSON. */
function detect(text: string): boolean {
  const line = firstLine(text).trim();
  if (line === '' || line.startsWith('{') || line.startsWith('[')) return false;
  if (OWN_HEADER.test(line)) return false;
  return /[,;\t|]/.test(line);
}

/** Why csv-parse skipped a line, in words. */
function skipReason(error: Error | undefined): string {
  const counts = /expect (\d+), got (\d+)/.exec(error?.message ?? '');
  if (counts) return `this line has ${counts[2]} columns where the file's first line has ${counts[1]}`;
  return `this line is not valid CSV (${error?.message ?? 'unreadable'})`;
}

function parseSource(source: ImportSource, mapping: CsvMapping, result: ImportResult, ambiguous: { count: number }) {
  const skipped: ImportRejection[] = [];
  const rows = parseNumberedRows(source.text, {
    delimiter: mapping.delimiter,
    bom: true,
    on_skip: (error, raw) => {
      skipped.push({ source: source.name, line: (error as { lines?: number } | undefined)?.lines ?? 0, reason: skipReason(error), excerpt: excerptOf(raw) });
    },
  });
  if (rows.length === 0) {
    result.rejected.push(...skipped);
    return;
  }
  let data = rows;
  let columns: Map<string, number> | null = null;
  if (mapping.header) {
    columns = new Map();
    rows[0]!.record.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!columns!.has(key)) columns!.set(key, i);
    });
    data = rows.slice(1);
  }
  const bound = compileMapping(mapping, columns, rows[0]!.record.length);
  if (!bound.ok) {
    // The whole file is unreadable through this mapping: one reason, not one per line.
    result.rejected.push({ source: source.name, line: startLine(rows[0]!), reason: bound.reason, excerpt: excerptOf(rows[0]!.raw) });
    return;
  }
  const rejected: ImportRejection[] = [...skipped];
  for (const row of data) {
    const read = bound.read(row.record);
    if (read.ok) {
      result.records.push(read.record);
      if (read.ambiguous) ambiguous.count++;
    } else {
      rejected.push({ source: source.name, line: startLine(row), reason: read.reason, excerpt: excerptOf(row.raw) });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  result.rejected.push(...rejected);
}

function parseWithMapping(sources: ImportSource[], options: ImportOptions): ImportResult {
  const checked = csvMappingSchema.safeParse(options.mapping);
  if (!checked.success) {
    const reason =
      options.mapping === undefined
        ? 'This format needs a column mapping: name one of the site’s saved mappings.'
        : `The column mapping is not valid: ${mappingIssuesInWords(checked.error).join(' ')}`;
    return { records: [], rejected: sources.map((s) => ({ source: s.name, line: 0, reason })), held: 0, notes: [] };
  }
  const mapping = checked.data;
  const result: ImportResult = { records: [], rejected: [], held: 0, notes: [] };
  const ambiguous = { count: 0 };
  for (const source of sources) {
    parseSource(source, mapping, result, ambiguous);
  }
  if (ambiguous.count > 0) {
    result.notes.push(
      `${ambiguous.count} start time${ambiguous.count === 1 ? '' : 's'} fell in the hour ${mapping.timeZone} repeats when the clocks go back: read as the first of the two (the earlier instant).`,
    );
  }
  return result;
}

export const csvImporter: Importer = {
  format: 'csv',
  label: 'Any CSV, with a saved column mapping',
  detect,
  needs: ['mapping'],
  parse(sources, options) {
    try {
      return parseWithMapping(sources, options);
    } catch (error) {
      // csv-parse skips bad records itself; this is the last guard of "never throws".
      const reason = `The file could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`;
      return { records: [], rejected: sources.map((s) => ({ source: s.name, line: 0, reason })), held: 0, notes: [] };
    }
  },
};
