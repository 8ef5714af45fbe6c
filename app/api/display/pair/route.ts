// A wall screen's pairing code, exchanged once for its display cookie (server/displays/pairing-route.ts).
import { getDatabase } from '@/server/db';
import { handlePairingRequest } from '@/server/displays/pairing-route';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const { db } = await getDatabase();
  return handlePairingRequest(db, request);
}
