// HQ's monthly exchange rates: 1 unit of a contract's currency is worth `rate` units of HQ's
// currency that month. HQ enters them (no rate service is called); HQ's own currency is worth 1,
// and a month without a rate leaves the HQ-currency figures unknown rather than guessed.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findExchangeRates, listContractCurrencies, listExchangeRates, upsertExchangeRate } from '@/db/queries/contracts';
import { currencyCode } from '@/lib/contracts/contract-input';
import { isMonth } from '@/lib/contracts/periods';
import { rateKey } from '@/lib/contracts/range-cost';
import type { Actor } from '@/server/auth/principal';
import { invalid, parseOrThrow } from './issues';
import { hqCurrencyOf } from './settings';

export const monthInput = z.string().refine(isMonth, 'Use a month as YYYY-MM.');

export const ratesInput = z.object({ month: monthInput.optional() }).strict();
export const setRateInput = z
  .object({
    month: monthInput,
    currency: currencyCode,
    rate: z.number('The rate is a number.').finite().positive('A rate is above 0.').max(1e6, 'A rate is at most 1,000,000.'),
  })
  .strict();
export type SetRateInput = z.input<typeof setRateInput>;

export type ExchangeRate = { month: string; currency: string; rate: number };

export type RateList = {
  hqCurrency: string;
  rates: ExchangeRate[];
  /** The currencies contracts are written in, other than HQ's: the rates HQ has to enter. */
  currencies: string[];
};

export async function listRates(db: Db, input: z.input<typeof ratesInput> = {}): Promise<RateList> {
  const { month } = parseOrThrow(ratesInput, input);
  const [hqCurrency, rows, currencies] = await Promise.all([hqCurrencyOf(db), listExchangeRates(db, month), listContractCurrencies(db)]);
  return {
    hqCurrency,
    rates: rows.map((r) => ({ month: r.month, currency: r.currency, rate: r.rate })),
    currencies: currencies.filter((c) => c !== hqCurrency),
  };
}

/** Sets a month's rate (HQ), audited with the rate it replaced. */
export async function setRate(db: Db, actor: Actor, input: SetRateInput, now: Date): Promise<ExchangeRate> {
  const wanted = parseOrThrow(setRateInput, input);
  return db.transaction(async (tx) => {
    const hqCurrency = await hqCurrencyOf(tx);
    if (wanted.currency === hqCurrency) {
      throw invalid([{ path: ['currency'], message: `${hqCurrency} is HQ's own currency: it is worth 1.`, input: wanted.currency }]);
    }
    const updatedBy = actor.actorType === 'user' || actor.actorType === 'user_token' ? actor.actorId : null;
    const { row, previous } = await upsertExchangeRate(tx, { ...wanted, updatedBy }, now);
    await insertAudit(tx, {
      ...actor,
      action: 'exchange_rate.set',
      entity: 'exchange_rate',
      entityId: rateKey(row.month, row.currency),
      siteId: null,
      details: { month: row.month, currency: row.currency, hqCurrency, rate: row.rate, previous },
    });
    return { month: row.month, currency: row.currency, rate: row.rate };
  });
}

/**
 * The rates of these months and currencies, by rateKey: 1 for HQ's own currency, the rate HQ
 * entered, or null when it entered none.
 */
export async function ratesFor(db: Db, months: string[], currencies: string[], hqCurrency: string): Promise<Map<string, number | null>> {
  const foreign = [...new Set(currencies)].filter((c) => c !== hqCurrency);
  const stored = new Map((await findExchangeRates(db, months, foreign)).map((r) => [rateKey(r.month, r.currency), r.rate]));
  const rates = new Map<string, number | null>();
  for (const month of months) {
    for (const currency of new Set(currencies)) rates.set(rateKey(month, currency), currency === hqCurrency ? 1 : (stored.get(rateKey(month, currency)) ?? null));
  }
  return rates;
}
