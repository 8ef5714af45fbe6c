// A site's contract, versioned by the site-local day each version takes effect: admins write and
// remove versions (the settings page, POST /api/v1/contracts), HQ reads them all, a site lead their
// own site's. Every write is audited in the transaction that makes it.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deleteContractVersion, findContractVersion, listContractVersions, upsertContractVersion, type ContractVersionRow } from '@/db/queries/contracts';
import { listSitesForKpis, type KpiSite } from '@/db/queries/kpis';
import { findSiteByCode } from '@/db/queries/sites';
import { contractInput, type ContractInput, type PricingModel, type TermInput } from '@/lib/contracts/contract-input';
import { isIsoDay } from '@/lib/kpi/periods';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { invalid, parseOrThrow } from './issues';
import { contractSettings } from './settings';

export type ContractVersion = {
  id: number;
  site: string;
  effectiveFrom: string;
  provider: string;
  currency: string;
  pricing: { model: PricingModel; rate: number; seats: number | null; fixedMonthly: number | null };
  terms: TermInput[];
  /** When this version was written (a replaced version: when it was replaced), ISO 8601. */
  createdAt: string;
  /** Who wrote it, by name; null once the account is gone or when a script without one did. */
  createdBy: string | null;
};

export type SiteContracts = { code: string; name: string; kind: KpiSite['kind']; versions: ContractVersion[] };

export type ContractList = { hqCurrency: string; referenceSite: string | null; sites: SiteContracts[] };

const siteCode = z.string().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.');

export const contractListInput = z.object({ site: siteCode.optional() }).strict();
export const contractKeyInput = z
  .object({ site: siteCode, effectiveFrom: z.string().refine(isIsoDay, 'Use a date as YYYY-MM-DD.') })
  .strict();
export type ContractKey = z.infer<typeof contractKeyInput>;

export function contractVersionOf(row: ContractVersionRow): ContractVersion {
  return {
    id: row.id,
    site: row.siteCode,
    effectiveFrom: row.effectiveFrom,
    provider: row.provider,
    currency: row.currency,
    pricing: { model: row.pricingModel, rate: row.rate, seats: row.seats, fixedMonthly: row.fixedMonthly },
    terms: row.terms,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName,
  };
}

/** The sites a caller reads contracts of: HQ every site (or the one named), a lead their own. */
export async function contractSitesInScope(db: Db, scope: SiteScope, code?: string): Promise<KpiSite[]> {
  const all = await listSitesForKpis(db);
  if (!scope.all) {
    const own = all.find((s) => s.id === scope.siteId);
    // Another site is "not found", so that a lead cannot learn which codes exist.
    if (!own || (code !== undefined && code !== own.code)) throw notFound('Site');
    return [own];
  }
  if (code === undefined) return all;
  const site = all.find((s) => s.code === code);
  if (!site) throw notFound('Site');
  return [site];
}

/**
 * Each site's versions, newest first. HQ reads every site that is active or has a contract; a
 * lead reads their own, and the reference site only when it is theirs (another site's code is
 * not theirs to read).
 */
export async function listContracts(db: Db, scope: SiteScope, input: z.input<typeof contractListInput> = {}): Promise<ContractList> {
  const { site } = parseOrThrow(contractListInput, input);
  const sites = await contractSitesInScope(db, scope, site);
  const [rows, settings] = await Promise.all([listContractVersions(db, sites.map((s) => s.id)), contractSettings(db)]);
  const bySite = new Map<number, ContractVersion[]>();
  for (const row of rows) bySite.set(row.siteId, [...(bySite.get(row.siteId) ?? []), contractVersionOf(row)]);
  const shown = sites.filter((s) => site !== undefined || !scope.all || s.active || bySite.has(s.id));
  const referenceSite = scope.all || shown.some((s) => s.code === settings.referenceSite) ? settings.referenceSite : null;
  return {
    hqCurrency: settings.hqCurrency,
    referenceSite,
    sites: shown.map((s) => ({ code: s.code, name: s.name, kind: s.kind, versions: bySite.get(s.id) ?? [] })),
  };
}

async function siteForWrite(db: Db, code: string) {
  const site = await findSiteByCode(db, code);
  if (!site) throw invalid([{ path: ['site'], message: `No site has the code ${code}.`, input: code }]);
  return site;
}

function userIdOf(actor: Actor): number | null {
  return actor.actorType === 'user' || actor.actorType === 'user_token' ? actor.actorId : null;
}

/** Writes a version (admins); the same site and day again replaces that version. */
export async function saveContract(db: Db, actor: Actor, input: ContractInput, now: Date): Promise<ContractVersion> {
  const contract = parseOrThrow(contractInput, input);
  return db.transaction(async (tx) => {
    const site = await siteForWrite(tx, contract.site);
    const before = await findContractVersion(tx, site.id, contract.effectiveFrom);
    const { id } = await upsertContractVersion(
      tx,
      {
        siteId: site.id,
        effectiveFrom: contract.effectiveFrom,
        provider: contract.provider,
        currency: contract.currency,
        pricingModel: contract.pricing.model,
        rate: contract.pricing.rate,
        seats: contract.pricing.seats ?? null,
        fixedMonthly: contract.pricing.fixedMonthly ?? null,
        terms: contract.terms,
        createdBy: userIdOf(actor),
      },
      now,
    );
    const version = contractVersionOf((await findContractVersion(tx, site.id, contract.effectiveFrom))!);
    const { id: _id, site: _site, effectiveFrom: _from, createdAt: _at, createdBy: _by, ...content } = version;
    await insertAudit(tx, {
      ...actor,
      action: before ? 'contract.replace' : 'contract.create',
      entity: 'contract',
      entityId: String(id),
      siteId: site.id,
      details: {
        effectiveFrom: contract.effectiveFrom,
        ...content,
        ...(before ? { replaced: { provider: before.provider, currency: before.currency, pricing: contractVersionOf(before).pricing, terms: before.terms } } : {}),
      },
    });
    return version;
  });
}

/** Removes a version (admins): the one before it then holds until the next. */
export async function removeContract(db: Db, actor: Actor, input: ContractKey): Promise<{ removed: true }> {
  const key = parseOrThrow(contractKeyInput, input);
  return db.transaction(async (tx) => {
    const site = await findSiteByCode(tx, key.site);
    if (!site) throw notFound('Site');
    const removed = await deleteContractVersion(tx, site.id, key.effectiveFrom);
    if (!removed) throw notFound(`The contract of ${site.code} taking effect on ${key.effectiveFrom}`);
    await insertAudit(tx, {
      ...actor,
      action: 'contract.remove',
      entity: 'contract',
      entityId: String(removed.id),
      siteId: site.id,
      details: {
        effectiveFrom: removed.effectiveFrom,
        provider: removed.provider,
        currency: removed.currency,
        pricing: { model: removed.pricingModel, rate: removed.rate, seats: removed.seats, fixedMonthly: removed.fixedMonthly },
        terms: removed.terms,
      },
    });
    return { removed: true as const };
  });
}
