// Digest subscriptions, their runs (the exactly-once claims) and the e-mail outbox.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { digestRuns, digestSubscriptions, emailOutbox, users, type DigestSubscription, type EmailRow } from '../schema';

// ── Subscriptions ─────────────────────────────────────────────────────────────────────────────

/** An active subscription of an active user, with what rendering for that user needs. */
export type DueCandidate = Pick<DigestSubscription, 'id' | 'cadence' | 'sendMinute' | 'timezone' | 'siteIds' | 'updatedAt'> & {
  userId: number;
  email: string;
  name: string;
  role: 'admin' | 'hq_manager' | 'site_lead';
  userSiteId: number | null;
  locale: 'en' | 'fr';
};

const candidateColumns = {
  id: digestSubscriptions.id,
  cadence: digestSubscriptions.cadence,
  sendMinute: digestSubscriptions.sendMinute,
  timezone: digestSubscriptions.timezone,
  siteIds: digestSubscriptions.siteIds,
  updatedAt: digestSubscriptions.updatedAt,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  userSiteId: users.siteId,
  locale: users.locale,
};

export async function listActiveSubscriptions(db: Db): Promise<DueCandidate[]> {
  return db
    .select(candidateColumns)
    .from(digestSubscriptions)
    .innerJoin(users, eq(users.id, digestSubscriptions.userId))
    .where(and(eq(digestSubscriptions.active, true), eq(users.active, true)))
    .orderBy(asc(digestSubscriptions.id));
}

/** One subscription with its owner, active or not. */
export async function findSubscriptionWithOwner(db: Db, id: number): Promise<(DueCandidate & { active: boolean }) | null> {
  const [row] = await db
    .select({ ...candidateColumns, active: digestSubscriptions.active })
    .from(digestSubscriptions)
    .innerJoin(users, eq(users.id, digestSubscriptions.userId))
    .where(eq(digestSubscriptions.id, id))
    .limit(1);
  return row ?? null;
}

export async function listUserSubscriptions(db: Db, userId: number): Promise<DigestSubscription[]> {
  return db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).orderBy(asc(digestSubscriptions.id));
}

export async function findUserSubscription(db: Db, userId: number, id: number): Promise<DigestSubscription | null> {
  const [row] = await db
    .select()
    .from(digestSubscriptions)
    .where(and(eq(digestSubscriptions.id, id), eq(digestSubscriptions.userId, userId)))
    .limit(1);
  return row ?? null;
}

export type SubscriptionValues = Pick<DigestSubscription, 'cadence' | 'sendMinute' | 'timezone' | 'siteIds' | 'active'>;

/** `at` is the set-up instant: created and updated then. */
export async function insertSubscription(db: Db, userId: number, values: SubscriptionValues, at: Date): Promise<DigestSubscription> {
  const [row] = await db
    .insert(digestSubscriptions)
    .values({ userId, ...values, createdAt: at, updatedAt: at })
    .returning();
  return row!;
}

export async function updateUserSubscription(db: Db, userId: number, id: number, values: Partial<SubscriptionValues>, at: Date): Promise<DigestSubscription | null> {
  const [row] = await db
    .update(digestSubscriptions)
    .set({ ...values, updatedAt: at })
    .where(and(eq(digestSubscriptions.id, id), eq(digestSubscriptions.userId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteUserSubscription(db: Db, userId: number, id: number): Promise<DigestSubscription | null> {
  const [row] = await db
    .delete(digestSubscriptions)
    .where(and(eq(digestSubscriptions.id, id), eq(digestSubscriptions.userId, userId)))
    .returning();
  return row ?? null;
}

/** Deactivates a subscription; answers it as it was before (null when it does not exist). */
export async function deactivateSubscription(db: Db, id: number): Promise<{ wasActive: boolean } | null> {
  const [before] = await db.select({ active: digestSubscriptions.active }).from(digestSubscriptions).where(eq(digestSubscriptions.id, id)).limit(1);
  if (!before) return null;
  if (before.active) {
    await db.update(digestSubscriptions).set({ active: false, updatedAt: sql`now()` }).where(eq(digestSubscriptions.id, id));
  }
  return { wasActive: before.active };
}

// ── Runs: the claims ──────────────────────────────────────────────────────────────────────────

export async function runExists(db: Db, subscriptionId: number, period: { from: string; to: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: digestRuns.id })
    .from(digestRuns)
    .where(and(eq(digestRuns.subscriptionId, subscriptionId), eq(digestRuns.periodStart, period.from), eq(digestRuns.periodEnd, period.to)))
    .limit(1);
  return row !== undefined;
}

/**
 * Claims a subscription's period: the unique (subscription, period start, period end) lets exactly one
 * inserter through, across ticks, restarts and instances. Answers the run id, or null when the
 * period was already claimed. On PostgreSQL a concurrent inserter waits for the first one's
 * transaction and then gets nothing.
 */
export async function claimRun(db: Db, args: { subscriptionId: number; from: string; to: string; at: Date }): Promise<number | null> {
  const [row] = await db
    .insert(digestRuns)
    .values({ subscriptionId: args.subscriptionId, periodStart: args.from, periodEnd: args.to, claimedAt: args.at })
    .onConflictDoNothing({ target: [digestRuns.subscriptionId, digestRuns.periodStart, digestRuns.periodEnd] })
    .returning({ id: digestRuns.id });
  return row?.id ?? null;
}

export async function attachRunEmail(db: Db, runId: number, emailId: number): Promise<void> {
  await db.update(digestRuns).set({ emailId }).where(eq(digestRuns.id, runId));
}

/** The run behind an e-mail follows its delivery: sent, or failed with the reason. */
export async function finishRunOfEmail(db: Db, emailId: number, outcome: { status: 'sent' | 'failed'; at: Date; error?: string | null }): Promise<void> {
  await db
    .update(digestRuns)
    .set({ status: outcome.status, finishedAt: outcome.at, error: outcome.error ?? null })
    .where(eq(digestRuns.emailId, emailId));
}

export async function listRuns(db: Db, subscriptionId: number) {
  return db.select().from(digestRuns).where(eq(digestRuns.subscriptionId, subscriptionId)).orderBy(asc(digestRuns.periodStart));
}

// ── Outbox ────────────────────────────────────────────────────────────────────────────────────

export type NewEmail = { toAddress: string; subject: string; html: string; text: string; headers: Record<string, string>; at: Date };

export async function insertEmail(db: Db, email: NewEmail): Promise<EmailRow> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      toAddress: email.toAddress,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      createdAt: email.at,
      nextAttemptAt: email.at,
    })
    .returning();
  return row!;
}

