'use client';
// HQ's acknowledgement of a report, with an optional comment the site lead will read. Once
// acknowledged the site can no longer amend it; HQ may still change its comment.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { controlClasses, Field } from '@/components/ui/input';

type Props = { site: string; date: string; acknowledged: boolean; comment: string | null };

export function AcknowledgeForm({ site, date, acknowledged, comment }: Props) {
  const t = useTranslations('reports.acknowledge');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(comment ?? '');
  const acknowledge = useMutation(
    trpc.reports.acknowledge.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }),
    }),
  );
  const id = `ack-${site}-${date}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    acknowledge.mutate({ site, date, comment: text });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2 border-t border-slate-200 pt-3" aria-label={t('label', { site, date })}>
      {acknowledge.isError ? <FormError>{serverMessageOf(acknowledge.error) ?? tCommon('saveFailed')}</FormError> : null}
      <Field id={id} label={t('comment')} hint={t('hint')}>
        {(aria) => (
          <textarea {...aria} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} className={cn(controlClasses, 'py-1.5')} />
        )}
      </Field>
      <div className="flex items-center justify-end gap-3">
        {acknowledge.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            {t('done')}
          </p>
        ) : null}
        <Button type="submit" size="sm" disabled={acknowledge.isPending}>
          {acknowledge.isPending ? tCommon('saving') : acknowledged ? t('update') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
