// The conversation schema's checks written out by hand, for the hot path: a 100,000-conversation
// export would otherwise be copied object by object by zod. A conversation that passes is used as
// it stands (its missing lists set to [] as the schema's defaults would); one that does not is
// handed to the schema, which says what is wrong in the same words as before — and takes it if
// these checks were stricter than the schema.
import { conversationSchema, ISO_INSTANT, type GenesysConversation } from './schema';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);
const optionalText = (v: unknown) => v === undefined || typeof v === 'string';
const isInstant = (v: unknown) => typeof v === 'string' && ISO_INSTANT.test(v);

/** Checks a list the schema defaults to []: sets it when absent. */
function listOf(owner: Loose, key: string, each: (v: unknown) => boolean): boolean {
  const list = owner[key];
  if (list === undefined) {
    owner[key] = [];
    return true;
  }
  if (!Array.isArray(list)) return false;
  for (const item of list) if (!each(item)) return false;
  return true;
}

function isSegment(v: unknown): boolean {
  if (!isObject(v)) return false;
  return (
    isInstant(v.segmentStart) &&
    (v.segmentEnd === undefined || isInstant(v.segmentEnd)) &&
    optionalText(v.segmentType) &&
    optionalText(v.queueId) &&
    optionalText(v.wrapUpCode) &&
    optionalText(v.disconnectType)
  );
}

function isSession(v: unknown): boolean {
  if (!isObject(v)) return false;
  return typeof v.mediaType === 'string' && optionalText(v.sessionId) && listOf(v, 'segments', isSegment);
}

function isParticipant(v: unknown): boolean {
  if (!isObject(v)) return false;
  return optionalText(v.participantId) && optionalText(v.userId) && typeof v.purpose === 'string' && listOf(v, 'sessions', isSession);
}

function passes(v: unknown): v is GenesysConversation {
  if (!isObject(v)) return false;
  return (
    typeof v.conversationId === 'string' &&
    v.conversationId.length > 0 &&
    isInstant(v.conversationStart) &&
    (v.conversationEnd === undefined || isInstant(v.conversationEnd)) &&
    optionalText(v.originatingDirection) &&
    listOf(v, 'participants', isParticipant)
  );
}

export type ConversationCheck = { ok: true; conversation: GenesysConversation } | { ok: false; issue: { path: PropertyKey[]; message: string } | undefined };

export function checkConversation(value: unknown): ConversationCheck {
  if (passes(value)) return { ok: true, conversation: value };
  const checked = conversationSchema.safeParse(value);
  return checked.success ? { ok: true, conversation: checked.data } : { ok: false, issue: checked.error.issues[0] };
}
