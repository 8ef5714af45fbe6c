// The server process's live wiring: its bus joined to the other instances (LISTEN on PostgreSQL)
// and its one hub of open wallboards, both kept on globalThis like the database handle, because
// Next.js may load these modules more than once in one process.
import type { DbHandle } from '@/db/client';
import { getDatabase } from '@/server/db';
import { liveBus } from './bus';
import { LiveHub } from './hub';

/**
 * Joins this instance to the others (start-up calls it, so that an instance that only receives
 * pushes still tells the others' screens). A failure is logged: screens on this instance still
 * get this instance's changes, and the next open screen tries again.
 */
export async function startLiveBus(handle: Pick<DbHandle, 'db' | 'driver'>): Promise<void> {
  try {
    await liveBus().connect(handle);
  } catch (error) {
    console.error('[vigie] live: could not LISTEN for the other instances’ changes', error);
  }
}

const KEY = Symbol.for('vigie.liveHub');
type Holder = { [KEY]?: LiveHub };

export function serverLiveHub(): LiveHub {
  const holder = globalThis as Holder;
  holder[KEY] ??= new LiveHub({
    bus: liveBus(),
    db: async () => {
      const handle = await getDatabase();
      await startLiveBus(handle);
      return handle.db;
    },
  });
  return holder[KEY];
}
