import { openApiDocument } from '@/server/rest/handler';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
