// Test support: CallRecords written as Amazon Connect contact records, one JSON object per line as
// Kinesis Data Firehose delivers the contact-record stream, with the fast-check arbitrary of the
// calls those records can hold.
import fc from 'fast-check';
import type { ImportedCall } from '../types';

const INSTANCE = 'arn:aws:connect:eu-west-3:111122223333:instance/4d6f0c2a-9b1e-4c55-8f0e-2a7b3c9d1e00';
const IVR_SECONDS = 12;

/** A UUID-shaped ContactId: the externalId's own when it is `ac:<id>`, else one made from the record's position. */
function contactIdOf(record: ImportedCall, index: number): string {
  if (record.externalId.startsWith('ac:')) return record.externalId.slice(3);
  const hex = index.toString(16).padStart(12, '0');
  return `0c0a7e11-0000-4000-8000-${hex}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * One contact record per call: initiated at startedAt, `IVR_SECONDS` in the flow, then Queue.Duration
 * seconds in queue; an answered call has its agent's interaction, hold and after-contact work; an
 * abandon has no Agent. With `duplicates`, every fifth contact is also delivered in an older version
 * (its LastUpdateTimestamp earlier, its figures stale: the after-contact work not yet done), before
 * or after the newer one in turn, as Connect's at-least-once delivery does.
 */
export function writeAmazonConnect(records: ImportedCall[], options: { duplicates?: boolean } = {}): string {
  const lines: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const contactId = contactIdOf(r, i);
    const initiated = Date.parse(r.startedAt);
    const enqueued = initiated + IVR_SECONDS * 1000;
    const dequeued = enqueued + r.waitSeconds * 1000;
    const connected = !r.abandoned && r.agentRef != null;
    const disconnected = dequeued + (connected ? (r.talkSeconds + r.holdSeconds) * 1000 : 0);
    const acwEnd = disconnected + (connected ? r.wrapSeconds * 1000 : 0);
    const updated = acwEnd + 3_000;
    const build = (stale: boolean) => ({
      AWSAccountId: '111122223333',
      AWSContactTraceRecordFormatVersion: '2017-03-10',
      Agent: connected
        ? {
            ARN: `${INSTANCE}/agent/${r.agentRef}`,
            Username: r.agentRef,
            ConnectedToAgentTimestamp: iso(dequeued),
            AgentInteractionDuration: r.talkSeconds,
            CustomerHoldDuration: r.holdSeconds,
            AfterContactWorkDuration: stale ? 0 : r.wrapSeconds,
            AfterContactWorkStartTimestamp: iso(disconnected),
            AfterContactWorkEndTimestamp: stale ? null : iso(acwEnd),
            NumberOfHolds: r.holdSeconds > 0 ? 1 : 0,
            LongestHoldDuration: r.holdSeconds,
          }
        : null,
      Attributes: {},
      Channel: 'VOICE',
      ConnectedToSystemTimestamp: iso(initiated),
      ContactId: contactId,
      CustomerEndpoint: { Address: `+3361${String(1_000_000 + (i % 8_000_000)).padStart(7, '0')}`, Type: 'TELEPHONE_NUMBER' },
      DisconnectReason: r.outcome ? r.outcome.toUpperCase() : 'CUSTOMER_DISCONNECT',
      DisconnectTimestamp: iso(disconnected),
      InitialContactId: null,
      InitiationMethod: r.direction === 'outbound' ? 'OUTBOUND' : 'INBOUND',
      InitiationTimestamp: iso(initiated),
      InstanceARN: INSTANCE,
      LastUpdateTimestamp: iso(stale ? updated - 60_000 : updated),
      NextContactId: null,
      PreviousContactId: null,
      Queue: {
        ARN: `${INSTANCE}/queue/${r.queue}`,
        Name: r.queue,
        EnqueueTimestamp: iso(enqueued),
        DequeueTimestamp: iso(dequeued),
        Duration: r.waitSeconds,
      },
      SystemEndpoint: { Address: '+33180000000', Type: 'TELEPHONE_NUMBER' },
    });
    const line = JSON.stringify(build(false));
    if (options.duplicates && i % 5 === 0) {
      const stale = JSON.stringify(build(true));
      if (i % 10 === 0) lines.push(stale, line);
      else lines.push(line, stale);
    } else {
      lines.push(line);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** What the contact records keep of a call: whole seconds, hold and wrap-up, the disconnect reason as outcome. */
export function amazonConnectCallsArbitrary(): fc.Arbitrary<ImportedCall[]> {
  const call = fc
    .record({
      contactId: fc.uuid({ version: 4 }),
      start: fc.integer({ min: Date.UTC(2015, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => s * 1000),
      outbound: fc.boolean(),
      answered: fc.boolean(),
      queue: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,30}$/).map((q) => q.trim() || 'Q'),
      agent: fc.stringMatching(/^[a-z][a-z0-9._-]{1,20}$/),
      wait: fc.integer({ min: 0, max: 3_600 }),
      talk: fc.integer({ min: 0, max: 20_000 }),
      hold: fc.integer({ min: 0, max: 1_800 }),
      wrap: fc.integer({ min: 0, max: 900 }),
      reason: fc.constantFrom('customer_disconnect', 'agent_disconnect', 'contact_flow_disconnect', 'telecom_problem'),
    })
    .map((c): ImportedCall => {
      // An outbound contact is always connected to the agent who placed it.
      const answered = c.answered || c.outbound;
      const base = {
        externalId: `ac:${c.contactId}`,
        startedAt: new Date(c.start).toISOString(),
        direction: c.outbound ? ('outbound' as const) : ('inbound' as const),
        queue: c.queue,
        waitSeconds: c.wait,
        outcome: c.reason,
      };
      if (!answered) return { ...base, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: true };
      return { ...base, agentRef: c.agent, talkSeconds: c.talk, holdSeconds: c.hold, wrapSeconds: c.wrap, abandoned: false };
    });
  return fc.uniqueArray(call, { maxLength: 40, selector: (c) => c.externalId });
}
