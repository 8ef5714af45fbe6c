import { useTranslations } from 'next-intl';

/**
 * Shown on every page while demo accounts still have the public password (see app/layout.tsx).
 * Plain text, not an alert: it is there on every page, and the forms' own alerts stay the only ones.
 */
export function PublicPasswordBanner() {
  const t = useTranslations('setup');
  return (
    <div data-testid="public-password-banner" className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
      {t('publicPasswordBanner')}
    </div>
  );
}
