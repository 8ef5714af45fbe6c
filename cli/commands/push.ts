import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { pushRecords } from '../push/client';
import { readPushInput } from '../push/read-input';
import { writeRejected } from '../push/rejected-file';
import { requireString, type Command } from '../command';
import { UsageError } from '../errors';

export const pushCommand: Command = {
  name: 'push',
  summary: 'send call records or QA evaluations (CSV or JSON) to a Vigie server with a site key',
  usage: 'push --url URL --key KEY [--kind calls|evaluations] [--chunk-size 5000] FILE.csv|FILE.json',
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    kind: { type: 'string' },
    'chunk-size': { type: 'string' },
  },
  positionals: true,
  async run(values, positionals) {
    const url = requireString(values, 'url');
    const key = requireString(values, 'key');
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Name exactly one file to push.');
    const kind = values.kind === undefined ? undefined : String(values.kind);
    if (kind !== undefined && kind !== 'calls' && kind !== 'evaluations') throw new UsageError('--kind is calls or evaluations');
    const chunkSize = values['chunk-size'] === undefined ? 5000 : Number(values['chunk-size']);
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 5000) throw new UsageError('--chunk-size is a whole number from 1 to 5000');

    const input = readPushInput(file, kind);
    const tty = process.stderr.isTTY;
    const bar = tty ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} records | {eta}s left', hideCursor: true, stream: process.stderr }) : null;
    bar?.start(input.records.length, 0);
    const started = Date.now();
    try {
      const totals = await pushRecords({
        url,
        key,
        kind: input.kind,
        records: input.records,
        chunkSize,
        onChunk: (done, total) => (bar ? bar.update(done) : console.error(`sent ${done}/${total} records`)),
        onRetry: (attempt, reason, delay) => console.error(`\nretry ${attempt} in ${(delay / 1000).toFixed(1)} s (${reason})`),
      });
      bar?.stop();
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${path.basename(file)}: ${totals.received} ${input.kind} received, ${totals.inserted} inserted, ${totals.updated} updated, ` +
          `${totals.rejected.length} rejected (${seconds.toFixed(1)} s)`,
      );
      const written = writeRejected(file, input, totals.rejected);
      if (written) {
        for (const r of totals.rejected.slice(0, 10)) {
          console.log(`  #${r.index} ${r.externalId ?? '(no id)'}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
        }
        if (totals.rejected.length > 10) console.log(`  … and ${totals.rejected.length - 10} more`);
        console.log(`Rejected rows written to ${written}`);
        return 3;
      }
      return 0;
    } finally {
      bar?.stop();
    }
  },
};
