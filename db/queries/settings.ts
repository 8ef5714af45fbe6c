import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { appSettings } from '../schema';

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return row?.value ?? null;
}

/** Stores the value unless one is there already; answers the value that is stored. */
export async function putSettingOnce(db: Db, key: string, value: string): Promise<string> {
  await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
  return (await getSetting(db, key)) ?? value;
}

/** Stores the value, replacing any stored under the key. */
export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
}

/** Removes the key; answers whether it was there. */
export async function deleteSetting(db: Db, key: string): Promise<boolean> {
  const removed = await db.delete(appSettings).where(eq(appSettings.key, key)).returning({ key: appSettings.key });
  return removed.length > 0;
}
