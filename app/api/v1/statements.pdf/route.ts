// GET /api/v1/statements.pdf?site=CODE&month=YYYY-MM: the same statement as GET /api/v1/statements,
// as a printable A4 PDF in the reader's language (their own setting, else the browser's), with
// the caller's session or personal token and the procedure's own authorisation.
import { localeFromAcceptLanguage } from '@/i18n/locale';
import { statementToPdf } from '@/server/contracts/statement-pdf';
import { errorResponse } from '@/server/errors';
import { createRequestContext } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const url = new URL(req.url);
  try {
    const ctx = await createRequestContext(req);
    const statement = await createCaller(ctx).contracts.statement({ site: url.searchParams.get('site') ?? '', month: url.searchParams.get('month') ?? '' });
    const locale = ctx.principal.kind === 'user' ? ctx.principal.locale : (localeFromAcceptLanguage(req.headers.get('accept-language')) ?? 'en');
    const pdf = await statementToPdf(statement, locale);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="vigie-statement-${statement.site}-${statement.month}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
