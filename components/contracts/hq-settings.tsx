'use client';
// HQ's currency (every cost is compared in it) and the onshore reference site offshore savings are
// measured against: an administrator sets them, an HQ manager reads them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { FormError } from '@/components/forms/form-error';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TextField } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { SelectField } from '@/components/ui/select';
import { currencyCode } from '@/lib/contracts/contract-input';

const settingsForm = z.object({ hqCurrency: currencyCode, referenceSite: z.string() });
type SettingsValues = z.infer<typeof settingsForm>;

function SettingsForm({ initial, onshore, canEdit }: { initial: SettingsValues; onshore: { code: string; name: string }[]; canEdit: boolean }) {
  const t = useTranslations('contracts.hq');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SettingsValues>({ resolver: schemaResolver(settingsForm), defaultValues: initial });
  const save = useMutation(
    trpc.contracts.setSettings.mutationOptions({
      // Every HQ amount follows HQ's currency.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.contracts.pathKey() }),
    }),
  );
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={handleSubmit((values) => save.mutate({ hqCurrency: values.hqCurrency.toUpperCase(), referenceSite: values.referenceSite === '' ? null : values.referenceSite }))}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-currency`}
          label={t('currency')}
          maxLength={3}
          autoComplete="off"
          disabled={!canEdit}
          error={errors.hqCurrency ? t('currencyInvalid') : null}
          {...register('hqCurrency', { setValueAs: (v: string) => v.trim().toUpperCase() })}
        />
        <SelectField
          id={`${id}-reference`}
          label={t('referenceSite')}
          disabled={!canEdit}
          options={[{ value: '', label: t('automatic') }, ...onshore.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))]}
          {...register('referenceSite')}
        />
      </div>
      {save.isError ? <FormError>{serverMessageOf(save.error) ?? t('failed')}</FormError> : null}
      {canEdit ? (
        <div className="flex items-center justify-end gap-3">
          {save.isSuccess ? (
            <span role="status" className="text-xs text-emerald-700">
              {t('saved')}
            </span>
          ) : null}
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t('saving') : t('save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

export function HqSettings({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations('contracts.hq');
  const id = useId();
  const trpc = useTRPC();
  const settings = useQuery(trpc.contracts.settings.queryOptions());
  const list = useQuery(trpc.contracts.list.queryOptions({}));
  const both = {
    isPending: settings.isPending || list.isPending,
    isError: settings.isError || list.isError,
    data: settings.data && list.data ? { settings: settings.data, sites: list.data.sites } : undefined,
    refetch: () => Promise.all([settings.refetch(), list.refetch()]),
  };
  return (
    <Card labelledBy={id}>
      <CardHeader id={id} title={t('title')} description={t('description')} />
      <CardBody>
        <QueryState query={both}>
          {({ settings: s, sites }) => (
            <SettingsForm
              key={`${s.hqCurrency}-${s.referenceSite ?? ''}`}
              canEdit={canEdit}
              initial={{ hqCurrency: s.hqCurrency, referenceSite: s.referenceSite ?? '' }}
              onshore={sites.filter((site) => site.kind === 'onshore')}
            />
          )}
        </QueryState>
      </CardBody>
    </Card>
  );
}
