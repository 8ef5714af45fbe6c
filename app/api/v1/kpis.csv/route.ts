// GET /api/v1/kpis.csv: the same comparison as GET /api/v1/kpis, as CSV (trpc-to-openapi only
// speaks JSON, so this one route calls the procedure itself).
import { comparisonToCsv } from '@/server/kpi/csv';
import { createRequestContext } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';
import { errorResponse } from '@/server/errors';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const url = new URL(req.url);
  const sites = url.searchParams.getAll('site');
  try {
    const caller = createCaller(await createRequestContext(req));
    const answer = await caller.kpi.compare({
      from: url.searchParams.get('from') ?? '',
      to: url.searchParams.get('to') ?? '',
      ...(sites.length ? { site: sites } : {}),
    });
    return new Response(comparisonToCsv(answer), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="vigie-kpis-${answer.from}-${answer.to}.csv"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
