// At most a few ingest transactions at once in one server process. A push holds a pooled database
// connection for its whole transaction (upsert + rollup recompute); fifty sites pushing at once
// would hold all of them, and every dashboard read would wait in the pool's queue behind the
// pushes (seconds under load). A handful of concurrent batches already keeps PostgreSQL busy, so
// the others wait here, in memory, and the reads find a free connection.
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** VIGIE_INGEST_CONCURRENCY (default 4): below the pool's 10 connections, leaving room for reads. */
const configured = Math.floor(Number(process.env.VIGIE_INGEST_CONCURRENCY));
export const INGEST_CONCURRENCY = Number.isFinite(configured) && configured >= 1 ? configured : 4;
const slots = new Slots(INGEST_CONCURRENCY);

export function withIngestSlot<T>(work: () => Promise<T>): Promise<T> {
  return slots.run(work);
}
