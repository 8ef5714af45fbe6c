// CSV files of call records or QA evaluations → the JSON records of the REST API. Columns are named
// like the JSON fields (externalId, startedAt…; snake_case is accepted too). Values are only coerced
// here (numbers, booleans, empty cells); the shared zod schemas judge them afterwards, so a CSV row
// is accepted or rejected for exactly the same reasons as a JSON record.
import { parse } from 'csv-parse/sync';

export type CsvKind = 'calls' | 'evaluations';

const CALL_COLUMNS = [
  'externalId',
  'startedAt',
  'direction',
  'queue',
  'agentRef',
  'waitSeconds',
  'talkSeconds',
  'holdSeconds',
  'wrapSeconds',
  'abandoned',
  'resolved',
  'csat',
  'missionCode',
  'outcome',
] as const;
const EVALUATION_COLUMNS = ['externalId', 'evaluatedAt', 'formCode', 'agentRef', 'callExternalId', 'evaluator', 'comment'] as const;
/** Evaluation scores come in one column per criterion: `score.<criterionKey>`. */
const SCORE_PREFIX = /^scores?[.:_](.+)$/i;

const NUMBER_FIELDS = new Set(['waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'csat']);
const BOOLEAN_FIELDS = new Set(['abandoned', 'resolved']);
/** Fields where an empty cell means "unknown" (null) rather than "absent". */
const NULLABLE_FIELDS = new Set(['resolved', 'csat']);

export const CALL_CSV_COLUMNS: readonly string[] = CALL_COLUMNS;
export const EVALUATION_CSV_COLUMNS: readonly string[] = EVALUATION_COLUMNS;

function camel(header: string): string {
  return header.trim().replace(/[_\s-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

function coerceNumber(value: string): number | string {
  const n = Number(value.replace(',', '.'));
  return Number.isFinite(n) && value.trim() !== '' ? n : value;
}

function coerceBoolean(value: string): boolean | string {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 'oui'].includes(v)) return true;
  if (['false', '0', 'no', 'n', 'non'].includes(v)) return false;
  return value;
}

function coerce(field: string, raw: string): unknown {
  if (raw.trim() === '') return NULLABLE_FIELDS.has(field) ? null : undefined;
  if (NUMBER_FIELDS.has(field)) return coerceNumber(raw);
  if (BOOLEAN_FIELDS.has(field)) return coerceBoolean(raw);
  return raw.trim();
}

export type CsvParseResult = { records: Record<string, unknown>[]; errors: string[] };

/** Parses a whole CSV text. A file that is not CSV at all gives errors and no records. */
export function parseIngestCsv(kind: CsvKind, text: string): CsvParseResult {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    return { records: [], errors: [`The file is not valid CSV: ${(error as Error).message}`] };
  }
  const [header, ...body] = rows;
  if (!header) return { records: [], errors: ['The file is empty.'] };
  const known = new Set<string>(kind === 'calls' ? CALL_COLUMNS : EVALUATION_COLUMNS);
  const fields = header.map((h) => {
    const score = kind === 'evaluations' ? SCORE_PREFIX.exec(h.trim()) : null;
    if (score?.[1]) return { field: 'scores', key: score[1].trim() };
    const name = camel(h);
    return known.has(name) ? { field: name } : null;
  });
  const required = kind === 'calls' ? ['externalId', 'startedAt', 'direction'] : ['externalId', 'evaluatedAt', 'formCode'];
  const missing = required.filter((r) => !fields.some((f) => f?.field === r));
  if (missing.length) {
    return { records: [], errors: [`Missing column(s): ${missing.join(', ')}. Expected: ${(kind === 'calls' ? CALL_COLUMNS : EVALUATION_COLUMNS).join(', ')}${kind === 'evaluations' ? ', score.<criterionKey>…' : ''}`] };
  }
  const records = body.map((cells) => {
    const record: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      if (!f) return;
      const raw = cells[i] ?? '';
      if (f.field === 'scores' && f.key) {
        const scores = (record.scores ??= {}) as Record<string, unknown>;
        scores[f.key] = raw.trim() === '' || /^n\/?a$/i.test(raw.trim()) ? null : coerceNumber(raw);
        return;
      }
      const value = coerce(f.field, raw);
      if (value !== undefined) record[f.field] = value;
    });
    return record;
  });
  return { records, errors: [] };
}

/** Picks the kind of a file from its header: evaluations have an evaluatedAt column. */
export function detectCsvKind(text: string): CsvKind {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /evaluated[_ ]?at/i.test(firstLine) ? 'evaluations' : 'calls';
}
