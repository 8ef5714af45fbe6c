// The simulator's own site keys: one per demo site, created at each start (the secret lives only in
// the simulator's memory) after revoking the keys an earlier start made, so restarts never pile up
// keys. Both go through the key service, so every change is in the audit log like an admin's.
import type { Db } from '@/db/client';
import type { Actor } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { createSiteKey, revokeSiteKeyByName } from '@/server/keys/service';

export const SIMULATOR_KEY_NAME = 'live demo simulator';
export const SIMULATOR_ACTOR: Actor = { actorType: 'system', actorId: null, actorLabel: SIMULATOR_KEY_NAME };

/** A fresh key per site code; the earlier simulator key of each site is revoked first. */
export async function provisionSimulatorKeys(db: Db, siteCodes: readonly string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const siteCode of siteCodes) {
    try {
      await revokeSiteKeyByName(db, SIMULATOR_ACTOR, { siteCode, name: SIMULATOR_KEY_NAME });
    } catch (error) {
      // No earlier key: the first start, or an admin revoked it.
      if (!(error instanceof DomainError && error.code === 'NOT_FOUND')) throw error;
    }
    const key = await createSiteKey(db, SIMULATOR_ACTOR, { siteCode, name: SIMULATOR_KEY_NAME });
    keys.set(siteCode, key.secret);
  }
  return keys;
}
