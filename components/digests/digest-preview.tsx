'use client';
// The chosen digest rendered as it would arrive now (last complete period), nothing sent.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { RouterOutputs } from '@/components/forms/router-types';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { usePeriodLabel } from './use-period-label';
import { EmailView } from './email-view';

type Subscription = RouterOutputs['digests']['list'][number];

export function DigestPreview({ subscription }: { subscription: Subscription | null }) {
  const t = useTranslations('digests');
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const periodLabel = usePeriodLabel();
  const preview = useQuery({
    ...trpc.digests.preview.queryOptions({ id: subscription?.id ?? 0 }),
    enabled: subscription !== null,
    // A subscription's settings change what it renders: refetch when it is updated.
    staleTime: 0,
  });

  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title={t('previewTitle')}
        description={preview.data ? t('previewDescription', { period: periodLabel(preview.data.from, preview.data.to) }) : undefined}
      />
      <CardBody>
        {subscription === null ? (
          <p className="py-6 text-center text-sm text-slate-500">{t('previewPick')}</p>
        ) : preview.isError ? (
          <ErrorState title={t('previewFailed')} retryLabel={tCommon('retry')} onRetry={() => void preview.refetch()} />
        ) : preview.isPending ? (
          <p aria-busy="true" className="py-12 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm">
              <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t('subject')}</span>{' '}
              <span className="font-medium text-slate-900">{preview.data.subject}</span>
            </p>
            <EmailView
              html={preview.data.html}
              text={preview.data.text}
              labels={{ html: t('htmlPart'), text: t('textPart'), frameTitle: t('frameTitle', { subject: preview.data.subject }) }}
            />
          </div>
        )}
      </CardBody>
    </Card>
  );
}
