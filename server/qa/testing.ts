// Test support for QA: the accounts of every role (with a lead for each of two sites), a form
// published through the service, and site evaluations pushed through the ingest path.
import type { Db } from '@/db/client';
import { cliActor, type Actor, type Principal, type UserPrincipal } from '@/server/auth/principal';
import { ingestEvaluations } from '@/server/ingest/evaluations';
import type { IngestResult } from '@/server/ingest/ingest-result';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';
import { createUser } from '@/server/users/service';
import { createTestAccounts, TEST_PASSWORD } from '@/server/users/test-accounts';
import type { CriterionInput } from '@/lib/qa/form-input';
import { createDraft, publishForm } from './forms';

/** STD v1: weights, a criterion that may not apply, two critical criteria (max 1 and max 4). */
export const STD_V1: CriterionInput[] = [
  { key: 'clarity', label: 'Clear spoken language', category: 'language', weight: 2, maxScore: 5, critical: false },
  { key: 'local_context', label: 'Local context', category: 'culture', weight: 1, maxScore: 5, critical: false },
  { key: 'identity_check', label: 'Identity checked', category: 'compliance', weight: 1, maxScore: 1, critical: true },
  { key: 'disclosure', label: 'Mandatory disclosure', category: 'compliance', weight: 1, maxScore: 4, critical: true },
  { key: 'resolution', label: 'Resolution', category: 'resolution', weight: 3, maxScore: 10, critical: false },
  { key: 'empathy', label: 'Empathy', category: 'soft_skills', weight: 1, maxScore: 5, critical: false },
];

export async function createQaAccounts(db: Db) {
  const accounts = await createTestAccounts(db);
  const leadDkrUser = await createUser(db, cliActor(), {
    email: 'lead.dkr@x.test',
    name: 'Dieynaba Lead',
    role: 'site_lead',
    siteCode: 'DKR',
    password: TEST_PASSWORD,
  });
  const leadDkr: UserPrincipal = {
    kind: 'user',
    via: 'session',
    userId: leadDkrUser.id,
    email: leadDkrUser.email,
    name: leadDkrUser.name,
    role: leadDkrUser.role,
    siteId: leadDkrUser.siteId,
    locale: leadDkrUser.locale,
  };
  return { ...accounts, principals: { ...accounts.principals, leadDkr } };
}

export type QaAccounts = Awaited<ReturnType<typeof createQaAccounts>>;

export async function publishNewForm(db: Db, code: string, criteria: CriterionInput[], name = `${code} scorecard`) {
  const draft = await createDraft(db, cliActor(), { code, name, criteria });
  return publishForm(db, cliActor(), { id: draft.id });
}

export const siteKeyActor: Actor = { actorType: 'site_key', actorId: null, actorLabel: 'site key (test)' };

export type PushedEvaluation = {
  externalId: string;
  evaluatedAt: string;
  scores: Record<string, number | null>;
  formCode?: string;
  agentRef?: string;
  evaluator?: string;
  comment?: string;
};

/** Pushes site evaluations as a site's system would, and fails loudly on any rejection. */
export async function pushEvaluations(db: Db, siteId: number, evaluations: PushedEvaluation[]): Promise<IngestResult> {
  const result = await ingestEvaluations(db, {
    siteId,
    actor: siteKeyActor,
    evaluations: evaluations.map((e) => ({
      formCode: 'STD',
      agentRef: 'AG-1',
      evaluator: 'Site QA 1',
      callExternalId: `call-${e.externalId}`,
      ...e,
    })),
  });
  if (result.rejected.length > 0) throw new Error(`Rejected evaluations: ${JSON.stringify(result.rejected)}`);
  return result;
}

/** A tRPC caller acting as `principal` (anonymous when absent), at a fixed instant. */
export function callerFor(db: Db, principal?: Principal, now = new Date('2026-03-20T10:00:00Z')) {
  return createCaller(createInnerContext({ db, principal, now: () => now }));
}
