'use client';
// A dispute of HQ's re-score: the site's lead opens it with a comment; HQ upholds or rejects it
// with its reasons. The page reloads its data once a step is saved.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { controlClasses } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { DisputeBadge } from './dispute-badge';

type Props = {
  site: string;
  id: number;
  dispute: { status: 'none' | 'open' | 'upheld' | 'rejected'; comment: string | null; resolution: string | null };
  canDispute: boolean;
  canSettle: boolean;
};

export function DisputePanel({ site, id, dispute, canDispute, canSettle }: Props) {
  const t = useTranslations('qa.dispute');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const router = useRouter();
  const fieldId = useId();
  const [text, setText] = useState('');
  const onSuccess = () => {
    setText('');
    router.refresh();
  };
  const open = useMutation(trpc.qa.disputes.open.mutationOptions({ onSuccess }));
  const settle = useMutation(trpc.qa.disputes.settle.mutationOptions({ onSuccess }));
  const pending = open.isPending || settle.isPending;
  const error = open.error ?? settle.error;

  function submitOpen(event: FormEvent) {
    event.preventDefault();
    open.mutate({ site, id, comment: text });
  }

  return (
    <Card labelledBy="dispute-title">
      <CardHeader id="dispute-title" title={t('title')} actions={dispute.status === 'none' ? null : <DisputeBadge status={dispute.status} />} />
      <CardBody className="space-y-3 text-sm">
        {dispute.status === 'none' && !canDispute ? <p className="text-slate-600">{t('none')}</p> : null}
        {dispute.comment ? (
          <div>
            <p className="text-xs font-medium text-slate-500">{t('siteSays')}</p>
            <p className="mt-0.5 whitespace-pre-line text-slate-800">{dispute.comment}</p>
          </div>
        ) : null}
        {dispute.resolution ? (
          <div>
            <p className="text-xs font-medium text-slate-500">{t('hqDecided')}</p>
            <p className="mt-0.5 whitespace-pre-line text-slate-800">{dispute.resolution}</p>
          </div>
        ) : null}
        {error ? <FormError>{serverMessageOf(error) ?? tCommon('saveFailed')}</FormError> : null}
        {canDispute ? (
          <form onSubmit={submitOpen} className="space-y-2">
            <p className="text-slate-600">{t('openHint')}</p>
            <label htmlFor={`${fieldId}-comment`} className="block text-xs font-medium text-slate-700">
              {t('comment')}
            </label>
            <textarea
              id={`${fieldId}-comment`}
              required
              maxLength={4000}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className={cn(controlClasses, 'py-2')}
            />
            <Button type="submit" disabled={pending || text.trim() === ''}>
              {t('open')}
            </Button>
          </form>
        ) : null}
        {canSettle ? (
          <div className="space-y-2">
            <label htmlFor={`${fieldId}-resolution`} className="block text-xs font-medium text-slate-700">
              {t('resolution')}
            </label>
            <textarea
              id={`${fieldId}-resolution`}
              required
              maxLength={4000}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={`${fieldId}-settle-hint`}
              className={cn(controlClasses, 'py-2')}
            />
            <p id={`${fieldId}-settle-hint`} className="text-xs text-slate-500">
              {t('settleHint')}
            </p>
            <div className="flex gap-2">
              <Button disabled={pending || text.trim() === ''} onClick={() => settle.mutate({ site, id, outcome: 'upheld', resolution: text })}>
                {t('uphold')}
              </Button>
              <Button variant="secondary" disabled={pending || text.trim() === ''} onClick={() => settle.mutate({ site, id, outcome: 'rejected', resolution: text })}>
                {t('reject')}
              </Button>
            </div>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
