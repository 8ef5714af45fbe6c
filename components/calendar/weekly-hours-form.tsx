'use client';
// A site's weekly opening hours, checked in the browser with the schema the server checks with:
// a time that is not one, a period ending before it starts or two that overlap show beside their
// field before anything is sent.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import type { WeeklyHours } from '@/lib/calendar/hours';
import { weeklyHoursSchema } from '@/lib/calendar/hours';
import { HoursFields } from './hours-fields';
import { hoursFieldOf, hoursValuesOf, schemaResolver, weeklyHoursOf, type HoursValues } from './hours-form';

type Values = { hours: HoursValues };

const resolver = schemaResolver<Values>(
  weeklyHoursSchema.nullable(),
  (values) => weeklyHoursOf(values.hours),
  (path) => `hours.${hoursFieldOf(path)}`,
);

export function WeeklyHoursForm({ code, weeklyHours }: { code: string; weeklyHours: WeeklyHours | null }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ resolver, mode: 'onTouched', defaultValues: { hours: hoursValuesOf(weeklyHours) } });
  const save = useMutation(
    trpc.calendar.setWeeklyHours.mutationOptions({
      onSuccess: async (saved) => {
        form.reset({ hours: hoursValuesOf(saved.weeklyHours) });
        await queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() });
      },
    }),
  );

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => save.mutate({ site: code, weeklyHours: weeklyHoursOf(values.hours) }))}
    >
      <HoursFields idPrefix="weekly" control={form.control} register={form.register} errors={form.formState.errors.hours} />
      {save.isError ? <FormError>{serverMessageOf(save.error) ?? tCommon('saveFailed')}</FormError> : null}
      <div className="flex items-center justify-end gap-3">
        {save.isSuccess && !form.formState.isDirty ? (
          <p role="status" className="text-xs text-emerald-700">
            {t('hours.saved')}
          </p>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tCommon('saving') : t('hours.save')}
        </Button>
      </div>
    </form>
  );
}
