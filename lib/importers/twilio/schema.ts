// The parts of Twilio's Call resource (GET /2010-04-01/Accounts/{AccountSid}/Calls.json) and of
// TaskRouter's Event resource (GET /v1/Workspaces/{WorkspaceSid}/Events) the importer reads.
import { z } from 'zod';

const text = z.string().nullish();

export const callSchema = z.object({
  sid: z.string().regex(/^CA\w+$/, 'expected a Call sid starting with CA'),
  parent_call_sid: text,
  date_created: text,
  start_time: text,
  end_time: text,
  // The API writes the seconds as a string ("245"); BulkExport day files as a number.
  duration: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  direction: z.string(),
  from: text,
  to: text,
});

export const eventSchema = z.object({
  sid: text,
  event_type: z.string().min(1),
  event_date: text,
  event_date_ms: z.union([z.number(), z.string()]).nullish(),
  resource_sid: text,
  resource_type: text,
  // An object of the event type's own fields: checked where each is read, not copied here.
  event_data: z
    .custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'expected an object')
    .nullish(),
});

export type TwilioCall = z.infer<typeof callSchema>;
export type TwilioEvent = z.infer<typeof eventSchema>;
