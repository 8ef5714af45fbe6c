// Which language the interface speaks to a request. There are no locale prefixes in the URLs:
// the signed-in user's choice wins, then the cookie set by the language switch, then the
// browser's Accept-Language, then English.
export const LOCALES = ['en', 'fr'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'en';
export const LOCALE_COOKIE = 'VIGIE_LOCALE';

export function asLocale(value: string | null | undefined): AppLocale | null {
  const lower = value?.trim().toLowerCase();
  return (LOCALES as readonly string[]).includes(lower ?? '') ? (lower as AppLocale) : null;
}

/** The supported language the browser prefers most, by q-value and then by order. */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.q > 0 && !Number.isNaN(range.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const locale = asLocale(range.language);
    if (locale) return locale;
  }
  return null;
}

export function resolveLocale(sources: {
  userLocale?: string | null;
  cookieLocale?: string | null;
  acceptLanguage?: string | null;
}): AppLocale {
  return (
    asLocale(sources.userLocale) ??
    asLocale(sources.cookieLocale) ??
    localeFromAcceptLanguage(sources.acceptLanguage) ??
    DEFAULT_LOCALE
  );
}
