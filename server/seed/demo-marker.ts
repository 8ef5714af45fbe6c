// The mark the demo seed leaves in the database: the demo network's shape (seed, history, the day it
// was seeded). Its presence is what says "this database holds the demo network" (the live simulator
// runs only then), and its figures let the simulator draw the demo's days again.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { getSetting, putSetting } from '@/db/queries/settings';
import type { DemoShape } from './demo-days';

export const DEMO_NETWORK_SETTING = 'demo.network';

const shapeSchema = z.object({
  seed: z.number().int(),
  totalDays: z.number().int().positive(),
  referenceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export async function markDemoNetwork(db: Db, shape: DemoShape): Promise<void> {
  await putSetting(db, DEMO_NETWORK_SETTING, JSON.stringify(shape));
}

/** The demo network's shape, or null when the database does not hold the demo network. */
export async function readDemoNetwork(db: Db): Promise<DemoShape | null> {
  const value = await getSetting(db, DEMO_NETWORK_SETTING);
  if (value === null) return null;
  try {
    const parsed = shapeSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
