'use client';
// Add or edit a closure or a special period (Ramadan hours, a training day, a strike): its name,
// first and last day, and for a special period its own weekly hours. Checked in the browser with
// the server's schema.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import type { WeeklyHours } from '@/lib/calendar/hours';
import { calendarPeriodSchema } from '@/lib/calendar/inputs';
import { HoursFields, useCalendarError } from './hours-fields';
import { hoursFieldOf, hoursValuesOf, schemaResolver, weeklyHoursOf, type HoursValues } from './hours-form';

export type PeriodRowData = { id: number; kind: 'closed' | 'special'; name: string; startsOn: string; endsOn: string; hours: WeeklyHours | null };

type Values = { kind: 'closed' | 'special'; name: string; startsOn: string; endsOn: string; hours: HoursValues };

const toInput = (v: Values) => ({ kind: v.kind, name: v.name, startsOn: v.startsOn, endsOn: v.endsOn, hours: v.kind === 'closed' ? null : weeklyHoursOf(v.hours) });

const resolver = schemaResolver<Values>(calendarPeriodSchema, toInput, (path) =>
  path[0] === 'hours' ? `hours.${hoursFieldOf(path.slice(1))}` : String(path[0] ?? 'name'),
);

export function PeriodForm({ code, year, period, onDone }: { code: string; year: number; period: PeriodRowData | null; onDone: () => void }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const errorText = useCalendarError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    resolver,
    mode: 'onTouched',
    defaultValues: {
      kind: period?.kind ?? 'closed',
      name: period?.name ?? '',
      startsOn: period?.startsOn ?? `${year}-01-01`,
      endsOn: period?.endsOn ?? `${year}-01-01`,
      hours: hoursValuesOf(period?.kind === 'special' ? period.hours : {}),
    },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.calendar.createPeriod.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.calendar.updatePeriod.mutationOptions({ onSuccess }));
  const mutation = period ? update : create;
  const { errors } = form.formState;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = { site: code, ...toInput(values) };
        if (period) update.mutate({ ...input, id: period.id });
        else create.mutate(input);
      })}
    >
      {mutation.isError ? <FormError>{serverMessageOf(mutation.error) ?? tCommon('saveFailed')}</FormError> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          id="period-kind"
          label={t('periods.kind')}
          options={[
            { value: 'closed', label: t('periods.kinds.closed') },
            { value: 'special', label: t('periods.kinds.special') },
          ]}
          {...form.register('kind')}
        />
        <TextField id="period-name" label={t('periods.name')} hint={t('periods.nameHint')} error={errorText(errors.name?.message)} {...form.register('name')} />
        <TextField id="period-starts" type="date" label={t('periods.startsOn')} error={errorText(errors.startsOn?.message)} {...form.register('startsOn')} />
        <TextField id="period-ends" type="date" label={t('periods.endsOn')} error={errorText(errors.endsOn?.message)} {...form.register('endsOn')} />
      </div>
      {kind === 'special' ? (
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-slate-700">{t('periods.hours')}</legend>
          <HoursFields
            idPrefix="period"
            // The hours fields know only the `hours` part of a form; this form holds it under that name.
            control={form.control as unknown as Control<{ hours: HoursValues }>}
            register={form.register as unknown as UseFormRegister<{ hours: HoursValues }>}
            errors={errors.hours}
          />
        </fieldset>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tCommon('saving') : period ? tCommon('save') : t('periods.add')}
        </Button>
      </div>
    </form>
  );
}
