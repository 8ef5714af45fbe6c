// Asterisk queue_log (`/var/log/asterisk/queue_log`): one record per visit of a call to a queue,
// read by the same QueueLogTracker that `vigie follow` keeps running on a growing file.
import { LINE_SHAPE } from './asterisk-queue-log/fields';
import { QueueLogTracker } from './asterisk-queue-log/tracker';
import type { ImportedCall, ImportRejection, Importer } from './types';

/** Lines detect() looks at: enough to see past a malformed one. */
const DETECT_LINES = 5;

/** A byte-order mark, which a file passed through a Windows editor may start with. */
const BOM = '\uFEFF';

function detect(text: string): boolean {
  const head = text
    .slice(text.startsWith(BOM) ? 1 : 0, 4096)
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== '')
    .slice(0, DETECT_LINES);
  const matching = head.filter((line) => LINE_SHAPE.test(line)).length;
  return matching > 0 && matching * 2 >= head.length;
}

export const asteriskQueueLogImporter: Importer = {
  format: 'asterisk-queue-log',
  label: 'Asterisk queue_log',
  detect,
  needs: [],
  parse(sources) {
    // One tracker over all files in order: a call may enter in a rotated file and end in the next.
    const tracker = new QueueLogTracker();
    const records: ImportedCall[] = [];
    const rejected: ImportRejection[] = [];
    for (const source of sources) {
      const lines = (source.text.startsWith(BOM) ? source.text.slice(1) : source.text).split('\n');
      if (lines.at(-1) === '') lines.pop();
      const out = tracker.feed(lines, source.name, 1);
      for (const record of out.records) records.push(record);
      for (const rejection of out.rejected) rejected.push(rejection);
    }
    const held = tracker.openCalls();
    const notes = tracker.notes();
    if (held > 0) notes.push(`${held} call${held === 1 ? '' : 's'} still in a queue or with an agent at the end of the log: held back until ${held === 1 ? 'it ends' : 'they end'}`);
    return { records, rejected, held, notes };
  },
};
