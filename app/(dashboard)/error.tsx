'use client';
import { useTranslations } from 'next-intl';
import { ErrorState } from '@/components/ui/error-state';

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  return <ErrorState title={t('pageTitle')} description={t('pageDescription')} retryLabel={t('retry')} onRetry={reset} />;
}
