// The digest's coaching lines: per site, the coverage of the week's outlier flags and the median
// time to close, from calls, evaluations and sessions written through the real paths (ingest, the
// coaching service), in English and French. Sites with neither flags nor sessions are left out.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { qaEvaluations } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { closeCoaching, openCoaching } from '@/server/coaching/service';
import { callsWithSlowAgent } from '@/server/coaching/testing';
import { actorOf } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createQaAccounts, publishNewForm, pushEvaluations, siteKeyActor, STD_V1, type QaAccounts } from '@/server/qa/testing';
import { buildDigestContent, type DigestContent } from './content';
import { renderDigest } from './render';

let h: DbHandle;
let a: QaAccounts;
const URL = 'https://vigie.example';
const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const SCORES = { clarity: 4, local_context: 4, identity_check: 1, disclosure: 4, resolution: 8, empathy: 5 };

async function weekly(locale: 'en' | 'fr' = 'en'): Promise<DigestContent> {
  return buildDigestContent(h.db, {
    recipient: { email: 'hq@x.test', name: 'Hugo HQ', role: 'hq_manager', siteId: null, locale },
    cadence: 'weekly',
    period: WEEK,
    siteIds: null,
    now: new Date('2026-11-30T06:00:00Z'),
    publicUrl: URL,
  });
}

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', STD_V1);
  const tun = a.sites.tun.id;
  // Six agents near 200 s a call and SLOW at 900 s, 30 calls each on Monday the 23rd: SLOW is flagged on AHT.
  const records = callsWithSlowAgent(new Date('2026-11-23T08:00:00+01:00'));
  expect((await ingestCalls(h.db, { siteId: tun, actor: siteKeyActor, records })).rejected).toEqual([]);
  // The lead coaches SLOW on the 24th; a follow-up evaluation on the 25th; closed on the 26th.
  const lead = a.principals.lead;
  const session = await openCoaching(
    h.db,
    lead,
    actorOf(lead),
    { site: 'TUN', agentRef: 'SLOW', source: { kind: 'outlier', metric: 'aht' }, objective: 'Shorter holds', ownerUserId: lead.userId, dueDate: '2026-12-04' },
    new Date('2026-11-24T09:00:00Z'),
  );
  await pushEvaluations(h.db, tun, [{ externalId: 'follow-up', evaluatedAt: '2026-11-25T09:00:00Z', agentRef: 'SLOW', scores: SCORES }]);
  const [followUp] = await h.db
    .select({ id: qaEvaluations.id })
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, tun), eq(qaEvaluations.externalId, 'follow-up')));
  await closeCoaching(h.db, lead, actorOf(lead), { site: 'TUN', id: session.id, followUpEvaluationId: followUp!.id }, new Date('2026-11-26T09:00:00Z'));
});
afterAll(() => h.close());

const crlf = (s: string) => s.replace(/\r\n/g, '\n');

describe('digest coaching', () => {
  it("gives each site with flags or sessions its coverage and median time to close, and leaves the others out", async () => {
    const c = await weekly();
    expect(c.coaching).toEqual([
      { code: 'TUN', name: 'Tunis', coverage: 1, covered: 1, judged: 1, pending: 0, medianDaysToClose: 2, closed: 1, open: 0, overdue: 0 },
    ]);
  });

  it('writes the line in the text and HTML parts, in English and French', async () => {
    const unsubscribeUrl = `${URL}/api/digests/unsubscribe?token=1.x`;
    const en = await renderDigest(await weekly(), { unsubscribeUrl, timeZone: 'Europe/Paris' });
    const line = '- TUN Tunis: coverage 100% (1 of 1 flags coached within 14 days); median 2 days to close (1 session); 0 open, 0 overdue';
    expect(en.text).toContain('COACHING\n--------');
    expect(en.text).toContain(line);
    expect(en.html).toContain('median 2 days to close (1 session)');
    const fr = await renderDigest(await weekly('fr'), { unsubscribeUrl, timeZone: 'Europe/Paris' });
    expect(crlf(fr.text)).toMatch(/- TUN Tunis: couverture 100\s?% \(signalements coachés sous 14 jours : 1 sur 1\); délai médian de clôture 2 jours \(1 séance\); 0 ouverte, 0 en retard/);
  });
});
