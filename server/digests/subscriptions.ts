// A user's own digests: list, create, change, delete, preview and "send me a test". Everyone
// manages only their own; a site lead's digest covers their own site and nothing else. Every
// write is audit-logged.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  deleteUserSubscription,
  findSubscriptionWithOwner,
  findUserSubscription,
  insertEmail,
  insertSubscription,
  listRuns,
  listUserSubscriptions,
  updateUserSubscription,
  type DueCandidate,
  type SubscriptionValues,
} from '@/db/queries/digests';
import { listSites } from '@/db/queries/sites';
import { findUserById } from '@/db/queries/users';
import type { DigestSubscription } from '@/db/schema';
import { actorOf, type UserPrincipal } from '@/server/auth/principal';
import { badRequest, conflict, forbidden, notFound } from '@/server/errors';
import { composeDigest } from './compose';
import type { MailTransport } from './mailer';
import { deliverDueEmails } from './outbox-delivery';
import { formatSendTime, lastCompletePeriod, nextSend, parseSendTime, type Cadence } from '@/lib/digests/periods';
import {
  createSubscriptionInput,
  MAX_SUBSCRIPTIONS_PER_USER,
  subscriptionIdInput,
  updateSubscriptionInput,
  type CreateSubscriptionInput,
  type UpdateSubscriptionInput,
} from '@/lib/digests/subscription-input';

export type SiteOption = { code: string; name: string };

export type SubscriptionView = {
  id: number;
  cadence: Cadence;
  sendTime: string;
  timezone: string;
  /** null: every site the user may read. */
  sites: SiteOption[] | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The next send and the period it will cover; null while the digest is off. */
  next: { at: Date; from: string; to: string } | null;
  lastRun: { from: string; to: string; status: 'claimed' | 'sent' | 'failed'; claimedAt: Date } | null;
};

export type DigestOptions = {
  /** The sites the user may pick (a site lead: their own, and the choice is fixed). */
  sites: SiteOption[];
  canChooseSites: boolean;
  /** The user's own time zone, proposed for a new digest. */
  timezone: string;
};

export async function digestOptions(db: Db, principal: UserPrincipal): Promise<DigestOptions> {
  const user = await findUserById(db, principal.userId);
  const lead = principal.role === 'site_lead';
  const sites = (await listSites(db, lead ? { all: false, siteId: principal.siteId ?? -1 } : { all: true })).filter((s) => s.active || lead);
  return { sites: sites.map((s) => ({ code: s.code, name: s.name })), canChooseSites: !lead, timezone: user?.timezone ?? 'Europe/Paris' };
}

