// The one code path that writes call records: validate each record, upsert the batch and keep
// the rollups of every site-day it touched, in one transaction.
import type { Db, Tx } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { upsertCallRecords, type CallRecordValues } from '@/db/queries/ingest/call-upserts';
import { lockSiteForIngest, touchSiteFeed } from '@/db/queries/ingest/site-lock';
import type { Actor } from '@/server/auth/principal';
import { DomainError, notFound } from '@/server/errors';
import { callRecordSchema, MAX_BATCH, type CallRecordInput } from '@/lib/ingest/call-record.schema';
import type { IngestResult } from './ingest-result';
import { withIngestSlot } from './slots';
import { byIndex, rejectDuplicates, validateBatch } from './validate-batch';

export type IngestCallsArgs = {
  siteId: number;
  records: unknown[];
  actor: Actor;
  /** When the batch was received; the database clock when absent. */
  receivedAt?: Date;
};

export function tooLarge(count: number, what: string): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `At most ${MAX_BATCH} ${what} per request; this one has ${count}. Send them in several requests.`);
}

function toValues(r: CallRecordInput): CallRecordValues {
  return {
    externalId: r.externalId,
    startedAt: r.startedAt,
    direction: r.direction,
    queue: r.queue,
    agentRef: r.agentRef ?? null,
    waitSeconds: r.waitSeconds,
    talkSeconds: r.talkSeconds,
    holdSeconds: r.holdSeconds,
    wrapSeconds: r.wrapSeconds,
    abandoned: r.abandoned,
    resolved: r.resolved ?? null,
    csat: r.csat ?? null,
    missionCode: r.missionCode ?? null,
    outcome: r.outcome ?? null,
  };
}

/**
 * Ingests a batch of call records for one site. Valid records are kept even when others are
 * rejected; a record sent again unchanged counts as neither inserted nor updated.
 */
export async function ingestCalls(db: Db, args: IngestCallsArgs): Promise<IngestResult> {
  if (args.records.length > MAX_BATCH) throw tooLarge(args.records.length, 'records');
  const checked = validateBatch(args.records, callRecordSchema);
  const { unique: valid, duplicates } = rejectDuplicates(checked.valid);
  const rejected = byIndex([...checked.rejected, ...duplicates]);

  const write = async (tx: Tx): Promise<IngestResult> => {
    const site = await lockSiteForIngest(tx, args.siteId);
    if (!site) throw notFound('Site');
    const upsert = await upsertCallRecords(
      tx,
      site,
      valid.map((v) => toValues(v.value)),
      args.receivedAt,
    );
    if (valid.length > 0) await touchSiteFeed(tx, site.id, 'calls', args.receivedAt);
    const result: IngestResult = {
      received: args.records.length,
      inserted: upsert.inserted,
      updated: upsert.updated,
      rejected,
    };
    await insertAudit(tx, {
      ...args.actor,
      action: 'calls.ingest',
      entity: 'call_records',
      siteId: site.id,
      details: { ...counts(result), days: upsert.days.length },
    });
    return result;
  };
  return withIngestSlot(() => db.transaction(write));
}

/** The counts of a result, as the audit log keeps them. */
export function counts(result: IngestResult): Record<string, number> {
  return { received: result.received, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length };
}
