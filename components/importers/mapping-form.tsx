'use client';
// Writes one of the site's CSV column mappings: the file's shape (delimiter, header row, date format,
// time zone), then each call field's column with its unit or values. Checked in the browser with
// csvMappingSchema, the schema the server checks with, and tried on a sample before it is saved.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { FormActions } from '@/components/forms/form-actions';
import { issuesResolver } from '@/components/forms/issues-resolver';
import { refusalOf } from '@/components/forms/server-refusal';
import { useTRPC } from '@/components/providers/trpc-provider';
import { TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { CSV_DATE_FORMATS, DURATION_UNITS } from '@/lib/importers/csv-mapping';
import { checkMappingValues, mappingFormErrors, mappingFromValues, type MappingFormValues } from './mapping-form-values';
import { MappingTrial } from './mapping-trial';

const resolver = issuesResolver(checkMappingValues, mappingFormErrors);

const DELIMITERS = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
] as const;

type Props = { site: string; initial: MappingFormValues; editing: boolean; onDone: () => void };

export function MappingForm({ site, initial, editing, onDone }: Props) {
  const t = useTranslations('importMappings.form');
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<MappingFormValues>({ resolver, defaultValues: initial, mode: 'onTouched' });
  const save = useMutation(
    trpc.importMappings.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.importMappings.list.queryKey() });
        onDone();
      },
    }),
  );
  const values = watch();
  const message = (error: FieldError | undefined) => error?.message ?? null;
  const duration = (key: 'waitSeconds' | 'talkSeconds' | 'holdSeconds' | 'wrapSeconds') => (
    <div className="grid grid-cols-[1fr_auto] gap-2" key={key}>
      <TextField id={`${id}-${key}`} label={t(`fields.${key}`)} autoComplete="off" error={message(errors[key]?.column)} {...register(`${key}.column`)} />
      <SelectField
        id={`${id}-${key}-unit`}
        label={t('unit')}
        error={message(errors[key]?.unit)}
        options={DURATION_UNITS.map((u) => ({ value: u, label: t(`units.${u === 'hh:mm:ss' ? 'clock' : u}`) }))}
        {...register(`${key}.unit`)}
      />
    </div>
  );
  const choice = (key: 'abandoned' | 'resolved') => (
    <div className="grid gap-2 sm:grid-cols-3" key={key}>
      <TextField id={`${id}-${key}`} label={t(`fields.${key}`)} autoComplete="off" error={message(errors[key]?.column)} {...register(`${key}.column`)} />
      <TextField id={`${id}-${key}-yes`} label={t('yesValues')} hint={t('listHint')} autoComplete="off" error={message(errors[key]?.yes)} {...register(`${key}.yes`)} />
      <TextField id={`${id}-${key}-no`} label={t('noValues')} hint={t('listHint')} autoComplete="off" error={message(errors[key]?.no)} {...register(`${key}.no`)} />
    </div>
  );

  return (
    <form onSubmit={handleSubmit((v) => save.mutate({ site, mapping: mappingFromValues(v) }))} className="space-y-5" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-700 uppercase">{t('fileLegend')}</legend>
        <TextField id={`${id}-name`} label={t('name')} hint={editing ? t('nameFixed') : t('nameHint')} readOnly={editing} maxLength={64} autoComplete="off" error={message(errors.name)} {...register('name')} />
        <SelectField id={`${id}-delimiter`} label={t('delimiter')} options={DELIMITERS.map((d) => ({ value: d.value, label: t(`delimiters.${d.key}`) }))} {...register('delimiter')} />
        <div className="flex items-end gap-2 pb-2">
          <input id={`${id}-header`} type="checkbox" {...register('header')} />
          <label htmlFor={`${id}-header`} className="text-sm text-slate-800">
            {t('header')}
          </label>
        </div>
        <SelectField id={`${id}-date`} label={t('dateFormat')} options={CSV_DATE_FORMATS.map((f) => ({ value: f, label: f === 'iso' || f === 'epoch-s' || f === 'epoch-ms' ? t(`dateFormats.${f}`) : f }))} {...register('dateFormat')} />
        <TextField id={`${id}-zone`} label={t('timeZone')} hint={t('timeZoneHint')} autoComplete="off" error={message(errors.timeZone)} {...register('timeZone')} />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-700 uppercase">{t('fieldsLegend')}</legend>
        <p className="text-xs text-slate-600">{values.header ? t('byName') : t('byNumber')}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField id={`${id}-externalId`} label={t('fields.externalId')} autoComplete="off" error={message(errors.externalId)} {...register('externalId')} />
          <TextField id={`${id}-startedAt`} label={t('fields.startedAt')} autoComplete="off" error={message(errors.startedAt)} {...register('startedAt')} />
          <TextField id={`${id}-startedAtTime`} label={t('fields.startedAtTime')} hint={t('timeColumnHint')} autoComplete="off" error={message(errors.startedAtTime)} {...register('startedAtTime')} />
        </div>
        <div className="grid gap-3 sm:grid-cols-4">
          <SelectField
            id={`${id}-directionMode`}
            label={t('fields.direction')}
            options={(['inbound', 'outbound', 'column'] as const).map((m) => ({ value: m, label: t(`directionModes.${m}`) }))}
            {...register('directionMode')}
          />
          {values.directionMode === 'column' ? (
            <>
              <TextField id={`${id}-direction`} label={t('column')} autoComplete="off" error={message(errors.direction?.column)} {...register('direction.column')} />
              <TextField id={`${id}-inbound`} label={t('inboundValues')} hint={t('listHint')} autoComplete="off" error={message(errors.direction?.inbound)} {...register('direction.inbound')} />
              <TextField id={`${id}-outbound`} label={t('outboundValues')} hint={t('listHint')} autoComplete="off" error={message(errors.direction?.outbound)} {...register('direction.outbound')} />
            </>
          ) : null}
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            id={`${id}-queueMode`}
            label={t('fields.queue')}
            options={(['column', 'constant'] as const).map((m) => ({ value: m, label: t(`queueModes.${m}`) }))}
            {...register('queueMode')}
          />
          <TextField
            id={`${id}-queue`}
            label={values.queueMode === 'column' ? t('column') : t('queueName')}
            autoComplete="off"
            error={message(errors.queue)}
            {...register('queue')}
          />
          <TextField id={`${id}-agentRef`} label={t('fields.agentRef')} hint={t('optional')} autoComplete="off" error={message(errors.agentRef)} {...register('agentRef')} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">{(['waitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds'] as const).map(duration)}</div>
        <p className="text-xs text-slate-600">{t('durationHint')}</p>
        {choice('abandoned')}
        {choice('resolved')}
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField id={`${id}-csat`} label={t('fields.csat')} hint={t('optional')} autoComplete="off" error={message(errors.csat)} {...register('csat')} />
          <TextField id={`${id}-missionCode`} label={t('fields.missionCode')} hint={t('optional')} autoComplete="off" error={message(errors.missionCode)} {...register('missionCode')} />
          <TextField id={`${id}-outcome`} label={t('fields.outcome')} hint={t('optional')} autoComplete="off" error={message(errors.outcome)} {...register('outcome')} />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-outcomeValues`} className="block text-xs font-medium text-slate-700">
            {t('outcomeValues')}
          </label>
          <textarea
            id={`${id}-outcomeValues`}
            rows={3}
            aria-describedby={`${id}-outcomeValues-hint`}
            aria-invalid={Boolean(errors.outcomeValues)}
            className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
            {...register('outcomeValues')}
          />
          <p id={`${id}-outcomeValues-hint`} className={errors.outcomeValues ? 'text-xs text-red-700' : 'text-xs text-slate-500'}>
            {errors.outcomeValues?.message ?? t('outcomeValuesHint')}
          </p>
        </div>
      </fieldset>

      <MappingTrial mapping={mappingFromValues(values)} />

      <FormActions
        refusal={save.isError ? (refusalOf(save.error) ?? tCommon('saveFailed')) : null}
        pending={save.isPending}
        submitLabel={t('save')}
        pendingLabel={t('saving')}
        cancelLabel={tCommon('cancel')}
        onCancel={onDone}
      />
    </form>
  );
}
