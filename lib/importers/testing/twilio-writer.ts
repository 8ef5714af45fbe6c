// Writes CallRecords as Twilio documents them: a Calls list page (`calls.json`, RFC 2822 times,
// duration in seconds as a string) and a TaskRouter Events list page (`events.json`, newest first,
// event_date in ISO 8601 and event_date_ms, task_attributes a JSON string holding call_sid).
// Test support for the round-trip property test and for the 100,000-call importer benchmark.
import type { ImportedCall, ImportSource } from '../types';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 2822 in GMT, as the Call resource writes its times: "Tue, 10 Nov 2026 09:15:02 +0000". */
export function rfc2822(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

const ACCOUNT = 'AC5f2c3d4e5f60718293a4b5c6d7e8f901';
const WORKSPACE = 'WS0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const hex32 = (n: number) => n.toString(16).padStart(32, '0');
const TASK = /^tw:(WT\w+)$/;

function taskSidOf(record: ImportedCall, index: number): string {
  return TASK.exec(record.externalId)?.[1] ?? `WT${hex32(index)}`;
}

export function writeTwilio(records: ImportedCall[]): ImportSource[] {
  const calls: string[] = [];
  const events: string[] = [];
  let eventNo = 0;
  records.forEach((record, index) => {
    const callSid = `CA${hex32(index + 1)}`;
    const taskSid = taskSidOf(record, index);
    const start = Date.parse(record.startedAt);
    const wait = Math.round(record.waitSeconds * 1000);
    const talk = Math.round(record.talkSeconds * 1000);
    const wrap = Math.round(record.wrapSeconds * 1000);
    const answered = start + wait;
    const callEnd = record.abandoned ? answered : answered + talk;
    const customer = `+2305${String(7_000_000 + (index % 1_000_000)).padStart(7, '0')}`;
    const inbound = record.direction === 'inbound';
    calls.push(
      JSON.stringify({
        account_sid: ACCOUNT,
        answered_by: null,
        api_version: '2010-04-01',
        caller_name: null,
        date_created: rfc2822(start),
        date_updated: rfc2822(callEnd),
        direction: inbound ? 'inbound' : 'outbound-api',
        duration: String(Math.round((callEnd - start) / 1000)),
        end_time: rfc2822(callEnd),
        forwarded_from: null,
        from: inbound ? customer : '+23052900100',
        parent_call_sid: null,
        phone_number_sid: `PN${hex32(7)}`,
        price: null,
        price_unit: 'USD',
        sid: callSid,
        start_time: rfc2822(start),
        status: 'completed',
        to: inbound ? '+23052900100' : customer,
        uri: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${callSid}.json`,
      }),
    );
    const queueSid = `WQ${hex32(record.queue.length)}`;
    const reservationSid = `WR${hex32(index + 1)}`;
    const workerSid = `WK${hex32(index + 1)}`;
    // Every task and reservation event carries the task's attributes, as TaskRouter sends them.
    const attributes = JSON.stringify({ call_sid: callSid, direction: record.direction, from: customer });
    const event = (type: string, at: number, resourceType: string, resourceSid: string, data: Record<string, unknown>) => {
      eventNo++;
      events.push(
        JSON.stringify({
          account_sid: ACCOUNT,
          event_type: type,
          event_date: new Date(at).toISOString().replace('.000Z', 'Z'),
          event_date_ms: at,
          resource_type: resourceType,
          resource_sid: resourceSid,
          sid: `EV${hex32(eventNo)}`,
          workspace_sid: WORKSPACE,
          event_data: { task_sid: taskSid, task_queue_sid: queueSid, task_queue_name: record.queue, task_attributes: attributes, ...data },
        }),
      );
    };
    event('task.created', start, 'task', taskSid, { task_age: 0 });
    event('task-queue.entered', start, 'task', taskSid, {});
    if (record.abandoned) {
      event('task.canceled', answered, 'task', taskSid, { task_age: Math.round(wait / 1000), task_canceled_reason: 'hangup' });
      return;
    }
    const worker = { worker_sid: workerSid, worker_name: record.agentRef ?? workerSid };
    event('reservation.created', start, 'reservation', reservationSid, { reservation_sid: reservationSid, ...worker });
    event('reservation.accepted', answered, 'reservation', reservationSid, { reservation_sid: reservationSid, ...worker });
    event('task.wrapup', answered + talk, 'task', taskSid, {});
    event('task.completed', answered + talk + wrap, 'task', taskSid, { task_completed_reason: 'completed' });
  });
  // Both lists run newest first, as the API returns them.
  calls.reverse();
  events.reverse();
  return [
    {
      name: 'calls.json',
      text: `{"calls":[\n${calls.join(',\n')}\n],"end":${calls.length - 1},"first_page_uri":"/2010-04-01/Accounts/${ACCOUNT}/Calls.json?PageSize=${calls.length}&Page=0","next_page_uri":null,"page":0,"page_size":${calls.length},"previous_page_uri":null,"start":0,"uri":"/2010-04-01/Accounts/${ACCOUNT}/Calls.json?PageSize=${calls.length}&Page=0"}\n`,
    },
    {
      name: 'events.json',
      text: `{"events":[\n${events.join(',\n')}\n],"meta":{"key":"events","page":0,"page_size":${events.length},"next_page_url":null,"previous_page_url":null}}\n`,
    },
  ];
}
