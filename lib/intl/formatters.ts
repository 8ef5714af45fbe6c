// Intl formatters, built once per locale and options. Building an Intl.NumberFormat or
// DateTimeFormat resolves locale data and costs far more than formatting with it: a dashboard
// formats a few thousand figures per render, and building a formatter for each was a tenth of the
// server's time per page. The options are literals of the code (plus a contract's currency or a
// site's time zone), so the cache stays small; it is capped all the same.
const MAX_ENTRIES = 500;

function cached<F, O extends object>(cache: Map<string, F>, build: (locale: string, options?: O) => F) {
  return (locale: string, options?: O): F => {
    const key = options ? `${locale}|${JSON.stringify(options)}` : locale;
    let formatter = cache.get(key);
    if (!formatter) {
      formatter = build(locale, options);
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, formatter);
    }
    return formatter;
  };
}

/** `new Intl.NumberFormat(locale, options)`, shared. */
export const numberFormat = cached(new Map<string, Intl.NumberFormat>(), (locale, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));

/** `new Intl.DateTimeFormat(locale, options)`, shared. */
export const dateTimeFormat = cached(new Map<string, Intl.DateTimeFormat>(), (locale, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));
