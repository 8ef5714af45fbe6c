// One-click unsubscribe from a digest e-mail, without signing in (see server/digests/unsubscribe.ts).
import { handleUnsubscribeRequest } from '@/server/digests/unsubscribe';
import { getDatabase } from '@/server/db';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const { db } = await getDatabase();
  return handleUnsubscribeRequest(db, request);
}

export const GET = handle;
/** RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the List-Unsubscribe address. */
export const POST = handle;
