import { createRequestContext } from '@/server/trpc/context';
import { handleTrpc } from '@/server/trpc/http-handler';

export const dynamic = 'force-dynamic';

const handler = (req: Request) => handleTrpc(req, createRequestContext);

export { handler as GET, handler as POST };
