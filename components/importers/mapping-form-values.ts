// The mapping form's own values (every field as text, value lists as "Oui, Yes") and their
// translation to and from a CsvMapping. The form is checked with csvMappingSchema itself, each
// issue taken back to the form field it came from. Pure: no React, tested on its own.
import type { FieldErrors } from 'react-hook-form';
import { nestedFieldErrors } from '@/components/forms/issues-resolver';
import { csvMappingSchema, type CsvDateFormat, type CsvMapping, type CsvMappingInput, type DurationUnit } from '@/lib/importers/csv-mapping';

export type DurationValues = { column: string; unit: DurationUnit };
export type ChoiceValues = { column: string; yes: string; no: string };

export type MappingFormValues = {
  name: string;
  delimiter: CsvMapping['delimiter'];
  header: boolean;
  dateFormat: CsvDateFormat;
  timeZone: string;
  externalId: string;
  startedAt: string;
  /** Empty: the date column holds the time too. */
  startedAtTime: string;
  directionMode: 'column' | 'inbound' | 'outbound';
  direction: { column: string; inbound: string; outbound: string };
  queueMode: 'column' | 'constant';
  queue: string;
  agentRef: string;
  waitSeconds: DurationValues;
  talkSeconds: DurationValues;
  /** An empty column: not in the file (0 s). */
  holdSeconds: DurationValues;
  wrapSeconds: DurationValues;
  abandoned: ChoiceValues;
  /** An empty column: not in the file. */
  resolved: ChoiceValues;
  csat: string;
  missionCode: string;
  outcome: string;
  /** One "source value = outcome" per line. */
  outcomeValues: string;
};

export const emptyMappingValues = (timeZone = ''): MappingFormValues => ({
  name: '',
  delimiter: ',',
  header: true,
  dateFormat: 'yyyy-MM-dd HH:mm:ss',
  timeZone,
  externalId: '',
  startedAt: '',
  startedAtTime: '',
  directionMode: 'inbound',
  direction: { column: '', inbound: '', outbound: '' },
  queueMode: 'column',
  queue: '',
  agentRef: '',
  waitSeconds: { column: '', unit: 's' },
  talkSeconds: { column: '', unit: 's' },
  holdSeconds: { column: '', unit: 's' },
  wrapSeconds: { column: '', unit: 's' },
  abandoned: { column: '', yes: '', no: '' },
  resolved: { column: '', yes: '', no: '' },
  csat: '',
  missionCode: '',
  outcome: '',
  outcomeValues: '',
});

/** "Oui, Yes" → ['Oui', 'Yes']. */
export const listOf = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

const optionalColumn = (column: string) => (column.trim() === '' ? undefined : { column: column.trim() });