/**
 * Takes the pending e-mails whose next attempt is due and counts the attempt, pushing their next
 * attempt `leaseMs` ahead so that another instance does not take them meanwhile. SKIP LOCKED lets
 * two instances lease at the same moment without waiting for or double-taking each other's rows.
 */
export async function leaseDueEmails(db: Db, args: { now: Date; leaseMs: number; limit: number; ids?: number[] }): Promise<EmailRow[]> {
  const now = args.now.toISOString();
  const until = new Date(args.now.getTime() + args.leaseMs).toISOString();
  const only = args.ids ? sql`and id in (${sql.join(args.ids.map((id) => sql`${id}::int`), sql`, `)})` : sql``;
  const result = await db.execute(sql`
    update email_outbox set attempts = attempts + 1, next_attempt_at = ${until}::timestamptz
    where id in (
      select id from email_outbox
      where status = 'pending' and next_attempt_at <= ${now}::timestamptz ${only}
      order by next_attempt_at, id
      limit ${args.limit}
      for update skip locked
    )
    returning id`);
  const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids)).orderBy(asc(emailOutbox.id));
}

export async function markEmailSent(db: Db, id: number, at: Date): Promise<void> {
  await db.update(emailOutbox).set({ status: 'sent', sentAt: at, lastError: null }).where(eq(emailOutbox.id, id));
}

/** Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null. */
export async function markEmailAttemptFailed(db: Db, id: number, args: { error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(emailOutbox)
    .set(args.retryAt ? { lastError: args.error, nextAttemptAt: args.retryAt } : { lastError: args.error, status: 'failed' })
    .where(eq(emailOutbox.id, id));
}

/** Gives a failed e-mail a fresh set of attempts, due at once. */
export async function requeueFailedEmail(db: Db, id: number, at: Date): Promise<EmailRow | null> {
  const [row] = await db
    .update(emailOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'failed')))
    .returning();
  return row ?? null;
}

export type OutboxStatus = EmailRow['status'];

export type OutboxListRow = Pick<EmailRow, 'id' | 'toAddress' | 'subject' | 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'createdAt' | 'sentAt'>;

export async function listOutbox(db: Db, args: { status?: OutboxStatus; limit: number; offset: number }): Promise<{ rows: OutboxListRow[]; total: number }> {
  const where = args.status ? eq(emailOutbox.status, args.status) : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        nextAttemptAt: emailOutbox.nextAttemptAt,
        createdAt: emailOutbox.createdAt,
        sentAt: emailOutbox.sentAt,
      })
      .from(emailOutbox)
      .where(where)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(args.limit)
      .offset(args.offset),
    db.select({ total: count() }).from(emailOutbox).where(where),
  ]);
  return { rows, total: Number(totals?.total ?? 0) };
}

export async function countOutboxByStatus(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.select({ status: emailOutbox.status, n: count() }).from(emailOutbox).groupBy(emailOutbox.status);
  const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function findEmail(db: Db, id: number): Promise<EmailRow | null> {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  return row ?? null;
}