/** Site codes from the form as stored site ids: null for all, a lead's choice always null (own site). */
async function siteIdsFor(db: Db, principal: UserPrincipal, codes: string[] | null): Promise<number[] | null> {
  if (principal.role === 'site_lead') {
    const own = principal.siteId === null ? null : (await listSites(db, { all: false, siteId: principal.siteId }))[0];
    // The same answer whether another code exists or not, so a lead cannot probe for sites.
    if (codes !== null && (!own || codes.some((c) => c !== own.code))) throw forbidden('A site lead’s digest covers their own site only');
    return null;
  }
  if (codes === null) return null;
  const all = await listSites(db, { all: true });
  const byCode = new Map(all.map((s) => [s.code, s.id]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw badRequest(`Unknown site code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return codes.map((c) => byCode.get(c)!).sort((a, b) => a - b);
}

async function viewsOf(db: Db, rows: DigestSubscription[], now: Date): Promise<SubscriptionView[]> {
  const sites = await listSites(db, { all: true });
  const siteOf = new Map(sites.map((s) => [s.id, { code: s.code, name: s.name }]));
  return Promise.all(
    rows.map(async (row): Promise<SubscriptionView> => {
      const runs = await listRuns(db, row.id);
      const last = runs.at(-1);
      const next = row.active ? nextSend(row, now) : null;
      return {
        id: row.id,
        cadence: row.cadence,
        sendTime: formatSendTime(row.sendMinute),
        timezone: row.timezone,
        sites: row.siteIds === null ? null : row.siteIds.flatMap((id) => siteOf.get(id) ?? []).sort((x, y) => x.code.localeCompare(y.code)),
        active: row.active,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        next: next ? { at: next.at, from: next.from, to: next.to } : null,
        lastRun: last ? { from: last.periodStart, to: last.periodEnd, status: last.status, claimedAt: last.claimedAt } : null,
      };
    }),
  );
}

export async function listMySubscriptions(db: Db, principal: UserPrincipal, now: Date): Promise<SubscriptionView[]> {
  return viewsOf(db, await listUserSubscriptions(db, principal.userId), now);
}

function audit(db: Db, principal: UserPrincipal, action: string, row: DigestSubscription, details: Record<string, unknown>) {
  return insertAudit(db, { ...actorOf(principal), action, entity: 'digest_subscription', entityId: String(row.id), details });
}

export async function createSubscription(db: Db, principal: UserPrincipal, input: CreateSubscriptionInput, now: Date): Promise<SubscriptionView> {
  const values = createSubscriptionInput.parse(input);
  return db.transaction(async (tx) => {
    if ((await listUserSubscriptions(tx, principal.userId)).length >= MAX_SUBSCRIPTIONS_PER_USER) {
      throw conflict(`You already have ${MAX_SUBSCRIPTIONS_PER_USER} digests: change or delete one first`);
    }
    const siteIds = await siteIdsFor(tx, principal, values.sites);
    const row = await insertSubscription(
      tx,
      principal.userId,
      { cadence: values.cadence, sendMinute: parseSendTime(values.sendTime)!, timezone: values.timezone, siteIds, active: true },
      now,
    );
    await audit(tx, principal, 'digest_subscription.create', row, { cadence: row.cadence, sendMinute: row.sendMinute, timezone: row.timezone, siteIds: row.siteIds });
    return (await viewsOf(tx, [row], now))[0]!;
  });
}

export async function updateSubscription(db: Db, principal: UserPrincipal, input: UpdateSubscriptionInput, now: Date): Promise<SubscriptionView> {
  const values = updateSubscriptionInput.parse(input);
  return db.transaction(async (tx) => {
    const before = await findUserSubscription(tx, principal.userId, values.id);
    if (!before) throw notFound('Digest');
    const patch: Partial<SubscriptionValues> = {};
    if (values.cadence !== undefined) patch.cadence = values.cadence;
    if (values.sendTime !== undefined) patch.sendMinute = parseSendTime(values.sendTime)!;
    if (values.timezone !== undefined) patch.timezone = values.timezone;
    if (values.sites !== undefined) patch.siteIds = await siteIdsFor(tx, principal, values.sites);
    if (values.active !== undefined) patch.active = values.active;
    const row = await updateUserSubscription(tx, principal.userId, values.id, patch, now);
    if (!row) throw notFound('Digest');
    await audit(tx, principal, 'digest_subscription.update', row, { before: { cadence: before.cadence, sendMinute: before.sendMinute, timezone: before.timezone, siteIds: before.siteIds, active: before.active }, patch });
    return (await viewsOf(tx, [row], now))[0]!;
  });
}

export async function deleteSubscription(db: Db, principal: UserPrincipal, input: { id: number }): Promise<{ id: number }> {
  const { id } = subscriptionIdInput.parse(input);
  return db.transaction(async (tx) => {
    const row = await deleteUserSubscription(tx, principal.userId, id);
    if (!row) throw notFound('Digest');
    await audit(tx, principal, 'digest_subscription.delete', row, { cadence: row.cadence });
    return { id };
  });
}

/** The subscription with what rendering needs, if it is the principal's own. */
async function ownSubscription(db: Db, principal: UserPrincipal, id: number): Promise<DueCandidate> {
  const row = await findSubscriptionWithOwner(db, id);
  // Another user's digest is "not found", as if it did not exist.
  if (!row || row.userId !== principal.userId) throw notFound('Digest');
  return row;
}

export type DigestPreview = { from: string; to: string; subject: string; html: string; text: string };

/** The digest for the last complete period, rendered as it would go out, without sending it. */
export async function previewSubscription(db: Db, principal: UserPrincipal, input: { id: number }, args: { now: Date; publicUrl: string }): Promise<DigestPreview> {
  const subscription = await ownSubscription(db, principal, subscriptionIdInput.parse(input).id);
  const period = lastCompletePeriod(subscription, args.now);
  const { email } = await composeDigest(db, { subscription, period, now: args.now, publicUrl: args.publicUrl });
  return { from: period.from, to: period.to, subject: email.subject, html: email.html, text: email.text };
}

export type TestSend = {
  emailId: number;
  to: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  error: string | null;
  /** smtp: handed to the mail server; outbox: kept in the outbox (no SMTP configured). */
  delivery: 'smtp' | 'outbox';
};

/**
 * "Send me a test now": the digest for the last complete period, to the user's own address, at
 * once. It claims no run, so the scheduled digest still goes out.
 */
export async function sendTestDigest(
  db: Db,
  principal: UserPrincipal,
  input: { id: number },
  args: { now: Date; publicUrl: string; transport: MailTransport | null },
): Promise<TestSend> {
  const subscription = await ownSubscription(db, principal, subscriptionIdInput.parse(input).id);
  const period = lastCompletePeriod(subscription, args.now);
  const { email } = await composeDigest(db, { subscription, period, now: args.now, publicUrl: args.publicUrl, test: true });
  const row = await insertEmail(db, { toAddress: subscription.email, ...email, at: args.now });
  await insertAudit(db, { ...actorOf(principal), action: 'digest_subscription.test_send', entity: 'digest_subscription', entityId: String(subscription.id), details: { emailId: row.id, from: period.from, to: period.to } });
  const delivery = await deliverDueEmails(db, { now: args.now, transport: args.transport, ids: [row.id] });
  const error = delivery.errors[0] ?? null;
  return {
    emailId: row.id,
    to: subscription.email,
    subject: email.subject,
    status: delivery.sent > 0 ? 'sent' : error?.final ? 'failed' : 'pending',
    error: error?.error ?? null,
    delivery: args.transport ? 'smtp' : 'outbox',
  };
}