/** "Vente = sale" lines → { Vente: 'sale' }; a line without "=" is kept whole, so the schema names it. */
export function outcomeValuesOf(text: string): Record<string, string> | undefined {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return at === -1 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The mapping the values describe, as the API takes it (checked by the schema, not here). */
export function mappingFromValues(v: MappingFormValues): CsvMappingInput {
  const fields: CsvMappingInput['fields'] = {
    externalId: { column: v.externalId },
    startedAt: v.startedAtTime.trim() === '' ? { column: v.startedAt } : { column: v.startedAt, timeColumn: v.startedAtTime },
    direction:
      v.directionMode === 'column'
        ? { column: v.direction.column, inbound: listOf(v.direction.inbound), outbound: listOf(v.direction.outbound) }
        : { constant: v.directionMode },
    queue: v.queueMode === 'column' ? { column: v.queue } : { constant: v.queue },
    waitSeconds: { column: v.waitSeconds.column, unit: v.waitSeconds.unit },
    talkSeconds: { column: v.talkSeconds.column, unit: v.talkSeconds.unit },
    abandoned: { column: v.abandoned.column, true: listOf(v.abandoned.yes), false: listOf(v.abandoned.no) },
  };
  const agent = optionalColumn(v.agentRef);
  if (agent) fields.agentRef = agent;
  if (v.holdSeconds.column.trim() !== '') fields.holdSeconds = { column: v.holdSeconds.column, unit: v.holdSeconds.unit };
  if (v.wrapSeconds.column.trim() !== '') fields.wrapSeconds = { column: v.wrapSeconds.column, unit: v.wrapSeconds.unit };
  if (v.resolved.column.trim() !== '') fields.resolved = { column: v.resolved.column, true: listOf(v.resolved.yes), false: listOf(v.resolved.no) };
  const csat = optionalColumn(v.csat);
  if (csat) fields.csat = csat;
  const mission = optionalColumn(v.missionCode);
  if (mission) fields.missionCode = mission;
  if (v.outcome.trim() !== '') {
    const values = outcomeValuesOf(v.outcomeValues);
    fields.outcome = values ? { column: v.outcome, values } : { column: v.outcome };
  }
  const mapping: CsvMappingInput = { name: v.name, delimiter: v.delimiter, header: v.header, dateFormat: v.dateFormat, fields };
  if (v.timeZone.trim() !== '') mapping.timeZone = v.timeZone.trim();
  return mapping;
}

/** The form's values for a saved mapping (to edit it). */
export function valuesFromMapping(m: CsvMapping): MappingFormValues {
  const f = m.fields;
  const base = emptyMappingValues(m.timeZone ?? '');
  const choice = (c: { column: string; true: string[]; false: string[] } | undefined): ChoiceValues =>
    c ? { column: c.column, yes: c.true.join(', '), no: c.false.join(', ') } : { column: '', yes: '', no: '' };
  const duration = (d: { column: string; unit: DurationUnit } | undefined): DurationValues => (d ? { column: d.column, unit: d.unit } : { column: '', unit: 's' });
  return {
    ...base,
    name: m.name,
    delimiter: m.delimiter,
    header: m.header,
    dateFormat: m.dateFormat,
    externalId: f.externalId.column,
    startedAt: f.startedAt.column,
    startedAtTime: f.startedAt.timeColumn ?? '',
    directionMode: 'column' in f.direction ? 'column' : f.direction.constant,
    direction: 'column' in f.direction ? { column: f.direction.column, inbound: f.direction.inbound.join(', '), outbound: f.direction.outbound.join(', ') } : base.direction,
    queueMode: 'column' in f.queue ? 'column' : 'constant',
    queue: 'column' in f.queue ? f.queue.column : f.queue.constant,
    agentRef: f.agentRef?.column ?? '',
    waitSeconds: duration(f.waitSeconds),
    talkSeconds: duration(f.talkSeconds),
    holdSeconds: duration(f.holdSeconds),
    wrapSeconds: duration(f.wrapSeconds),
    abandoned: choice(f.abandoned),
    resolved: choice(f.resolved),
    csat: f.csat?.column ?? '',
    missionCode: f.missionCode?.column ?? '',
    outcome: f.outcome?.column ?? '',
    outcomeValues: Object.entries(f.outcome?.values ?? {})
      .map(([from, to]) => `${from} = ${to}`)
      .join('\n'),
  };
}

/** Where a schema issue lands in the form: the field's own input. */
export function formFieldOf(path: readonly PropertyKey[]): string {
  const [top, field, part] = path.map(String);
  if (top !== 'fields' || field === undefined) return top ?? 'name';
  switch (field) {
    case 'externalId':
    case 'agentRef':
    case 'csat':
    case 'missionCode':
      return field;
    case 'startedAt':
      return part === 'timeColumn' ? 'startedAtTime' : 'startedAt';
    case 'queue':
      return 'queue';
    case 'outcome':
      return part === 'values' ? 'outcomeValues' : 'outcome';
    case 'direction':
      return part === 'inbound' || part === 'outbound' ? `direction.${part}` : part === 'constant' ? 'directionMode' : 'direction.column';
    case 'abandoned':
    case 'resolved':
      return part === 'true' ? `${field}.yes` : part === 'false' ? `${field}.no` : `${field}.column`;
    default:
      // The durations: their column or their unit.
      return part === 'unit' ? `${field}.unit` : `${field}.column`;
  }
}

export type MappingIssue = { field: string; key: string };

/** The schema's refusals of the values, each on its form field (the first per field). */
export function checkMappingValues(values: MappingFormValues): MappingIssue[] {
  const result = csvMappingSchema.safeParse(mappingFromValues(values));
  if (result.success) return [];
  const seen = new Set<string>();
  const issues: MappingIssue[] = [];
  for (const issue of result.error.issues) {
    const field = formFieldOf(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, key: issue.message });
  }
  return issues;
}

export const mappingFormErrors = (issues: MappingIssue[]): FieldErrors<MappingFormValues> => nestedFieldErrors<MappingFormValues>(issues);
