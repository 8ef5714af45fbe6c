'use client';
// "Check rules now" (admins): one evaluation tick as of this moment, as the scheduler runs every
// minute, then what it did. The history and the bell are read again, as the tick may have fired.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';

export function EvaluateNowButton() {
  const t = useTranslations('alerts.rules');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const evaluate = useMutation(
    trpc.alerts.evaluateNow.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
    }),
  );
  const result = evaluate.data;
  return (
    <>
      <span role="status" className="text-xs text-slate-600">
        {evaluate.isError
          ? t('checkFailed', { error: serverMessageOf(evaluate.error) ?? '' })
          : result
            ? [
                t('checked', { rules: result.rules, fired: result.fired, resolved: result.resolved, pending: result.pending }),
                result.errors.length > 0 ? t('checkErrors', { count: result.errors.length }) : '',
              ].join(' ')
            : null}
      </span>
      <Button size="sm" variant="secondary" disabled={evaluate.isPending} onClick={() => evaluate.mutate()}>
        {evaluate.isPending ? t('checking') : t('checkNow')}
      </Button>
    </>
  );
}
