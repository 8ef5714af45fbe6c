'use client';
// The EN/FR switch. The choice is kept in a cookie (for the login page and the next visit) and,
// when signed in, on the user through the `save` callback the caller passes.
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { cn } from '@/components/ui/cn';
import { LOCALE_COOKIE, LOCALES, type AppLocale } from '@/i18n/locale';

function rememberLocale(locale: AppLocale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}

export function LocaleSwitch({ save, className }: { save?: (locale: AppLocale) => Promise<unknown>; className?: string }) {
  const current = useLocale() as AppLocale;
  const t = useTranslations('locale');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);

  async function choose(locale: AppLocale) {
    if (locale === current) return;
    setFailed(false);
    rememberLocale(locale);
    try {
      await save?.(locale);
    } catch {
      setFailed(true);
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className={className}>
      <div role="group" aria-label={t('label')} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={locale === current}
            disabled={pending}
            onClick={() => void choose(locale)}
            className={cn(
              'rounded px-2 py-0.5 text-xs font-semibold',
              locale === current ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100',
            )}
          >
            <abbr title={t(locale)} className="no-underline">
              {locale.toUpperCase()}
            </abbr>
          </button>
        ))}
      </div>
      {failed ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t('saveFailed')}
        </p>
      ) : null}
    </div>
  );
}
