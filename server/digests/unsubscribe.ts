// The one-click unsubscribe endpoint, without signing in: GET from the link in the e-mail shows a
// small confirmation page; POST is RFC 8058's one-click request that mail clients send from the
// List-Unsubscribe-Post header. Both deactivate the subscription the signed token names, and
// both may be repeated harmlessly.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deactivateSubscription, findSubscriptionWithOwner } from '@/db/queries/digests';
import type { Locale } from '@/db/schema';
import { digestStrings } from './email/strings';
import { unsubscribeSecret, verifyUnsubscribeToken } from './unsubscribe-token';

export type UnsubscribeOutcome =
  | { ok: true; subscriptionId: number; wasActive: boolean; email: string; cadence: 'daily' | 'weekly'; locale: Locale }
  | { ok: false };

export async function unsubscribeWithToken(db: Db, token: string, via: 'link' | 'one-click'): Promise<UnsubscribeOutcome> {
  const id = verifyUnsubscribeToken(await unsubscribeSecret(db), token);
  if (id === null) return { ok: false };
  const subscription = await findSubscriptionWithOwner(db, id);
  if (!subscription) return { ok: false };
  const change = await deactivateSubscription(db, id);
  if (change?.wasActive) {
    await insertAudit(db, {
      actorType: 'user',
      actorId: subscription.userId,
      actorLabel: `${subscription.email} (unsubscribe ${via})`,
      action: 'digest_subscription.unsubscribe',
      entity: 'digest_subscription',
      entityId: String(id),
      details: { cadence: subscription.cadence, via },
    });
  }
  return { ok: true, subscriptionId: id, wasActive: change?.wasActive ?? false, email: subscription.email, cadence: subscription.cadence, locale: subscription.locale };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function localeFrom(request: Request): Locale {
  return /^\s*fr\b/i.test(request.headers.get('accept-language') ?? '') ? 'fr' : 'en';
}

function page(locale: Locale, title: string, message: string, manage: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Vigie</title>
<style>
  body { margin: 0; background: #f1f5f9; color: #0f172a; font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  main { max-width: 30rem; margin: 12vh auto; background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 1.75rem 2rem; }
  .brand { font-size: 12px; font-weight: 700; letter-spacing: .12em; color: #1d4ed8; margin: 0 0 .5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
  p { margin: 0 0 1rem; color: #334155; }
  a { color: #1d4ed8; }
  a:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="brand">VIGIE</p>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/settings/digests">${escapeHtml(manage)}</a></p>
</main>
</body>
</html>
`;
}

const HEADERS = {
  'Cache-Control': 'no-store',
  // The token is in the address: never hand it on to another site.
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  // A page with one style block, no script, nothing to load, and no form.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export async function handleUnsubscribeRequest(db: Db, request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const oneClick = request.method === 'POST';
  const outcome = await unsubscribeWithToken(db, token, oneClick ? 'one-click' : 'link');
  const locale = outcome.ok ? outcome.locale : localeFrom(request);
  const strings = digestStrings(locale).unsubscribePage;
  if (oneClick) {
    return new Response(outcome.ok ? 'Unsubscribed\n' : 'Invalid unsubscribe token\n', {
      status: outcome.ok ? 200 : 400,
      headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const html = outcome.ok
    ? page(
        locale,
        strings.title,
        outcome.wasActive ? strings.done(digestStrings(locale).cadenceAdjective[outcome.cadence], outcome.email) : strings.already,
        strings.manage,
      )
    : page(locale, strings.invalidTitle, strings.invalid, strings.manage);
  return new Response(html, { status: outcome.ok ? 200 : 400, headers: { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8' } });
}
