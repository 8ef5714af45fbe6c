'use client';
// The weekly hours fields of a calendar form: an "around the clock" switch, and per weekday its
// opening periods (several a day; none is a closed day). Times are typed as HH:MM so that 24:00,
// the end of a day, can be entered.
import { useTranslations } from 'next-intl';
import type { InputHTMLAttributes } from 'react';
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { WEEKDAYS, type Weekday } from '@/lib/calendar/hours';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { messageKeyOf, type HoursValues } from './hours-form';

type HoursForm = { hours: HoursValues };

type Props = {
  idPrefix: string;
  control: Control<HoursForm>;
  register: UseFormRegister<HoursForm>;
  errors: FieldErrors<HoursForm>['hours'];
};

/** An error message in the reader's language when lib/calendar's message is known. */
export function useCalendarError() {
  const t = useTranslations('calendar.errors');
  return (message: string | undefined) => {
    if (!message) return null;
    const key = messageKeyOf(message);
    return key ? t(key) : message;
  };
}

export function HoursFields({ idPrefix, control, register, errors }: Props) {
  const t = useTranslations('calendar');
  const aroundTheClock = useWatch({ control, name: 'hours.aroundTheClock' });
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" {...register('hours.aroundTheClock')} />
        {t('hours.aroundTheClock')}
      </label>
      {aroundTheClock ? (
        <p className="text-xs text-slate-500">{t('hours.aroundTheClockHint')}</p>
      ) : (
        <div className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} idPrefix={idPrefix} control={control} register={register} errors={errors} />
          ))}
        </div>
      )}
    </div>
  );
}

function DayRow({ day, idPrefix, control, register, errors }: Props & { day: Weekday }) {
  const t = useTranslations('calendar');
  const errorText = useCalendarError();
  const { fields, append, remove } = useFieldArray({ control, name: `hours.days.${day}` });
  const dayErrors = errors?.days?.[day];
  const dayError = errorText((dayErrors as { message?: string } | undefined)?.message);
  const dayLabel = t(`weekdays.${day}`);
  return (
    <div className="flex flex-wrap items-start gap-3 px-3 py-2" role="group" aria-label={dayLabel}>
      <div className="w-24 pt-1.5 text-sm font-medium text-slate-800">{dayLabel}</div>
      <div className="min-w-0 flex-1 space-y-2">
        {fields.length === 0 ? <p className="pt-1.5 text-sm text-slate-500">{t('hours.closed')}</p> : null}
        {fields.map((field, i) => {
          const rowErrors = (dayErrors as Record<number, { start?: { message?: string }; end?: { message?: string } } | undefined> | undefined)?.[i];
          const startError = errorText(rowErrors?.start?.message);
          const endError = errorText(rowErrors?.end?.message);
          const startId = `${idPrefix}-${day}-${i}-start`;
          const endId = `${idPrefix}-${day}-${i}-end`;
          return (
            <div key={field.id} className="flex flex-wrap items-start gap-2">
              <TimeInput id={startId} label={t('hours.opensAt', { day: dayLabel, n: i + 1 })} placeholder="08:00" error={startError} {...register(`hours.days.${day}.${i}.start`)} />
              <span aria-hidden="true" className="pt-1.5 text-slate-400">
                –
              </span>
              <TimeInput id={endId} label={t('hours.closesAt', { day: dayLabel, n: i + 1 })} placeholder="18:00" error={endError} {...register(`hours.days.${day}.${i}.end`)} />
              <Button size="sm" variant="ghost" onClick={() => remove(i)} aria-label={t('hours.removePeriod', { day: dayLabel, n: i + 1 })}>
                {t('hours.remove')}
              </Button>
            </div>
          );
        })}
        {dayError ? <p className="text-xs text-red-700">{dayError}</p> : null}
      </div>
      <Button size="sm" variant="secondary" onClick={() => append({ start: '', end: '' })} aria-label={t('hours.addPeriodTo', { day: dayLabel })}>
        {t('hours.addPeriod')}
      </Button>
    </div>
  );
}

type TimeInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { id: string; label: string; error: string | null };

/** A time typed as HH:MM, labelled for screen readers only (the row says which day it is). */
function TimeInput({ id, label, error, ...props }: TimeInputProps) {
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input
        id={id}
        className="w-20 tabular-nums"
        inputMode="numeric"
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        {...props}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 max-w-48 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
