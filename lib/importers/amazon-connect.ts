// Amazon Connect contact records (CTRs) as the contact-record data stream delivers them through
// Kinesis Data Firehose: JSON objects one per line, back to back, or in arrays. One call per voice
// contact that reached a queue or an agent; a ContactId delivered more than once is read from its
// newest version. Field-by-field rules and what is lost: docs/importers/amazon-connect.md.
import { contactCall, contactIssue, contactKind, contactRecordSchema, type ContactRecord } from './amazon-connect/contact';
import { readJsonRecords } from './amazon-connect/json-records';
import type { ImportedCall, ImportOptions, ImportRejection, ImportResult, ImportSource, Importer } from './types';

export const DEFAULT_QUEUE = 'default';
const EXCERPT = 200;

type Version = { contact: ContactRecord; updated: number; source: string; line: number; record: number; text: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function parse(sources: ImportSource[], options: ImportOptions): ImportResult {
  const defaultQueue = options.defaultQueue?.trim() || DEFAULT_QUEUE;
  const rejected: ImportRejection[] = [];
  // The newest version of each ContactId, in the order ContactIds first appear.
  const newest = new Map<string, Version>();
  let duplicates = 0;
  for (const source of sources) {
    for (const item of readJsonRecords(source.text)) {
      const reject = (reason: string) =>
        rejected.push({ source: source.name, line: item.line, record: item.record, reason, excerpt: item.text.slice(0, EXCERPT) });
      if ('error' in item) {
        reject(item.error);
        continue;
      }
      const checked = contactRecordSchema.safeParse(item.value);
      if (!checked.success) {
        reject(`Not a contact record Vigie can read: ${contactIssue(checked.error, item.value)}`);
        continue;
      }
      const contact = checked.data;
      const updated = contact.LastUpdateTimestamp ? Date.parse(contact.LastUpdateTimestamp) : Number.NEGATIVE_INFINITY;
      const version: Version = { contact, updated, source: source.name, line: item.line, record: item.record, text: item.text };
      const known = newest.get(contact.ContactId);
      if (known) {
        duplicates += 1;
        // Equal timestamps: the later delivery wins.
        if (updated >= known.updated) newest.set(contact.ContactId, version);
      } else {
        newest.set(contact.ContactId, version);
      }
    }
  }

  const records: ImportedCall[] = [];
  const otherChannels = new Map<string, number>();
  let noQueue = 0;
  let held = 0;
  for (const version of newest.values()) {
    const { contact } = version;
    const kind = contactKind(contact);
    if (kind === 'not-voice') {
      const channel = String(contact.Channel);
      otherChannels.set(channel, (otherChannels.get(channel) ?? 0) + 1);
      continue;
    }
    if (kind === 'no-queue-no-agent') {
      noQueue += 1;
      continue;
    }
    if (kind === 'in-progress') {
      held += 1;
      continue;
    }
    const read = contactCall(contact, defaultQueue);
    if (read.ok) records.push(read.call);
    else rejected.push({ source: version.source, line: version.line, record: version.record, reason: read.reason, excerpt: version.text.slice(0, EXCERPT) });
  }

  const notes: string[] = [];
  if (duplicates > 0) notes.push(`${plural(duplicates, 'duplicate contact record', 'duplicate contact records')}: the newest of each kept (by LastUpdateTimestamp)`);
  for (const [channel, count] of otherChannels) notes.push(`${plural(count, `${channel} contact`, `${channel} contacts`)} read: not calls, left out`);
  if (noQueue > 0) notes.push(`${plural(noQueue, 'voice contact', 'voice contacts')} reached neither a queue nor an agent (IVR only, or transferred out by the flow): not calls of a queue, left out`);
  if (held > 0) notes.push(`${plural(held, 'contact has', 'contacts have')} no DisconnectTimestamp yet: held back until a later record closes ${held === 1 ? 'it' : 'them'}`);
  return { records, rejected, held, notes };
}

/** JSON whose first record carries a contact record's own keys (Attributes can push ContactId a few kilobytes in). */
function detect(text: string): boolean {
  const head = text.slice(0, 16_384).trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  return head.includes('"AWSContactTraceRecordFormatVersion"') || (head.includes('"ContactId"') && head.includes('"InitiationTimestamp"'));
}

export const amazonConnectImporter: Importer = {
  format: 'amazon-connect',
  label: 'Amazon Connect contact records (CTR JSON)',
  detect,
  needs: [],
  parse,
};
