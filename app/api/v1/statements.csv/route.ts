// GET /api/v1/statements.csv?site=CODE&month=YYYY-MM: the same statement as GET /api/v1/statements,
// as CSV (trpc-to-openapi only speaks JSON, so this route calls the procedure itself, with the
// caller's session or personal token and the procedure's own authorisation).
import { statementToCsv } from '@/server/contracts/statement-csv';
import { errorResponse } from '@/server/errors';
import { createRequestContext } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const url = new URL(req.url);
  try {
    const caller = createCaller(await createRequestContext(req));
    const statement = await caller.contracts.statement({ site: url.searchParams.get('site') ?? '', month: url.searchParams.get('month') ?? '' });
    return new Response(statementToCsv(statement), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="vigie-statement-${statement.site}-${statement.month}.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
