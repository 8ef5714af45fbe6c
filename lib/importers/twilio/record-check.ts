// The Call and Event schemas' checks written out by hand, for the hot path: an export of 100,000
// calls holds over half a million events, each of which zod would copy. A record that passes is
// used as it stands; one that does not is handed to the schema, which says what is wrong in the same
// words as before — and takes it if these checks were stricter than the schema.
import { callSchema, eventSchema, type TwilioCall, type TwilioEvent } from './schema';

type Loose = Record<string, unknown>;
type Issue = { path: PropertyKey[]; message: string } | undefined;
export type Checked<T> = { ok: true; data: T } | { ok: false; issue: Issue };

const CALL_SID = /^CA\w+$/;
const text = (v: unknown) => v == null || typeof v === 'string';
const isObject = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);

function isCall(v: Loose): boolean {
  return (
    typeof v.sid === 'string' &&
    CALL_SID.test(v.sid) &&
    text(v.parent_call_sid) &&
    text(v.date_created) &&
    text(v.start_time) &&
    text(v.end_time) &&
    (v.duration == null || typeof v.duration === 'string' || typeof v.duration === 'number') &&
    typeof v.status === 'string' &&
    typeof v.direction === 'string' &&
    text(v.from) &&
    text(v.to)
  );
}

function isEvent(v: Loose): boolean {
  return (
    text(v.sid) &&
    typeof v.event_type === 'string' &&
    v.event_type.length > 0 &&
    text(v.event_date) &&
    (v.event_date_ms == null || typeof v.event_date_ms === 'number' || typeof v.event_date_ms === 'string') &&
    text(v.resource_sid) &&
    text(v.resource_type) &&
    (v.event_data == null || isObject(v.event_data))
  );
}

export function checkCall(value: unknown): Checked<TwilioCall> {
  if (isObject(value) && isCall(value)) return { ok: true, data: value as TwilioCall };
  const checked = callSchema.safeParse(value);
  return checked.success ? { ok: true, data: checked.data } : { ok: false, issue: checked.error.issues[0] };
}

export function checkEvent(value: unknown): Checked<TwilioEvent> {
  if (isObject(value) && isEvent(value)) return { ok: true, data: value as TwilioEvent };
  const checked = eventSchema.safeParse(value);
  return checked.success ? { ok: true, data: checked.data } : { ok: false, issue: checked.error.issues[0] };
}
