// A small network written straight into sites, site_day and kpi_targets for the KPI tests, with
// figures chosen so every expected value can be computed by hand (see the comments).
import type { Db } from '@/db/client';
import { kpiTargets, siteDay, sites } from '@/db/schema';
import type { SiteKeyPrincipal, UserPrincipal } from '@/server/auth/principal';
import { emptyParts, type KpiParts } from '@/lib/kpi/definitions';

export const RANGE = { from: '2025-03-10', to: '2025-03-16' };
export const PREVIOUS = { from: '2025-03-03', to: '2025-03-09' };

export type FixtureSites = { TUN: number; CAS: number; DKR: number; OLD: number };

const day = (siteId: number, date: string, parts: Partial<KpiParts>) => ({ siteId, day: date, ...emptyParts(), ...parts });

/**
 * Current period (10–16 March):
 *   TUN: offered 200, within SLA 160 (0.8), handled 200, 60 000 s (AHT 300), abandoned 10 (0.05),
 *        inbound handled 190 waiting 2 850 s (ASA 15), FCR 120/160 (0.75), CSAT 60/80 (0.75, mean 4.1),
 *        QA 3 scored evaluations summing 240 (80) + 1 unscored.
 *   CAS: offered 50, within 32 (0.64), handled 50, 20 000 s (AHT 400), abandoned 5 (0.1).
 *   DKR: no data at all.  OLD (inactive): offered 1 000, within 0.
 * Previous period (3–9 March): TUN offered 100, within 70 (0.7), handled 100, 32 000 s (AHT 320).
 * Outside both: TUN on 2 and 17 March, which must never count.
 */
export async function insertNetwork(db: Db): Promise<FixtureSites> {
  const rows = await db
    .insert(sites)
    .values([
      { code: 'TUN', name: 'Tunis Lac', country: 'TN', timezone: 'Africa/Tunis', kind: 'offshore' },
      { code: 'CAS', name: 'Casablanca Sidi Maârouf', country: 'MA', timezone: 'Africa/Casablanca', kind: 'offshore' },
      { code: 'DKR', name: 'Dakar Plateau', country: 'SN', timezone: 'Africa/Dakar', kind: 'offshore' },
      { code: 'OLD', name: 'Closed centre', country: 'FR', timezone: 'Europe/Paris', kind: 'onshore', active: false },
    ])
    .returning({ id: sites.id, code: sites.code });
  const id = Object.fromEntries(rows.map((r) => [r.code, r.id])) as FixtureSites;

  await db.insert(siteDay).values([
    day(id.TUN, '2025-03-10', {
      calls: 125, inboundCalls: 115, shortAbandons: 5, offered: 110, handled: 105, inboundHandled: 100, abandoned: 6,
      handleSeconds: 31_500, inboundHandledWaitSeconds: 1_500, answeredWithinSla: 90,
      resolvedKnown: 80, resolvedTrue: 60, csatResponses: 40, csatTop2: 30, csatSum: 164,
      qaEvaluations: 2, qaScoredEvaluations: 2, qaScoreSum: 150,
    }),
    day(id.TUN, '2025-03-16', {
      calls: 100, inboundCalls: 92, shortAbandons: 2, offered: 90, handled: 95, inboundHandled: 90, abandoned: 4,
      handleSeconds: 28_500, inboundHandledWaitSeconds: 1_350, answeredWithinSla: 70,
      resolvedKnown: 80, resolvedTrue: 60, csatResponses: 40, csatTop2: 30, csatSum: 164,
      qaEvaluations: 2, qaScoredEvaluations: 1, qaScoreSum: 90,
    }),
    day(id.TUN, '2025-03-05', { calls: 100, inboundCalls: 100, offered: 100, handled: 100, inboundHandled: 100, handleSeconds: 32_000, answeredWithinSla: 70 }),
    day(id.TUN, '2025-03-02', { calls: 999, inboundCalls: 999, offered: 999, handled: 999, handleSeconds: 1, answeredWithinSla: 0 }),
    day(id.TUN, '2025-03-17', { calls: 999, inboundCalls: 999, offered: 999, handled: 999, handleSeconds: 1, answeredWithinSla: 0 }),
    day(id.CAS, '2025-03-11', { calls: 55, inboundCalls: 55, offered: 50, handled: 50, inboundHandled: 45, abandoned: 5, handleSeconds: 20_000, answeredWithinSla: 32 }),
    day(id.OLD, '2025-03-11', { calls: 1000, inboundCalls: 1000, offered: 1000, handled: 1000, inboundHandled: 1000, handleSeconds: 100_000, answeredWithinSla: 0 }),
  ]);

  await db.insert(kpiTargets).values([
    { siteId: null, metric: 'service_level', green: 0.8, amber: 0.7 },
    { siteId: null, metric: 'aht', green: 300, amber: 360 },
    // Casablanca runs a harder queue mix: HQ accepts a lower service level there.
    { siteId: id.CAS, metric: 'service_level', green: 0.6, amber: 0.5 },
  ]);
  return id;
}

export const hqUser: UserPrincipal = {
  kind: 'user',
  via: 'session',
  userId: 1,
  email: 'hq@vigie.test',
  name: 'HQ Manager',
  role: 'hq_manager',
  siteId: null,
  locale: 'en',
};

export function leadOf(siteId: number): UserPrincipal {
  return { ...hqUser, userId: 2, email: 'lead@vigie.test', name: 'Site Lead', role: 'site_lead', siteId };
}

export function siteKeyOf(siteId: number): SiteKeyPrincipal {
  return { kind: 'site_key', keyId: 1, keyName: 'telephony', siteId };
}
