// Records a Genesys Cloud conversation can carry: UTC instants to the millisecond, times in whole
// milliseconds, queue and agent by id, a wrap-up code only on answered calls, outbound calls
// answered and without queue wait (an agent's own call on behalf of a queue).
import fc from 'fast-check';
import type { ImportedCall } from '../types';

const millis = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 1000);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
const code = fc.string({ minLength: 1, maxLength: 64 }).filter((s) => !s.includes('\u0000'));

export const genesysCallArbitrary: fc.Arbitrary<ImportedCall> = fc
  .record({
    conversationId: fc.uuid(),
    queue: fc.uuid(),
    startedAt: instant,
    direction: fc.constantFrom('inbound', 'outbound'),
    abandoned: fc.boolean(),
    agentRef: fc.option(fc.uuid(), { nil: undefined }),
    wait: millis(3_600_000),
    talk: millis(7_200_000),
    hold: millis(1_800_000),
    wrap: millis(900_000),
    outcome: fc.option(code, { nil: undefined }),
  })
  .map((r): ImportedCall => {
    const base = { externalId: `gc:${r.conversationId}:${r.queue}:1`, startedAt: r.startedAt, queue: r.queue };
    if (r.direction === 'inbound' && r.abandoned) {
      return { ...base, direction: 'inbound', waitSeconds: r.wait, talkSeconds: 0, holdSeconds: 0, wrapSeconds: 0, abandoned: true };
    }
    return {
      ...base,
      direction: r.direction,
      ...(r.agentRef ? { agentRef: r.agentRef } : {}),
      waitSeconds: r.direction === 'outbound' ? 0 : r.wait,
      talkSeconds: r.talk,
      holdSeconds: r.hold,
      wrapSeconds: r.wrap,
      abandoned: false,
      ...(r.outcome ? { outcome: r.outcome } : {}),
    };
  });

export const genesysCallsArbitrary = fc.uniqueArray(genesysCallArbitrary, {
  maxLength: 30,
  selector: (r) => r.externalId.split(':')[1],
});
