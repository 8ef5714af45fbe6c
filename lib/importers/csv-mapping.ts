// A site's column mapping for "any CSV": which column holds each CallRecord field, in which unit,
// date format and time zone, and which cell values mean yes/no or inbound/outbound. The one schema
// the mapping form, tRPC, REST, the CLI and the importer (lib/importers/csv.ts) all check with.
// Pure and browser-safe.
import { z } from 'zod';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Date formats the importer reads; each but `iso` and the epochs is a local time, read in `timeZone`. */
export const CSV_DATE_FORMATS = [
  'iso',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'dd/MM/yyyy HH:mm:ss',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy HH:mm:ss',
  'MM/dd/yyyy HH:mm',
  'dd.MM.yyyy HH:mm:ss',
  'epoch-s',
  'epoch-ms',
] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];

/** Formats whose values carry no offset of their own: they need the mapping's time zone. */
export function isLocalDateFormat(format: CsvDateFormat): boolean {
  return format !== 'iso' && format !== 'epoch-s' && format !== 'epoch-ms';
}

export const DURATION_UNITS = ['s', 'ms', 'min', 'hh:mm:ss'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const MAPPING_NAME_PATTERN = /^[A-Za-z0-9 ._-]{1,64}$/;

const column = z
  .string()
  .trim()
  .min(1, 'Name the column (or its number, when the file has no header row).')
  .max(100, 'A column name is at most 100 characters.');

/** A cell value to recognise (an empty string stands for an empty cell). */
const cellValue = z.string().trim().max(64, 'A value is at most 64 characters.');

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(max, `At most ${max} characters.`)
    .refine((s) => !s.includes('\u0000'), 'Must not contain a NUL character.');

export const columnRefSchema = z.object({ column }).strict();
export const constantSchema = z.object({ constant: text(100) }).strict();
export const durationSchema = z.object({ column, unit: z.enum(DURATION_UNITS) }).strict();
export const booleanMapSchema = z
  .object({ column, true: z.array(cellValue).min(1, 'List at least one value meaning yes.'), false: z.array(cellValue).min(1, 'List at least one value meaning no.') })
  .strict();
export const directionMapSchema = z
  .object({
    column,
    inbound: z.array(cellValue).min(1, 'List at least one value meaning inbound.'),
    outbound: z.array(cellValue).min(1, 'List at least one value meaning outbound.'),
  })
  .strict();
export const directionConstantSchema = z.object({ constant: z.enum(['inbound', 'outbound']) }).strict();
export const outcomeSchema = z
  .object({ column, values: z.record(cellValue, text(64)).optional() })
  .strict();
/** The start: a date-time column, or a date column and a time column read together (joined by a space). */
export const startedAtSchema = z.object({ column, timeColumn: column.optional() }).strict();

export type ColumnRef = z.infer<typeof columnRefSchema>;
export type Constant = z.infer<typeof constantSchema>;
export type Duration = z.infer<typeof durationSchema>;
export type BooleanMap = z.infer<typeof booleanMapSchema>;
export type DirectionMap = z.infer<typeof directionMapSchema>;

const fieldsSchema = z
  .object({
    externalId: columnRefSchema,
    startedAt: startedAtSchema,
    direction: z.union([directionMapSchema, directionConstantSchema]),
    queue: z.union([columnRefSchema, constantSchema]),
    agentRef: columnRefSchema.optional(),
    waitSeconds: durationSchema,
    talkSeconds: durationSchema,
    holdSeconds: durationSchema.optional(),
    wrapSeconds: durationSchema.optional(),
    abandoned: booleanMapSchema,
    resolved: booleanMapSchema.optional(),
    csat: columnRefSchema.optional(),
    missionCode: columnRefSchema.optional(),
    outcome: outcomeSchema.optional(),
  })
  .strict();

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

/** Values listed on both sides of a yes/no or inbound/outbound map (compared regardless of case). */
function overlap(a: readonly string[], b: readonly string[]): string[] {
  const left = new Set(lower(a));
  return [...new Set(lower(b).filter((v) => left.has(v)))];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const csvMappingSchema = z
  .object({
    name: z.string().trim().regex(MAPPING_NAME_PATTERN, 'A name is 1 to 64 letters, digits, spaces, dots, dashes or underscores.'),
    delimiter: z.enum(CSV_DELIMITERS).default(','),
    header: z.boolean().default(true),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, 'Not a time zone: use an IANA name such as Europe/Paris.')
      .optional(),
    dateFormat: z.enum(CSV_DATE_FORMATS),
    fields: fieldsSchema,
  })
  .strict()
  .superRefine((mapping, ctx) => {
    if (isLocalDateFormat(mapping.dateFormat) && !mapping.timeZone) {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `Dates as ${mapping.dateFormat} carry no offset: name the time zone they are in.` });
    }
    if (mapping.fields.startedAt.timeColumn !== undefined && !isLocalDateFormat(mapping.dateFormat)) {
      ctx.addIssue({ code: 'custom', path: ['fields', 'startedAt', 'timeColumn'], message: 'A separate time column goes with a local date format, not ISO or epoch times.' });
    }
    for (const [path, column] of columnsOf(mapping.fields)) {
      if (!mapping.header && !/^[1-9][0-9]{0,3}$/.test(column)) {
        ctx.addIssue({ code: 'custom', path: ['fields', ...path], message: `Without a header row, columns are numbered from 1: '${column}' is not a column number.` });
      }
    }
    const maps: [string, string, string, readonly string[], readonly string[]][] = [];
    const { direction, abandoned, resolved } = mapping.fields;
    if ('column' in direction) maps.push(['direction', 'inbound', 'outbound', direction.inbound, direction.outbound]);
    maps.push(['abandoned', 'true', 'false', abandoned.true, abandoned.false]);
    if (resolved) maps.push(['resolved', 'true', 'false', resolved.true, resolved.false]);
    for (const [field, left, right, a, b] of maps) {
      const both = overlap(a, b);
      if (both.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['fields', field, right], message: `Listed as both ${left} and ${right}: ${both.map((v) => `'${v}'`).join(', ')}.` });
      }
    }
  });

export type CsvMapping = z.infer<typeof csvMappingSchema>;
/** A mapping as written (defaults not yet applied): what the form and the API take. */
export type CsvMappingInput = z.input<typeof csvMappingSchema>;

/** Every column a mapping names, with the path of the field that names it. */
export function columnsOf(fields: CsvMapping['fields']): [path: string[], column: string][] {
  const out: [string[], string][] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value && typeof value === 'object' && 'column' in value && typeof value.column === 'string') out.push([[key, 'column'], value.column]);
    if (value && typeof value === 'object' && 'timeColumn' in value && typeof value.timeColumn === 'string') out.push([[key, 'timeColumn'], value.timeColumn]);
  }
  return out;
}

/** The zod issues of a refused mapping, one sentence each with the field it is about. */
export function mappingIssuesInWords(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
}
