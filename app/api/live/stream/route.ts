// GET /api/live/stream?site=CODE…: the wallboard's server-sent events (server/live/stream.ts).
import { handleLiveStream } from '@/server/live/stream';
import { serverLiveHub } from '@/server/live/server-hub';
import { createRequestContext } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handleLiveStream(req, { createContext: createRequestContext, hub: serverLiveHub() });
}
