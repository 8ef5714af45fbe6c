// What the call-record schema would refuse, said in the words of the source, so that a record
// the importer emits is one the ingest takes (lib/ may not import the server's schema itself).
import { EARLIEST_INSTANT, LATEST_INSTANT, MAX_CALL_SECONDS } from '@/lib/ingest/call-record.schema';
import type { ImportedCall } from './types';

const MAX_SECONDS = MAX_CALL_SECONDS;

const UTC_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const two = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/**
 * Date.parse of an ISO 8601 instant, read by hand when it is written the way Genesys and
 * toISOString write it (2026-11-10T09:15:02.123Z): a large export holds millions. Any other form,
 * or a field out of range, goes to Date.parse.
 */
export function isoMs(iso: string): number {
  if (iso.length === 24 && UTC_MILLIS.test(iso)) {
    const year = two(iso, 0) * 100 + two(iso, 2);
    const month = two(iso, 5);
    const day = two(iso, 8);
    const hour = two(iso, 11);
    const minute = two(iso, 14);
    const second = two(iso, 17);
    const milli = digit(iso, 20) * 100 + two(iso, 21);
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]! && (month !== 2 || day < 29) && hour < 24 && minute < 60 && second < 60) {
      return Date.UTC(year, month - 1, day, hour, minute, second, milli);
    }
  }
  return Date.parse(iso);
}

const texts = [
  ['externalId', 128, 'the call id'],
  ['queue', 100, 'the queue'],
  ['agentRef', 128, 'the agent'],
  ['outcome', 64, 'the outcome'],
] as const;

const times = [
  ['waitSeconds', 'wait'],
  ['talkSeconds', 'talk time'],
  ['holdSeconds', 'hold time'],
  ['wrapSeconds', 'wrap-up time'],
] as const;

/** Why the ingest would refuse this record, or null when it would take it. */
export function recordProblem(call: ImportedCall): string | null {
  for (const [field, max, words] of texts) {
    const value = call[field];
    if (value == null) continue;
    if (value.length === 0) return `${words} is empty`;
    if (value.length > max) return `${words} is longer than ${max} characters: '${value.slice(0, 40)}…'`;
    if (value.includes('\u0000')) return `${words} holds a NUL character`;
  }
  for (const [field, words] of times) {
    const value = call[field];
    if (!Number.isFinite(value) || value < 0) return `${words} is negative or not a number (${value})`;
    if (value > MAX_SECONDS) return `${words} over a day (${value} s)`;
  }
  const at = isoMs(call.startedAt);
  if (Number.isNaN(at) || at < EARLIEST_INSTANT || at >= LATEST_INSTANT) {
    return `the start time is outside the years 1900–2199: '${call.startedAt}'`;
  }
  return null;
}

/** A zod-free description of the first thing wrong in a record, for the rejection's reason. */
export function describeIssue(
  what: string,
  issue: { path: PropertyKey[]; message: string } | undefined,
  value: unknown,
): string {
  if (!issue) return `${what} is not valid`;
  let at: unknown = value;
  for (const key of issue.path) at = at != null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  const where = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
  if (at === undefined) return `${what} has no ${where}`;
  const shown = JSON.stringify(at) ?? String(at);
  return `${what}: ${where} is not valid (${issue.message.replace(/^Invalid input: /, '')}): ${shown.slice(0, 60)}`;
}
