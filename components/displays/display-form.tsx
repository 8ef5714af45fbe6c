'use client';
// A new wall display: name, the sites its wallboard shows (the network, or some sites), language.
// Checked in the browser with the schema the server checks with (lib/displays/display-input.ts);
// on success the pairing code is handed to the caller to show.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import { schemaResolver } from '@/components/forms/schema-resolver';
import type { RouterOutputs } from '@/components/forms/router-types';
import { refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Field, TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { createDisplayInput, type CreateDisplayInput } from '@/lib/displays/display-input';

export type CreatedDisplay = RouterOutputs['displays']['create'];

type ErrorKey = 'name' | 'sites' | 'locale';
const ERROR_KEYS: readonly string[] = ['name', 'sites', 'locale'];

const resolver = schemaResolver<CreateDisplayInput>(createDisplayInput);

export function DisplayForm({ onCreated }: { onCreated: (created: CreatedDisplay) => void }) {
  const t = useTranslations('displays');
  const tLocale = useTranslations('locale');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const activeSites = (sites.data ?? []).filter((s) => s.active);
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    reset,
    formState: { errors },
  } = useForm<CreateDisplayInput>({ resolver, defaultValues: { name: '', sites: null, locale: locale === 'fr' ? 'fr' : 'en' } });
  const chosen = watch('sites');
  const create = useMutation(
    trpc.displays.create.mutationOptions({
      onSuccess: async (created) => {
        reset();
        onCreated(created);
        await queryClient.invalidateQueries({ queryKey: trpc.displays.list.queryKey() });
      },
    }),
  );
  const refused = refusedFields(create.error);
  const message = (key: string | undefined) => (key ? t(`errors.${(ERROR_KEYS.includes(key) ? key : 'name') as ErrorKey}`) : null);
  const fieldError = (field: ErrorKey) => message(errors[field]?.message) ?? (refused.has(field) ? t(`errors.${field}`) : null);

  function toggle(code: string, on: boolean) {
    const current = new Set(chosen ?? []);
    if (on) current.add(code);
    else current.delete(code);
    setValue('sites', [...current], { shouldValidate: errors.sites !== undefined });
  }

  return (
    <form onSubmit={handleSubmit((values) => create.mutate(values))} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={`${id}-name`} label={t('name')} hint={t('nameHint')} error={fieldError('name')} maxLength={100} autoComplete="off" {...register('name')} />
        <SelectField
          id={`${id}-locale`}
          label={t('language')}
          error={fieldError('locale')}
          options={(['en', 'fr'] as const).map((l) => ({ value: l, label: tLocale(l) }))}
          {...register('locale')}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-700">{t('sites')}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={`${id}-scope`} checked={chosen === null} onChange={() => setValue('sites', null)} />
            {t('allSites')}
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={`${id}-scope`} checked={chosen !== null} onChange={() => setValue('sites', [])} />
            {t('someSites')}
          </label>
        </div>
        {chosen !== null ? (
          <Field id={`${id}-sites`} label={<span className="sr-only">{t('chooseSites')}</span>} error={fieldError('sites')}>
            {(aria) => (
              <div
                id={aria.id}
                role="group"
                aria-label={t('chooseSites')}
                aria-describedby={aria['aria-describedby']}
                className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-md border border-slate-200 p-3 sm:grid-cols-4"
              >
                {activeSites.map((site) => (
                  <label key={site.code} className="inline-flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={chosen?.includes(site.code) ?? false} onChange={(e) => toggle(site.code, e.target.checked)} />
                    <span className="font-mono text-xs font-semibold">{site.code}</span>
                    <span className="truncate text-slate-600">{site.name}</span>
                  </label>
                ))}
              </div>
            )}
          </Field>
        ) : null}
      </fieldset>
      {create.isError && refused.size === 0 ? <FormError>{serverMessageOf(create.error) ?? t('errors.failed')}</FormError> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('creating') : t('create')}
        </Button>
      </div>
    </form>
  );
}
