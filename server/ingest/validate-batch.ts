// Judges the items of a batch one by one, so that one bad record never costs the good ones.
import type { z } from 'zod';
import type { FieldError, RejectedRecord } from './ingest-result';

export type ValidItem<T> = { index: number; value: T };

/** The externalId of an item when it can be read, for the rejection report. */
export function externalIdOf(item: unknown): string | null {
  if (item && typeof item === 'object' && 'externalId' in item) {
    const id = (item as { externalId: unknown }).externalId;
    if (typeof id === 'string') return id;
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  }
  return null;
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Items that pass the schema, and the others with each field-level reason. */
export function validateBatch<S extends z.ZodType>(
  items: readonly unknown[],
  schema: S,
): { valid: ValidItem<z.output<S>>[]; rejected: RejectedRecord[] } {
  const valid: ValidItem<z.output<S>>[] = [];
  const rejected: RejectedRecord[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push({ index, value: parsed.data });
    else rejected.push({ index, externalId: externalIdOf(item), errors: issuesToErrors(parsed.error.issues) });
  });
  return { valid, rejected };
}

/**
 * Keeps the first valid item of each externalId and rejects the later ones: one statement cannot
 * write a row twice, and which of two versions the sender meant is not ours to guess.
 */
export function rejectDuplicates<T extends { externalId: string }>(
  valid: readonly ValidItem<T>[],
): { unique: ValidItem<T>[]; duplicates: RejectedRecord[] } {
  const firstIndex = new Map<string, number>();
  const unique: ValidItem<T>[] = [];
  const duplicates: RejectedRecord[] = [];
  for (const item of valid) {
    const first = firstIndex.get(item.value.externalId);
    if (first === undefined) {
      firstIndex.set(item.value.externalId, item.index);
      unique.push(item);
    } else {
      duplicates.push({
        index: item.index,
        externalId: item.value.externalId,
        errors: [{ path: 'externalId', message: `Duplicate in this batch: record ${first} has the same externalId; send each record once` }],
      });
    }
  }
  return { unique, duplicates };
}

export function byIndex(rejected: RejectedRecord[]): RejectedRecord[] {
  return rejected.sort((a, b) => a.index - b.index);
}
