// Test support: a site's export as its column mapping describes it (the inverse of lib/importers/csv.ts),
// and fast-check arbitraries of mappings and of the records a mapping can represent. Used by the
// round-trip property test and by the importer benchmark, so it builds arrays and joins once.
import fc from 'fast-check';
import { columnsOf, CSV_DATE_FORMATS, type CsvDateFormat, type CsvMapping, type DurationUnit } from '../csv-mapping';
import { isoWithOffset, offsetMinutesAt, zonedInstant } from '../csv/zoned-time';
import type { ImportedCall } from '../types';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall clock of an instant in a zone, as the date format writes it. */
function formatStart(startedAt: string, mapping: CsvMapping): string {
  const epochMs = Date.parse(startedAt);
  const format: CsvDateFormat = mapping.dateFormat;
  if (format === 'epoch-s') return String(epochMs / 1000);
  if (format === 'epoch-ms') return String(epochMs);
  if (format === 'iso') return startedAt;
  const wall = new Date(epochMs + offsetMinutesAt(mapping.timeZone!, epochMs) * 60_000);
  const [y, M, d] = [pad(wall.getUTCFullYear(), 4), pad(wall.getUTCMonth() + 1), pad(wall.getUTCDate())];
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  const seconds = `:${pad(wall.getUTCSeconds())}${wall.getUTCMilliseconds() ? `.${pad(wall.getUTCMilliseconds(), 3)}` : ''}`;
  switch (format) {
    case 'yyyy-MM-dd HH:mm:ss':
      return `${y}-${M}-${d} ${time}${seconds}`;
    case 'yyyy-MM-dd HH:mm':
      return `${y}-${M}-${d} ${time}`;
    case 'dd/MM/yyyy HH:mm:ss':
      return `${d}/${M}/${y} ${time}${seconds}`;
    case 'dd/MM/yyyy HH:mm':
      return `${d}/${M}/${y} ${time}`;
    case 'MM/dd/yyyy HH:mm:ss':
      return `${M}/${d}/${y} ${time}${seconds}`;
    case 'MM/dd/yyyy HH:mm':
      return `${M}/${d}/${y} ${time}`;
    case 'dd.MM.yyyy HH:mm:ss':
      return `${d}.${M}.${y} ${time}${seconds}`;
  }
}

