// The one-time setup link's form posts here to create the first administrator (server/setup).
import { getDatabase } from '@/server/db';
import { handleFirstAdminRequest } from '@/server/setup/first-admin';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const { db } = await getDatabase();
  return handleFirstAdminRequest(db, request);
}
