// Reading the fields of one queue_log line: `epoch|callid|queue|agent|event|data1|data2|…`
// (Asterisk "Queue Logs"). Pure helpers, shared by the tracker and the importer's detect().
import { LATEST_INSTANT, MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';

/** A time, wait or talk over a day is a clock or log error, not a call (as the ingest judges it). */
export const DAY_SECONDS = MAX_CALL_SECONDS;
export const DAY_MS = DAY_SECONDS * 1000;
/** The ingest refuses instants from 2200 on. */
export const LATEST_MS = LATEST_INSTANT;
/** What the ingest stores in a queue name and an agent reference. */
export const MAX_QUEUE_LENGTH = 100;
export const MAX_AGENT_LENGTH = 128;
export const MAX_EXTERNAL_ID_LENGTH = 128;

/** Index of the first event parameter (data1) in a split line. */
export const DATA = 5;

// Compiled once: they run on every line.
const EPOCH = /^\d{1,12}(\.\d{1,9})?$/;
const SECONDS = /^\d{1,9}(\.\d{1,9})?$/;
/** One line as Asterisk writes it; detect() asks most of a file's first lines to look so. */
export const LINE_SHAPE = /^\d{1,12}(\.\d{1,9})?\|[^|]*\|[^|]*\|[^|]*\|[A-Z][A-Z_]*(\||$)/;

/** The queue and the call id "NONE" (or nothing) mark system and agent lines, which belong to no queue or call. */
export const isNone = (field: string | undefined): boolean => field === undefined || field === '' || field === 'NONE';

/** Milliseconds of a Unix epoch as written (fractional in newer Asterisk), or null when it is no epoch. */
export function epochMs(raw: string): number | null {
  if (!EPOCH.test(raw)) return null;
  return Math.round(Number(raw) * 1000);
}

/** A duration field: seconds ≥ 0, or the reason it is none, in words. */
export function readSeconds(raw: string | undefined, event: string, name: string): number | string {
  if (raw === undefined || raw === '') return `${event} has no ${name}`;
  if (!SECONDS.test(raw)) return `${event} ${name} is not a number of seconds: '${clip(raw, 40)}'`;
  const seconds = Number(raw);
  if (seconds > DAY_SECONDS) return `${event} ${name} is over a day: ${raw} seconds`;
  return seconds;
}

/** A field as shown inside a reason. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What a rejection shows beside its reason. */
export const excerptOf = (line: string): string => line.slice(0, 200);

/**
 * `ql:<callid>:<queue>:<enter epoch as written>`: the same visit of a call to a queue gets the
 * same id from whichever file or resumed follow reads it. The id is at most 128 characters, as
 * the ingest takes it; a longer one (a queue name near 100 characters) keeps its start and gets
 * a 64-bit hash of the whole so that it stays unique.
 */
export function externalIdOf(callid: string, queue: string, enteredAt: string): string {
  const id = `ql:${callid}:${queue}:${enteredAt}`;
  if (id.length <= MAX_EXTERNAL_ID_LENGTH) return id;
  const hash = `#${hash32(id, 0x811c9dc5)}${hash32(id, 0x01000193)}`;
  return `ql:${hash}:${id.slice(3, MAX_EXTERNAL_ID_LENGTH - 4 - hash.length)}`;
}

/** FNV-1a over UTF-16 code units, seeded: two seeds give 64 bits. */
function hash32(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
