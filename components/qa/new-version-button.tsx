'use client';
// "New version from this one": copies a published or retired version into a new draft.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';

export function NewVersionButton({ formId }: { formId: number }) {
  const t = useTranslations('qa.forms');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const copy = useMutation(
    trpc.qa.forms.newVersion.mutationOptions({
      onSuccess: async (form) => {
        await queryClient.invalidateQueries({ queryKey: trpc.qa.forms.pathKey() });
        router.push(`/qa/forms/${form.id}`);
      },
    }),
  );
  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={() => copy.mutate({ id: formId })} disabled={copy.isPending}>
        {t('newVersionFromThis')}
      </Button>
      {copy.isError ? <FormError>{serverMessageOf(copy.error) ?? tCommon('saveFailed')}</FormError> : null}
    </div>
  );
}
