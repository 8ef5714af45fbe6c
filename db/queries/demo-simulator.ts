// What the live demo simulator asks of the database: its claim (one simulator across the server
// instances that share a database) and where each site's pushed calls end.
import { and, eq, gte, lt, or, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { appSettings, callRecords } from '../schema';

const CLAIM_KEY = 'demo.simulator.claim';

/**
 * Takes or renews the claim for `owner`: granted when nobody holds it, when `owner` already does,
 * or when the holder has not renewed it for `ttlSeconds` (its process is gone). The database's
 * clock judges, so instances on machines whose clocks differ agree.
 */
export async function claimDemoSimulator(db: Db, owner: string, ttlSeconds: number): Promise<boolean> {
  const rows = await db
    .insert(appSettings)
    .values({ key: CLAIM_KEY, value: owner, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: owner, updatedAt: sql`now()` },
      setWhere: or(eq(appSettings.value, owner), lt(appSettings.updatedAt, sql`now() - make_interval(secs => ${ttlSeconds})`)),
    })
    .returning({ key: appSettings.key });
  return rows.length > 0;
}

/** Gives the claim up, if `owner` still holds it. */
export async function releaseDemoSimulator(db: Db, owner: string): Promise<void> {
  await db.delete(appSettings).where(and(eq(appSettings.key, CLAIM_KEY), eq(appSettings.value, owner)));
}

/**
 * The instant the last of a site's stored calls begun since `since` ended (the caller hung up or
 * the wrap-up finished), or null when none begun since then.
 */
export async function lastCallEnd(db: Db, siteId: number, since: Date): Promise<Date | null> {
  const [row] = rowsOf<{ ended: string | Date | null }>(
    await db.execute(sql`
      select max(${callRecords.startedAt} + make_interval(secs => ${callRecords.waitSeconds} + ${callRecords.talkSeconds} + ${callRecords.holdSeconds} + ${callRecords.wrapSeconds})) as ended
      from ${callRecords}
      where ${and(eq(callRecords.siteId, siteId), gte(callRecords.startedAt, since))}`),
  );
  return row?.ended ? new Date(row.ended) : null;
}
