// Records Twilio can carry: whole seconds (the Call resource's times are RFC 2822 to the second;
// the writer's events follow them), no hold (TaskRouter events have none), the agent as the
// worker's name (every accepted reservation names its worker), no outcome; the queue by its TaskQueue friendly name.
import fc from 'fast-check';
import type { ImportedCall } from '../types';

const seconds = (max: number) => fc.integer({ min: 0, max });
const instant = fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => new Date(s * 1000).toISOString());
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.-]{0,39}$/);

export const twilioCallArbitrary: fc.Arbitrary<ImportedCall> = fc
  .record({
    task: fc.stringMatching(/^[0-9a-f]{32}$/),
    queue: name,
    startedAt: instant,
    direction: fc.constantFrom('inbound', 'outbound'),
    abandoned: fc.boolean(),
    agentRef: name,
    wait: seconds(3600),
    talk: seconds(7200),
    wrap: seconds(900),
  })
  .map((r): ImportedCall => {
    const base = { externalId: `tw:WT${r.task}`, startedAt: r.startedAt, direction: r.direction, queue: r.queue, waitSeconds: r.wait, holdSeconds: 0 };
    if (r.abandoned) return { ...base, talkSeconds: 0, wrapSeconds: 0, abandoned: true };
    return { ...base, agentRef: r.agentRef, talkSeconds: r.talk, wrapSeconds: r.wrap, abandoned: false };
  });

export const twilioCallsArbitrary = fc.uniqueArray(twilioCallArbitrary, { maxLength: 30, selector: (r) => r.externalId });
