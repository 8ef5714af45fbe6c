// next-intl's per-request configuration: the language and time zone of the person reading.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDisplayPrincipal, getSessionUser } from '@/server/auth/current-session';
import { LOCALE_COOKIE, resolveLocale, type AppLocale } from './locale';

/** Times are shown in the user's own zone; before sign-in, in the server's. */
const FALLBACK_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

async function loadMessages(locale: AppLocale) {
  return locale === 'fr' ? (await import('../messages/fr')).default : (await import('../messages/en')).default;
}

export default getRequestConfig(async () => {
  const [user, cookieStore, headerList] = await Promise.all([getSessionUser(), cookies(), headers()]);
  // A paired wall display speaks the language its admin chose for it.
  const display = user ? null : await getDisplayPrincipal();
  const locale = resolveLocale({
    userLocale: user?.locale ?? display?.locale,
    cookieLocale: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
  return {
    locale,
    timeZone: user?.timezone ?? FALLBACK_TIME_ZONE,
    messages: await loadMessages(locale),
    // One moment for the whole request, handed to the browser with the messages: a relative time
    // ("11m ago", useNow) is drawn from it both by the server and by the hydrating browser. Each
    // reading its own clock, a minute turning between the two made React discard the server's
    // HTML and render the page again, and a link clicked meanwhile never navigated.
    now: new Date(),
  };
});
