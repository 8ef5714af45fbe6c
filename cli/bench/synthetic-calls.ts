// Believable call records for benchmarks, deterministic from a seed.
export type SyntheticCall = {
  externalId: string;
  startedAt: string;
  direction: 'inbound' | 'outbound';
  queue: string;
  agentRef: string;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  abandoned: boolean;
  resolved: boolean | null;
  csat: number | null;
};

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUEUES = ['billing', 'tech-support', 'sales', 'retention'];

/** `count` calls spread over the `days` days before `end`, with ids prefixed by `prefix`. */
export function syntheticCalls(count: number, opts: { prefix: string; seed?: number; days?: number; end?: Date }): SyntheticCall[] {
  const random = mulberry32(opts.seed ?? 42);
  const days = opts.days ?? 30;
  const end = (opts.end ?? new Date('2026-11-01T00:00:00Z')).getTime();
  return Array.from({ length: count }, (_, i) => {
    const abandoned = random() < 0.06;
    const inbound = random() < 0.85;
    const wait = Math.round(random() * (abandoned ? 120 : 60));
    return {
      externalId: `${opts.prefix}-${i}`,
      startedAt: new Date(end - Math.floor(random() * days * 86_400_000)).toISOString(),
      direction: inbound ? 'inbound' : 'outbound',
      queue: QUEUES[Math.floor(random() * QUEUES.length)]!,
      agentRef: `A${Math.floor(random() * 200)}`,
      waitSeconds: inbound ? wait : 0,
      talkSeconds: abandoned ? 0 : 60 + Math.round(random() * 480),
      holdSeconds: abandoned ? 0 : Math.round(random() * 60),
      wrapSeconds: abandoned ? 0 : Math.round(random() * 90),
      abandoned,
      resolved: abandoned ? null : random() < 0.75,
      csat: abandoned || random() < 0.7 ? null : 1 + Math.floor(random() * 5),
    };
  });
}
