// The two app settings of contracts and cost: HQ's currency (every cost is also given in it,
// EUR until an admin says otherwise) and the onshore site the offshore ones are compared with.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deleteSetting, getSetting, putSetting } from '@/db/queries/settings';
import { findSiteByCode } from '@/db/queries/sites';
import { currencyCode } from '@/lib/contracts/contract-input';
import type { Actor } from '@/server/auth/principal';
import { invalid, parseOrThrow } from './issues';

export const HQ_CURRENCY_SETTING = 'hq_currency';
export const REFERENCE_SITE_SETTING = 'cost_reference_site';
export const DEFAULT_HQ_CURRENCY = 'EUR';

export type ContractSettings = { hqCurrency: string; referenceSite: string | null };

const siteCode = z.string().regex(/^[A-Z]{2,8}$/, 'A site code is 2 to 8 upper-case letters.');

export const contractSettingsInput = z
  .object({
    hqCurrency: currencyCode.optional(),
    /** A site code, or null to fall back on the first onshore site with a contract. */
    referenceSite: siteCode.nullable().optional(),
  })
  .strict();
export type ContractSettingsInput = z.input<typeof contractSettingsInput>;

export async function hqCurrencyOf(db: Db): Promise<string> {
  return (await getSetting(db, HQ_CURRENCY_SETTING)) ?? DEFAULT_HQ_CURRENCY;
}

/** The settings as stored: `referenceSite` is null when none is set (costs then pick one). */
export async function contractSettings(db: Db): Promise<ContractSettings> {
  const [hqCurrency, referenceSite] = await Promise.all([hqCurrencyOf(db), getSetting(db, REFERENCE_SITE_SETTING)]);
  return { hqCurrency, referenceSite };
}

/** Sets what the input names (admins); each change audited as a setting's. */
export async function setContractSettings(db: Db, actor: Actor, input: ContractSettingsInput): Promise<ContractSettings> {
  const wanted = parseOrThrow(contractSettingsInput, input);
  return db.transaction(async (tx) => {
    const before = await contractSettings(tx);
    if (wanted.referenceSite) {
      const site = await findSiteByCode(tx, wanted.referenceSite);
      if (!site) throw invalid([{ path: ['referenceSite'], message: `No site has the code ${wanted.referenceSite}.`, input: wanted.referenceSite }]);
    }
    const audit = (key: string, from: string | null, to: string | null) =>
      insertAudit(tx, { ...actor, action: 'setting.update', entity: 'setting', entityId: key, siteId: null, details: { from, to } });
    if (wanted.hqCurrency !== undefined && wanted.hqCurrency !== before.hqCurrency) {
      await putSetting(tx, HQ_CURRENCY_SETTING, wanted.hqCurrency);
      await audit(HQ_CURRENCY_SETTING, before.hqCurrency, wanted.hqCurrency);
    }
    if (wanted.referenceSite !== undefined && wanted.referenceSite !== before.referenceSite) {
      if (wanted.referenceSite === null) await deleteSetting(tx, REFERENCE_SITE_SETTING);
      else await putSetting(tx, REFERENCE_SITE_SETTING, wanted.referenceSite);
      await audit(REFERENCE_SITE_SETTING, before.referenceSite, wanted.referenceSite);
    }
    return contractSettings(tx);
  });
}
