// A site's roster as a CSV file: one person a line, under a header naming the columns reference,
// name, team, start date and end date (English or French spellings, `,` `;` or tab between cells,
// dates as YYYY-MM-DD or DD/MM/YYYY). Pure: every bad line comes back with its number and reason
// (a code the page translates, and an English sentence for the API), and a file with any is not
// imported at all (server/roster/service.ts).
import { excerptOf, parseNumberedRows, startLine, type NumberedRow } from '@/lib/importers/csv/numbered-rows';
import { isIsoDay } from '@/lib/kpi/periods';

export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;
export const ROSTER_MAX_LINES = 10_000;
/** As site_agents' check allows. */
export const ROSTER_MAX_REFERENCE = 128;
export const ROSTER_MAX_NAME = 200;
export const ROSTER_MAX_TEAM = 100;

export const ROSTER_COLUMNS = ['reference', 'name', 'team', 'startDate', 'endDate'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** What a person is on the roster; null where the file's cell is empty. */
export type RosterEntry = { agentRef: string; name: string | null; team: string | null; startDate: string | null; endDate: string | null };

export const ROSTER_REJECTION_CODES = [
  // The whole file (line 0, or the header's line)
  'empty',
  'too_large',
  'too_many_lines',
  'no_reference_column',
  'repeated_column',
  // One line
  'bad_csv',
  'missing_reference',
  'bad_date',
  'end_before_start',
  'duplicate_reference',
  'too_long',
] as const;
export type RosterRejectionCode = (typeof ROSTER_REJECTION_CODES)[number];

/**
 * A line refused: `line` is its number in the file (1 = the header; 0 = the file as a whole),
 * `column` the column at fault, `value` the cell, `otherLine` the first line of a duplicate.
 */
export type RosterRejection = {
  line: number;
  code: RosterRejectionCode;
  reason: string;
  column?: RosterColumn;
  value?: string;
  otherLine?: number;
  excerpt?: string;
};

/** `columns`: those the header names. A column the file leaves out keeps what the roster holds (server/roster/service.ts). */
export type RosterParse = { entries: (RosterEntry & { line: number })[]; rejected: RosterRejection[]; columns: RosterColumn[]; ignoredColumns: string[] };

/** Lower case, no accents, every run of punctuation or space one space: "Date d'entrée" → "date d entree". */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_NAMES: Record<RosterColumn, readonly string[]> = {
  reference: ['reference', 'ref', 'agent', 'agent ref', 'agentref', 'agent reference', 'agent id', 'agentid', 'id', 'identifiant', 'matricule', 'reference agent'],
  name: ['name', 'nom', 'agent name', 'full name', 'nom complet', 'nom prenom', 'prenom nom'],
  team: ['team', 'equipe', 'team name', 'nom equipe', 'groupe', 'group'],
  startDate: ['start', 'start date', 'startdate', 'started', 'hire date', 'date d entree', 'date entree', 'entree', 'date d arrivee', 'date debut', 'debut'],
  endDate: ['end', 'end date', 'enddate', 'ended', 'leave date', 'leaving date', 'date de sortie', 'date sortie', 'sortie', 'date de depart', 'date fin', 'fin'],
};

const COLUMN_OF = new Map<string, RosterColumn>(ROSTER_COLUMNS.flatMap((c) => HEADER_NAMES[c].map((n) => [n, c] as const)));

const COLUMN_WORDS: Record<RosterColumn, string> = { reference: 'reference', name: 'name', team: 'team', startDate: 'start date', endDate: 'end date' };

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** The header's delimiter: the most frequent of `;`, tab and `,` outside quotes (`,` on a tie or none). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const header = firstLine(text).replace(/"[^"]*"/g, '');
  const count = (c: string) => header.split(c).length - 1;
  const semicolons = count(';');
  const tabs = count('\t');
  const commas = count(',');
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/** A date as YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY), as an ISO day; null when it is neither or not in the calendar. */
export function parseRosterDate(value: string): string | null {
  let iso: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  else {
    const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  }
  if (iso === null || !isIsoDay(iso)) return null;
  const year = Number(iso.slice(0, 4));
  // A person's dates are of working lives: a year outside this is a typing slip.
  return year >= 1900 && year <= 2199 ? iso : null;
}

const fileRejection = (code: RosterRejectionCode, reason: string, line = 0, column?: RosterColumn): RosterParse => ({
  entries: [],
  rejected: [{ line, code, reason, ...(column ? { column } : {}) }],
  columns: [],
  ignoredColumns: [],
});

/** Reads a roster file: its people, and every line refused with its reason. Never throws. */
export function parseRosterCsv(input: string): RosterParse {
  if (Buffer.byteLength(input, 'utf8') > ROSTER_MAX_BYTES) {
    return fileRejection('too_large', `The file is larger than ${ROSTER_MAX_BYTES / 1024 / 1024} MB: split it by team.`);
  }
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fileRejection('empty', 'The file is empty: it needs a header line and one line per person.');
  const skipped: RosterRejection[] = [];
  let rows: NumberedRow[];
  try {
    rows = parseNumberedRows(text, {
      delimiter: detectDelimiter(text),
      on_skip: (error, raw) => {
        const counts = /expect (\d+), got (\d+)/.exec(error?.message ?? '');
        const reason = counts
          ? `This line has ${counts[2]} cells where the header has ${counts[1]}.`
          : `This line is not valid CSV (${error?.message ?? 'unreadable'}).`;
        skipped.push({ line: (error as { lines?: number } | undefined)?.lines ?? 0, code: 'bad_csv', reason, excerpt: excerptOf(raw) });
      },
    });
  } catch (error) {
    // csv-parse skips bad records itself; this is the last guard of "never throws".
    return fileRejection('bad_csv', `The file could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (rows.length === 0) return { ...fileRejection('empty', 'The file has no header line.'), ...(skipped.length > 0 ? { rejected: skipped } : {}) };

  const header = rows[0]!;
  const headerLine = startLine(header);
  const indexOf = new Map<RosterColumn, number>();
  const ignoredColumns: string[] = [];
  for (const [i, cell] of header.record.entries()) {
    const column = COLUMN_OF.get(normalizeHeader(cell));
    if (column === undefined) {
      if (cell.trim() !== '') ignoredColumns.push(cell.trim());
      continue;
    }
    if (indexOf.has(column)) {
      return fileRejection(
        'repeated_column',
        `Two columns of the header are the ${COLUMN_WORDS[column]} ("${header.record[indexOf.get(column)!]}" and "${cell}"): keep one.`,
        headerLine,
        column,
      );
    }
    indexOf.set(column, i);
  }
  if (!indexOf.has('reference')) {
    return fileRejection(
      'no_reference_column',
      'The header names no reference column: the first line must name the columns, one of them "reference" (or agent, agent_ref, id, référence).',
      headerLine,
    );
  }
  const data = rows.slice(1);
  if (data.length > ROSTER_MAX_LINES) {
    return fileRejection('too_many_lines', `The file has ${data.length} people; a roster file holds at most ${ROSTER_MAX_LINES}: split it by team.`);
  }

  const rejected = [...skipped];
  const entries: (RosterEntry & { line: number })[] = [];
  const firstLineOf = new Map<string, number>();
  const cell = (row: NumberedRow, column: RosterColumn): string | null => {
    const i = indexOf.get(column);
    const value = i === undefined ? '' : (row.record[i] ?? '').trim();
    return value === '' ? null : value;
  };
  for (const row of data) {
    const line = startLine(row);
    const reject = (r: Omit<RosterRejection, 'line' | 'excerpt'>) => rejected.push({ line, excerpt: excerptOf(row.raw), ...r });
    const agentRef = cell(row, 'reference');
    if (agentRef === null) {
      reject({ code: 'missing_reference', column: 'reference', reason: 'The reference is empty: every person needs the reference the telephony puts on their calls.' });
      continue;
    }
    // A reference counts from its first line, faulty or not: the fix of that line must not reveal a duplicate.
    const earlier = firstLineOf.get(agentRef);
    if (earlier !== undefined) {
      reject({ code: 'duplicate_reference', column: 'reference', value: agentRef.slice(0, 40), otherLine: earlier, reason: `The reference ${agentRef} is already on line ${earlier}: one line per person.` });
      continue;
    }
    firstLineOf.set(agentRef, line);
    const name = cell(row, 'name');
    const team = cell(row, 'team');
    const tooLong = (
      [
        ['reference', agentRef, ROSTER_MAX_REFERENCE],
        ['name', name, ROSTER_MAX_NAME],
        ['team', team, ROSTER_MAX_TEAM],
      ] as const
    ).find(([, value, max]) => value !== null && value.length > max);
    if (tooLong) {
      const [column, value, max] = tooLong;
      reject({ code: 'too_long', column, value: value!.slice(0, 40), reason: `The ${COLUMN_WORDS[column]} is ${value!.length} characters long; at most ${max}.` });
      continue;
    }
    const dates: Partial<Record<'startDate' | 'endDate', string | null>> = {};
    let badDate = false;
    for (const column of ['startDate', 'endDate'] as const) {
      const raw = cell(row, column);
      const day = raw === null ? null : parseRosterDate(raw);
      if (raw !== null && day === null) {
        reject({ code: 'bad_date', column, value: raw.slice(0, 40), reason: `The ${COLUMN_WORDS[column]} "${raw.slice(0, 40)}" is not a date as YYYY-MM-DD or DD/MM/YYYY.` });
        badDate = true;
        break;
      }
      dates[column] = day;
    }
    if (badDate) continue;
    const startDate = dates.startDate ?? null;
    const endDate = dates.endDate ?? null;
    if (startDate !== null && endDate !== null && endDate < startDate) {
      reject({ code: 'end_before_start', column: 'endDate', value: endDate, reason: `The end date ${endDate} is before the start date ${startDate}.` });
      continue;
    }
    entries.push({ line, agentRef, name, team, startDate, endDate });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { entries, rejected, columns: ROSTER_COLUMNS.filter((c) => indexOf.has(c)), ignoredColumns };
}
