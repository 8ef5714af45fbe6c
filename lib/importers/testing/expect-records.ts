// Test support shared by the importers' tests: records in a stable order to compare sets, and the
// check that every record is one POST /api/v1/calls accepts.
import { expect } from 'vitest';
import { callRecordSchema } from '@/lib/ingest/call-record.schema';
import type { ImportedCall, ImportResult } from '../types';

/** The records by externalId, in code-unit order (never a locale's, which may call two ids equal). */
export const sortedById = (records: ImportedCall[]) => [...records].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));

/** Every record of the result passes the ingest's own schema. */
export function expectValidCallRecords(result: ImportResult) {
  for (const r of result.records) expect(callRecordSchema.safeParse(r).success, JSON.stringify(r)).toBe(true);
}
