// The outbox as admins read it: every e-mail Vigie sent or tried to send, with its attempts and
// last error, each openable as the recipient sees it; a failed one can be given fresh attempts.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { countOutboxByStatus, findEmail, listOutbox, requeueFailedEmail, type OutboxListRow, type OutboxStatus } from '@/db/queries/digests';
import type { EmailRow } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { conflict, notFound } from '@/server/errors';
import type { MailTransport } from './mailer';
import { deliverDueEmails, MAX_ATTEMPTS } from './outbox-delivery';
import { emailIdInput, outboxListInput } from '@/lib/digests/subscription-input';

export type OutboxPage = {
  rows: OutboxListRow[];
  total: number;
  page: number;
  pages: number;
  counts: Record<OutboxStatus, number>;
  maxAttempts: number;
  /** Where e-mail goes: "SMTP host:port", or null when the outbox is the delivery. */
  delivery: string | null;
};

export async function listOutboxPage(db: Db, input: { status?: OutboxStatus; page?: number; pageSize?: number }, delivery: string | null): Promise<OutboxPage> {
  const { status, page, pageSize } = outboxListInput.parse(input);
  const [{ rows, total }, counts] = await Promise.all([listOutbox(db, { status, limit: pageSize, offset: (page - 1) * pageSize }), countOutboxByStatus(db)]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)), counts, maxAttempts: MAX_ATTEMPTS, delivery };
}

export async function getOutboxEmail(db: Db, input: { id: number }): Promise<EmailRow> {
  const row = await findEmail(db, emailIdInput.parse(input).id);
  if (!row) throw notFound('E-mail');
  return row;
}

/** Gives a failed e-mail a fresh set of attempts and tries it at once. */
export async function retryOutboxEmail(db: Db, actor: Actor, input: { id: number }, args: { now: Date; transport: MailTransport | null }): Promise<EmailRow> {
  const { id } = emailIdInput.parse(input);
  const existing = await findEmail(db, id);
  if (!existing) throw notFound('E-mail');
  const row = await requeueFailedEmail(db, id, args.now);
  if (!row) throw conflict('Only a failed e-mail can be retried');
  await insertAudit(db, { ...actor, action: 'email.retry', entity: 'email', entityId: String(id), details: { to: row.toAddress, previousError: existing.lastError } });
  await deliverDueEmails(db, { now: args.now, transport: args.transport, ids: [id] });
  return (await findEmail(db, id))!;
}