function formatDuration(seconds: number, unit: DurationUnit): string {
  switch (unit) {
    case 's':
      return String(seconds);
    case 'ms':
      return String(Math.round(seconds * 1000));
    case 'min':
      return String(seconds / 60);
    case 'hh:mm:ss': {
      const whole = Math.floor(seconds);
      const ms = Math.round((seconds - whole) * 1000);
      return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}${ms ? `.${pad(ms, 3)}` : ''}`;
    }
  }
}

function quoter(delimiter: string): (cell: string) => string {
  return (cell) => (cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
}

/**
 * The CSV a mapping reads back as these records: one column per mapped column (by header name,
 * or at its number), the first listed value for each yes/no and direction, a mapped outcome
 * written as the value that maps to it.
 */
export function writeMappedCsv(records: ImportedCall[], mapping: CsvMapping): string {
  const named = [...new Set(columnsOf(mapping.fields).map(([, column]) => column))];
  const width = mapping.header ? named.length : Math.max(...named.map(Number));
  const indexOf = new Map(named.map((column, i) => [column, mapping.header ? i : Number(column) - 1]));
  const quote = quoter(mapping.delimiter);
  const f = mapping.fields;
  const outcomeSource = new Map(Object.entries(f.outcome?.values ?? {}).map(([from, to]) => [to, from]));
  const lines: string[] = [];
  if (mapping.header) lines.push(named.map(quote).join(mapping.delimiter));
  for (const r of records) {
    const cells: string[] = new Array<string>(width).fill('');
    const put = (column: string, value: string) => (cells[indexOf.get(column)!] = value);
    put(f.externalId.column, r.externalId);
    const start = formatStart(r.startedAt, mapping);
    if (f.startedAt.timeColumn === undefined) put(f.startedAt.column, start);
    else {
      const space = start.indexOf(' ');
      put(f.startedAt.column, start.slice(0, space));
      put(f.startedAt.timeColumn, start.slice(space + 1));
    }
    if ('column' in f.direction) put(f.direction.column, (r.direction === 'inbound' ? f.direction.inbound : f.direction.outbound)[0]!);
    if ('column' in f.queue) put(f.queue.column, r.queue);
    if (f.agentRef) put(f.agentRef.column, r.agentRef ?? '');
    for (const key of ['waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'] as const) {
      const spec = f[key];
      if (spec) put(spec.column, formatDuration(r[key], spec.unit));
    }
    put(f.abandoned.column, (r.abandoned ? f.abandoned.true : f.abandoned.false)[0]!);
    if (f.resolved) put(f.resolved.column, r.resolved == null ? '' : (r.resolved ? f.resolved.true : f.resolved.false)[0]!);
    if (f.csat) put(f.csat.column, r.csat == null ? '' : String(r.csat));
    if (f.missionCode) put(f.missionCode.column, r.missionCode ?? '');
    if (f.outcome) put(f.outcome.column, r.outcome == null ? '' : (outcomeSource.get(r.outcome) ?? r.outcome));
    lines.push(cells.map(quote).join(mapping.delimiter));
  }
  return lines.join('\n') + '\n';
}

// ── Arbitraries ──────────────────────────────────────────────────────────────────────────────

const ZONES = ['Europe/Paris', 'America/New_York', 'Africa/Tunis', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'] as const;
const FIELD_SLOTS = [
  'externalId',
  'date',
  'time',
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

/** Printable text without surrounding spaces (the importer trims every field but the id). */
const word = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;|"\'éàçüßøñ€日本'.split('')) })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Two disjoint lists of values (compared regardless of case), none of them empty. */
const twoLists = fc
  .uniqueArray(word(8), { minLength: 2, maxLength: 5, selector: (s) => s.toLowerCase() })
  .chain((values) => fc.integer({ min: 1, max: values.length - 1 }).map((cut) => [values.slice(0, cut), values.slice(cut)] as const));

const unit = fc.constantFrom<DurationUnit>('s', 'ms', 'min', 'hh:mm:ss');

/** Mappings of every shape: delimiters, header or numbered columns, date formats, units, optional fields. */
export const csvMappingArbitrary: fc.Arbitrary<CsvMapping> = fc
  .record({
    delimiter: fc.constantFrom<CsvMapping['delimiter']>(',', ';', '\t', '|'),
    header: fc.boolean(),
    dateFormat: fc.constantFrom(...CSV_DATE_FORMATS),
    timeZone: fc.constantFrom(...ZONES),
    splitTime: fc.boolean(),
    names: fc.uniqueArray(word(12), { minLength: FIELD_SLOTS.length, maxLength: FIELD_SLOTS.length, selector: (s) => s.toLowerCase() }),
    order: fc.shuffledSubarray([...FIELD_SLOTS.keys()], { minLength: FIELD_SLOTS.length, maxLength: FIELD_SLOTS.length }),
    direction: fc.oneof(twoLists.map(([inbound, outbound]) => ({ inbound: [...inbound], outbound: [...outbound] })), fc.constantFrom<'inbound' | 'outbound'>('inbound', 'outbound')),
    queueConstant: fc.option(word(20), { nil: undefined }),
    units: fc.tuple(unit, unit, unit, unit),
    abandoned: twoLists,
    resolved: fc.option(twoLists, { nil: undefined }),
    optional: fc.record({ agentRef: fc.boolean(), hold: fc.boolean(), wrap: fc.boolean(), csat: fc.boolean(), missionCode: fc.boolean(), outcome: fc.boolean() }),
    outcomeValues: fc.option(fc.dictionary(word(8), word(20), { maxKeys: 3 }), { nil: undefined }),
  })
  .map((a) => {
    const col = (slot: (typeof FIELD_SLOTS)[number]) => {
      const i = FIELD_SLOTS.indexOf(slot);
      return a.header ? a.names[i]! : String(a.order.indexOf(i) + 1);
    };
    const split = a.splitTime && a.dateFormat !== 'iso' && !a.dateFormat.startsWith('epoch');
    const fields: CsvMapping['fields'] = {
      externalId: { column: col('externalId') },
      startedAt: split ? { column: col('date'), timeColumn: col('time') } : { column: col('date') },
      direction: typeof a.direction === 'string' ? { constant: a.direction } : { column: col('direction'), ...a.direction },
      queue: a.queueConstant !== undefined ? { constant: a.queueConstant } : { column: col('queue') },
      waitSeconds: { column: col('waitSeconds'), unit: a.units[0] },
      talkSeconds: { column: col('talkSeconds'), unit: a.units[1] },
      abandoned: { column: col('abandoned'), true: [...a.abandoned[0]], false: [...a.abandoned[1]] },
    };
    if (a.optional.agentRef) fields.agentRef = { column: col('agentRef') };
    if (a.optional.hold) fields.holdSeconds = { column: col('holdSeconds'), unit: a.units[2] };
    if (a.optional.wrap) fields.wrapSeconds = { column: col('wrapSeconds'), unit: a.units[3] };
    if (a.resolved) fields.resolved = { column: col('resolved'), true: [...a.resolved[0]], false: [...a.resolved[1]] };
    if (a.optional.csat) fields.csat = { column: col('csat') };
    if (a.optional.missionCode) fields.missionCode = { column: col('missionCode') };
    if (a.optional.outcome) fields.outcome = a.outcomeValues ? { column: col('outcome'), values: a.outcomeValues } : { column: col('outcome') };
    const mapping: CsvMapping = { name: 'generated', delimiter: a.delimiter, header: a.header, dateFormat: a.dateFormat, fields };
    if (a.dateFormat !== 'iso' && !a.dateFormat.startsWith('epoch')) mapping.timeZone = a.timeZone;
    return mapping;
  });

const EARLIEST = Date.UTC(2000, 0, 1) / 1000;
const LATEST = Date.UTC(2035, 0, 1) / 1000;

/** A start time the mapping's format writes exactly (whole minutes when it has no seconds), never in a repeated hour. */
function startArbitrary(mapping: CsvMapping): fc.Arbitrary<string> {
  const minutesOnly = mapping.dateFormat.endsWith('HH:mm');
  const epochS = fc.integer({ min: EARLIEST, max: LATEST }).map((s) => (minutesOnly ? s - (s % 60) : s) * 1000);
  if (mapping.dateFormat === 'epoch-s' || mapping.dateFormat === 'epoch-ms') return epochS.map((ms) => new Date(ms).toISOString());
  if (mapping.dateFormat === 'iso') {
    return fc.tuple(epochS, fc.integer({ min: -12 * 4, max: 14 * 4 })).map(([ms, quarters]) => isoWithOffset(ms, quarters * 15));
  }
  const zone = mapping.timeZone!;
  return epochS
    .filter((ms) => {
      const offset = offsetMinutesAt(zone, ms);
      const wall = new Date(ms + offset * 60_000);
      const back = zonedInstant(zone, wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), 0);
      return back.ok && !back.ambiguous && back.epochMs === ms;
    })
    .map((ms) => isoWithOffset(ms, offsetMinutesAt(zone, ms)));
}

function durationArbitrary(u: DurationUnit | undefined): fc.Arbitrary<number> {
  if (u === undefined) return fc.constant(0);
  if (u === 's' || u === 'ms') return fc.integer({ min: 0, max: 86_400_000 }).map((ms) => ms / 1000);
  return fc.integer({ min: 0, max: 86_400 });
}

/** Records a mapping can carry: its constants, its optional fields only when mapped, its outcome values. */
export function mappedRecordsArbitrary(mapping: CsvMapping, maxLength = 20): fc.Arbitrary<ImportedCall[]> {
  const f = mapping.fields;
  const outcomes = Object.values(f.outcome?.values ?? {});
  const outcomeKeys = new Set(Object.keys(f.outcome?.values ?? {}).map((k) => k.toLowerCase()));
  const free = <T>(arb: fc.Arbitrary<T>, mapped: boolean) => (mapped ? fc.option(arb, { nil: undefined }) : fc.constant(undefined));
  const record = fc
    .record({
      externalId: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !s.includes('\u0000')),
      startedAt: startArbitrary(mapping),
      direction: 'constant' in f.direction ? fc.constant(f.direction.constant) : fc.constantFrom<'inbound' | 'outbound'>('inbound', 'outbound'),
      queue: 'constant' in f.queue ? fc.constant(f.queue.constant) : word(30),
      agentRef: free(word(30), f.agentRef !== undefined),
      waitSeconds: durationArbitrary(f.waitSeconds.unit),
      talkSeconds: durationArbitrary(f.talkSeconds.unit),
      holdSeconds: durationArbitrary(f.holdSeconds?.unit),
      wrapSeconds: durationArbitrary(f.wrapSeconds?.unit),
      abandoned: fc.boolean(),
      resolved: free(fc.boolean(), f.resolved !== undefined),
      csat: free(fc.integer({ min: 1, max: 5 }), f.csat !== undefined),
      missionCode: free(word(32), f.missionCode !== undefined),
      outcome: free(outcomes.length > 0 ? fc.oneof(fc.constantFrom(...outcomes), word(20)) : word(20), f.outcome !== undefined).filter(
        // A free outcome that is itself a mapped source value would be read as its mapping.
        (o) => o === undefined || !outcomeKeys.has(o.toLowerCase()),
      ),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as ImportedCall);
  return fc.array(record, { minLength: 1, maxLength });
}
