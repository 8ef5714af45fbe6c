// A mapping bound to one file's columns: each field's column found once (by header name, or by its
// 1-based number), then a row → CallRecord function with no lookups left in the loop.
import type { CsvMapping } from '../csv-mapping';
import type { ImportedCall } from '../types';
import { DURATION_WORDS, readChoice, readCsat, readDuration, valueSet, type Read } from './cells';
import { parseStart } from './dates';

export type RowRead = { ok: true; record: ImportedCall; ambiguous: boolean } | { ok: false; reason: string };
export type BoundMapping = { ok: true; read: (cells: string[]) => RowRead } | { ok: false; reason: string };

type Cell = (cells: string[]) => string;

const DURATIONS = ['waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'] as const;

const TEXT_LIMITS = { externalId: 128, queue: 100, agentRef: 128, missionCode: 32, outcome: 64 } as const;

/** The text of a cell as a record field, or why it cannot be one. Empty → null (the field is left out). */
function readText(value: string, field: keyof typeof TEXT_LIMITS, what: string): Read<string | null> {
  if (value === '') return { ok: true, value: null };
  if (value.length > TEXT_LIMITS[field]) return { ok: false, reason: `${what} is longer than ${TEXT_LIMITS[field]} characters: '${value.slice(0, 40)}…'` };
  if (value.includes('\u0000')) return { ok: false, reason: `${what} contains a NUL character` };
  return { ok: true, value };
}

export function compileMapping(mapping: CsvMapping, header: Map<string, number> | null, width: number): BoundMapping {
  const missing: string[] = [];
  const cellOf = (column: string): Cell => {
    const index = header ? header.get(column.trim().toLowerCase()) : Number(column) - 1;
    if (index === undefined || index < 0 || index >= width) {
      missing.push(column);
      return () => '';
    }
    return (cells) => cells[index] ?? '';
  };
  const f = mapping.fields;

  const externalId = cellOf(f.externalId.column);
  const startDate = cellOf(f.startedAt.column);
  const startTime = f.startedAt.timeColumn === undefined ? null : cellOf(f.startedAt.timeColumn);
  const direction: (cells: string[]) => Read<'inbound' | 'outbound'> =
    'constant' in f.direction
      ? ((value) => () => ({ ok: true, value }))(f.direction.constant)
      : ((cell, inbound, outbound) => (cells: string[]) => readChoice(cell(cells), inbound, 'inbound' as const, outbound, 'outbound' as const, 'direction'))(
          cellOf(f.direction.column),
          valueSet(f.direction.inbound),
          valueSet(f.direction.outbound),
        );
  const queue: Cell = 'constant' in f.queue ? ((value) => () => value)(f.queue.constant) : cellOf(f.queue.column);
  const agent = f.agentRef ? cellOf(f.agentRef.column) : null;
  const durations = DURATIONS.map((key) => {
    const spec = f[key];
    return spec ? { key, unit: spec.unit, cell: cellOf(spec.column) } : { key, unit: 's' as const, cell: null };
  });
  const abandoned = { cell: cellOf(f.abandoned.column), yes: valueSet(f.abandoned.true), no: valueSet(f.abandoned.false) };
  const resolved = f.resolved ? { cell: cellOf(f.resolved.column), yes: valueSet(f.resolved.true), no: valueSet(f.resolved.false) } : null;
  const csat = f.csat ? cellOf(f.csat.column) : null;
  const mission = f.missionCode ? cellOf(f.missionCode.column) : null;
  const outcome = f.outcome ? cellOf(f.outcome.column) : null;
  const outcomeValues = new Map(Object.entries(f.outcome?.values ?? {}).map(([from, to]) => [from.trim().toLowerCase(), to]));

  if (missing.length > 0) {
    const names = [...new Set(missing)].map((c) => `'${c}'`).join(', ');
    const reason = header
      ? `The mapping names the column ${names}, and the file has no column of that name (its header: ${[...header.keys()].join(', ')}).`
      : `The mapping names column ${names}, and the file has only ${width} column${width === 1 ? '' : 's'}.`;
    return { ok: false, reason };
  }

  const read = (cells: string[]): RowRead => {
    const id = cells.length > 0 ? externalId(cells) : '';
    if (id.trim() === '') return { ok: false, reason: 'the call id is empty' };
    const idText = readText(id, 'externalId', 'the call id');
    if (!idText.ok) return idText;

    const when = startTime ? `${startDate(cells).trim()} ${startTime(cells).trim()}` : startDate(cells);
    const start = parseStart(when, mapping.dateFormat, mapping.timeZone);
    if (!start.ok) return start;

    const dir = direction(cells);
    if (!dir.ok) return dir;

    const queueText = readText(queue(cells).trim(), 'queue', 'the queue');
    if (!queueText.ok) return queueText;
    if (queueText.value === null) return { ok: false, reason: 'the queue is empty' };

    const record: ImportedCall = {
      externalId: id,
      startedAt: start.iso,
      direction: dir.value,
      queue: queueText.value,
      waitSeconds: 0,
      talkSeconds: 0,
      holdSeconds: 0,
      wrapSeconds: 0,
      abandoned: false,
    };

    if (agent) {
      const a = readText(agent(cells).trim(), 'agentRef', 'the agent');
      if (!a.ok) return a;
      if (a.value !== null) record.agentRef = a.value;
    }
    for (const d of durations) {
      if (!d.cell) continue;
      const s = readDuration(d.cell(cells), d.unit, DURATION_WORDS[d.key]);
      if (!s.ok) return s;
      record[d.key] = s.value;
    }
    const ab = readChoice(abandoned.cell(cells), abandoned.yes, true, abandoned.no, false, 'abandoned');
    if (!ab.ok) return ab;
    record.abandoned = ab.value;
    if (resolved) {
      const cell = resolved.cell(cells);
      // An empty cell the lists do not name is "not known": the field is left out.
      if (cell.trim() !== '' || resolved.yes.has('') || resolved.no.has('')) {
        const r = readChoice(cell, resolved.yes, true, resolved.no, false, 'resolved');
        if (!r.ok) return r;
        record.resolved = r.value;
      }
    }
    if (csat) {
      const cell = csat(cells);
      if (cell.trim() !== '') {
        const c = readCsat(cell);
        if (!c.ok) return c;
        record.csat = c.value;
      }
    }
    if (mission) {
      const m = readText(mission(cells).trim(), 'missionCode', 'the mission code');
      if (!m.ok) return m;
      if (m.value !== null) record.missionCode = m.value;
    }
    if (outcome) {
      const raw = outcome(cells).trim();
      const mapped = outcomeValues.get(raw.toLowerCase()) ?? raw;
      const o = readText(mapped, 'outcome', 'the outcome');
      if (!o.ok) return o;
      if (o.value !== null) record.outcome = o.value;
    }
    return { ok: true, record, ambiguous: start.ambiguous };
  };
  return { ok: true, read };
}
