// Genesys Cloud conversation details (the analytics API's POST /api/v2/analytics/conversations/details/query
// response, a bare array of conversations, or one conversation per line) → one CallRecord per queue leg.
// docs/importers/genesys.md says which field becomes which and what is lost.
import { conversationLegs } from './genesys/legs';
import { checkConversation } from './genesys/conversation-check';
import { readJsonRecords } from './json-records';
import { describeIssue, recordProblem } from './record-checks';
import type { ImportedCall, Importer, ImportOptions, ImportRejection, ImportResult, ImportSource } from './types';

const LIST_KEYS = ['conversations'] as const;

/** The first kilobytes name the fields only Genesys analytics conversations carry. */
function detect(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.includes('"conversationId"') && (head.includes('"participants"') || head.includes('"conversationStart"') || head.includes('"originatingDirection"'));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function parse(sources: ImportSource[], options: ImportOptions): ImportResult {
  const records: ImportedCall[] = [];
  const rejected: ImportRejection[] = [];
  const otherMedia = new Map<string, number>();
  const seen = new Set<string>();
  let held = 0;
  let duplicates = 0;
  let flowOuts = 0;
  let unanswered = 0;
  let noQueue = 0;

  for (const source of sources) {
    const found: ImportRejection[] = [];
    const problems = readJsonRecords(source.text, LIST_KEYS, (value, _key, place) => {
      const reject = (reason: string) => found.push({ source: source.name, ...place.where(), record: place.record, reason });
      const checked = checkConversation(value);
      if (!checked.ok) {
        reject(describeIssue('The conversation', checked.issue, value));
        return;
      }
      const conversation = checked.conversation;
      // The same conversation on two pages, or in two files: its legs are the same; keep the first.
      if (seen.has(conversation.conversationId)) {
        duplicates++;
        return;
      }
      seen.add(conversation.conversationId);
      const result = conversationLegs(conversation, options);
      if (result.kind === 'held') held++;
      else if (result.kind === 'other-media') {
        for (const media of result.mediaTypes) otherMedia.set(media, (otherMedia.get(media) ?? 0) + 1);
      } else if (result.kind === 'no-queue-no-agent') noQueue++;
      else {
        flowOuts += result.flowOuts;
        unanswered += result.unanswered;
        for (const problem of result.problems) reject(problem);
        for (const call of result.calls) {
          const problem = recordProblem(call);
          if (problem) reject(`Queue leg ${call.externalId.slice(0, 90)}: ${problem}`);
          else records.push(call);
        }
      }
    });
    // What could not be read as JSON comes first, then what was read and refused, as the file runs.
    for (const p of problems) rejected.push({ source: source.name, ...p });
    for (const r of found) rejected.push(r);
  }

  const notes: string[] = [];
  if (otherMedia.size > 0) {
    const kinds = [...otherMedia].map(([media, n]) => `${media}: ${n}`).join(', ');
    notes.push(`Conversations of other media than voice are not calls and were left out (${kinds}).`);
  }
  if (duplicates > 0) notes.push(`${plural(duplicates, 'conversation')} appeared more than once: read once.`);
  if (noQueue > 0) notes.push(`${plural(noQueue, 'voice conversation')} never reached a queue or an agent (IVR or flow only): no call of their own.`);
  if (flowOuts > 0) notes.push(`${plural(flowOuts, 'queue leg')} left the queue by a transfer before any agent answered: kept, not abandoned, talk 0.`);
  if (unanswered > 0) notes.push(`${plural(unanswered, 'call')} outside any queue were never answered (outbound attempts): no call of their own.`);
  if (held > 0) notes.push(`${plural(held, 'conversation')} still in progress were held back.`);
  return { records, rejected, held, notes };
}

export const genesysImporter: Importer = {
  format: 'genesys',
  label: 'Genesys Cloud conversation details (analytics API JSON)',
  detect,
  needs: [],
  parse,
};
