// `vigie follow`: runs beside the PBX, tails its log and pushes the calls as they end (and the
// queues' live status), until SIGINT or SIGTERM (state saved, exit 0) or a refused key (exit 1,
// for systemd to restart and the journal to show). See docs/vigie-follow.md.
import type { Command } from '../command';
import { followOptionsFrom, FOLLOW_USAGE } from '../follow/options';
import { runFollow } from '../follow/run-follow';

export const followCommand: Command = {
  name: 'follow',
  summary: 'tail a growing Asterisk queue_log or Master.csv and push its calls (and queue status) as they end, resuming after restarts and outages',
  usage: FOLLOW_USAGE,
  options: {
    format: { type: 'string' },
    url: { type: 'string' },
    key: { type: 'string' },
    state: { type: 'string' },
    interval: { type: 'string' },
    'queue-status': { type: 'string' },
    timezone: { type: 'string' },
    'inbound-context': { type: 'string' },
    'default-queue': { type: 'string' },
  },
  positionals: true,
  async run(values, positionals) {
    const options = followOptionsFrom(values, positionals, process.env);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    console.error(`following ${options.path} (${options.format}) into ${options.url}; state in ${options.stateFile}`);
    try {
      const summary = await runFollow(options, { signal: stop.signal });
      console.log(
        `stopped: ${summary.sent} calls sent (${summary.inserted} inserted, ${summary.updated} updated, ${summary.rejected} refused), ` +
          `${summary.linesRejected} lines not imported; ${summary.outbox} calls kept to send, ${summary.open} open`,
      );
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
