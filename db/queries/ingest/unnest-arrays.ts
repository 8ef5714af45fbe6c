// The unnest column helpers of the ingest SQL: a batch travels as one typed array per column, each
// sent as a single text parameter (pgArrayLiteral) and cast in SQL.
import { sql, type SQL } from 'drizzle-orm';

export type ArrayItem = string | number | boolean | null;

/** Characters a quoted element of an array literal escapes with a backslash. */
const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal, sent as one text parameter and cast in SQL. Both drivers then pass
 * a plain string: postgres.js infers array parameter types from their first element (a boolean
 * array would be sent as a boolean) and needs its array types fetched first, PGlite asks the
 * server; a text literal sidesteps both. Built by appending (ingest writes 15 columns of up to
 * 5,000 values per batch), escaping only the strings that need it.
 */
export function pgArrayLiteral(values: readonly ArrayItem[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += element(values[i] ?? null);
  }
  return `${out}}`;
}

function element(v: ArrayItem): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return String(v);
  }
  return v ? 't' : 'f';
}

export type ArrayType = 'text' | 'float8' | 'bool' | 'int2' | 'int4' | 'int8' | 'timestamptz' | 'date';

export function typedArray(values: readonly ArrayItem[], type: ArrayType): SQL {
  return sql`${pgArrayLiteral(values)}::text::${sql.raw(type)}[]`;
}

export function textArray(values: readonly (string | null)[]): SQL {
  return typedArray(values, 'text');
}

/** One field of every row as a typed array: a column of an `unnest(...)` batch. */
export function columnOf<R>(rows: readonly R[], type: ArrayType, field: (row: R) => ArrayItem): SQL {
  return typedArray(rows.map(field), type);
}

export function instant(at: Date | undefined): SQL {
  return at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
}
