import { getDatabase } from '@/server/db';
import { runtimeTzVersion } from '@/server/time/tz-data';
import { createInnerContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const handle = await getDatabase();
    const caller = createCaller(createInnerContext({ db: handle.db, driver: handle.driver }));
    const health = await caller.health.check();
    return Response.json(health, { status: health.status === 'ok' ? 200 : 503 });
  } catch {
    return Response.json({ status: 'degraded', database: process.env.DATABASE_URL ? 'postgres' : 'pglite', tz: runtimeTzVersion() }, { status: 503 });
  }
}
