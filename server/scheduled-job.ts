// A background job of a server process (the digest and alert ticks, the statistics refresh): one
// per process however often it is started (a second start answers the running one), never two
// runs at once in a process (protect), never a crash (a failed run is logged and the next one
// tries again), and never what keeps the process alive (unref).
import { Cron } from 'croner';

type Holder = Record<symbol, Cron | undefined>;

export type ScheduledJob = {
  /** croner's name, e.g. 'vigie-digests'; also keys the process's one instance. */
  name: string;
  /** A cron pattern: '* * * * *' is every minute. */
  pattern: string;
  /** Called when a run is due while the previous one still runs (it is skipped). */
  onOverrun?: () => void;
  /** Logged with the error when a run fails. */
  failure: string;
  run: () => Promise<void>;
  /** Called once, when this start created the job (not when it answered a running one). */
  onStart?: (cron: Cron) => void;
};

export function startScheduledJob(job: ScheduledJob): Cron {
  const key = Symbol.for(`vigie.job.${job.name}`);
  const holder = globalThis as unknown as Holder;
  const running = holder[key];
  if (running && !running.isStopped()) return running;
  const cron = new Cron(
    job.pattern,
    {
      name: job.name,
      protect: job.onOverrun ?? true,
      catch: (error: unknown) => console.error(job.failure, error),
      unref: true,
    },
    job.run,
  );
  holder[key] = cron;
  job.onStart?.(cron);
  return cron;
}
