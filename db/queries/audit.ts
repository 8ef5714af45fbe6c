import { auditLog, type AuditEntry } from '../schema';
import type { Db } from '../client';

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
