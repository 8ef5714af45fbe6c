// The parts of a Genesys Cloud analytics conversation (POST /api/v2/analytics/conversations/details/query,
// AnalyticsConversationWithoutAttributes) the importer reads; every other field is left alone.
import { z } from 'zod';

// Genesys writes every instant in UTC, e.g. 2026-11-10T09:15:02.123Z.
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const instant = z.string().regex(ISO_INSTANT, 'expected an ISO 8601 date-time such as 2026-11-10T09:15:02.123Z');

const segment = z.object({
  segmentStart: instant,
  segmentEnd: instant.optional(),
  segmentType: z.string().optional(),
  queueId: z.string().optional(),
  wrapUpCode: z.string().optional(),
  disconnectType: z.string().optional(),
});

const session = z.object({
  mediaType: z.string(),
  sessionId: z.string().optional(),
  segments: z.array(segment).default([]),
});

const participant = z.object({
  participantId: z.string().optional(),
  userId: z.string().optional(),
  purpose: z.string(),
  sessions: z.array(session).default([]),
});

export const conversationSchema = z.object({
  conversationId: z.string().min(1),
  conversationStart: instant,
  conversationEnd: instant.optional(),
  originatingDirection: z.string().optional(),
  participants: z.array(participant).default([]),
});

export type GenesysConversation = z.infer<typeof conversationSchema>;
export type GenesysSession = z.infer<typeof session>;
export type GenesysSegment = z.infer<typeof segment>;
