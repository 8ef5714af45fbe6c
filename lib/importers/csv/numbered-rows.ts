// A CSV file read record by record, each with the line it stands on, so that a rejection names its
// line: csv-parse gives every record its raw text and the count of lines read up to its end, and
// skips a record it cannot read (reported through on_skip, with its line) rather than failing the
// whole file. The "any CSV" importer (lib/importers/csv.ts) and the roster (lib/agents/roster-csv.ts)
// both read so; each chooses its delimiter and words its own reasons.
import { parse, type Options } from 'csv-parse/sync';

/** A record, the text it was read from and the lines read up to its end. */
export type NumberedRow = { record: string[]; info: { lines: number }; raw: string };

/** Every record of `text` but those csv-parse skips (a wrong number of cells, bad quoting): those go to `on_skip`. */
export function parseNumberedRows(text: string, options: Pick<Options, 'delimiter' | 'bom' | 'on_skip'>): NumberedRow[] {
  return parse(text, {
    ...options,
    relax_column_count: false,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
  }) as unknown as NumberedRow[];
}

/** The line a record starts on (1 = the file's first). */
export function startLine(row: NumberedRow): number {
  // csv-parse counts the lines read up to the record's end; a quoted cell may span lines.
  const inside = row.raw.replace(/[\r\n]+$/, '');
  let breaks = 0;
  for (let i = inside.indexOf('\n'); i !== -1; i = inside.indexOf('\n', i + 1)) breaks++;
  return row.info.lines - breaks;
}

const EXCERPT = 200;

/** A record's raw text as a rejection shows it: without its line break, at most 200 characters. */
export const excerptOf = (raw: string | undefined) => (raw ?? '').replace(/[\r\n]+$/, '').slice(0, EXCERPT);
