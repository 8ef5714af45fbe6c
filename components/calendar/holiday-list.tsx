'use client';
// The public holidays of a site's year, from the holiday library, with HQ's decision on each:
// confirm it, move it to another day of the year (moon sighting), drop it, or restore a dropped one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/input';
import { Table, TBody, TD, TR } from '@/components/ui/table';
import { moveHolidayInYear } from '@/lib/calendar/inputs';
import { useCalendarError } from './hours-fields';
import { schemaResolver } from './hours-form';
import { ListHeader } from './list-header';

export type HolidayRow = { holidayKey: string; name: string; libraryDate: string; observedOn: string; status: string };

const STATUS_TONES: Record<string, BadgeTone> = { proposed: 'amber', confirmed: 'green', dropped: 'neutral' };

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export function HolidayList({ code, year, holidays, canEdit }: { code: string; year: number; holidays: HolidayRow[]; canEdit: boolean }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<HolidayRow | null>(null);
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() });
  const confirm = useMutation(trpc.calendar.confirmHoliday.mutationOptions({ onSuccess }));
  const drop = useMutation(trpc.calendar.dropHoliday.mutationOptions({ onSuccess }));
  const restore = useMutation(trpc.calendar.restoreHoliday.mutationOptions({ onSuccess }));
  const failed = [confirm, drop, restore].find((m) => m.isError);
  const pending = confirm.isPending || drop.isPending || restore.isPending;
  const day = (d: string) => format.dateTime(asDate(d), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

  if (holidays.length === 0) return <EmptyState title={t('holidays.empty')} description={t('holidays.emptyHint')} />;

  return (
    <>
      {failed ? (
        <div className="px-4 pt-3">
          <FormError>{serverMessageOf(failed.error) ?? tCommon('saveFailed')}</FormError>
        </div>
      ) : null}
      <Table caption={t('holidays.title')}>
        <ListHeader columns={[t('holidays.observedOn'), t('holidays.name'), t('holidays.status')]} withActions={canEdit} />
        <TBody>
          {holidays.map((h) => {
            const key = { site: code, holidayKey: h.holidayKey };
            return (
              <TR key={h.holidayKey} className={h.status === 'dropped' ? 'text-slate-500' : undefined}>
                <TD className="whitespace-nowrap tabular-nums">
                  <span className={h.status === 'dropped' ? 'line-through' : undefined}>{day(h.observedOn)}</span>
                  {h.observedOn !== h.libraryDate ? <span className="block text-xs text-slate-500">{t('holidays.movedFrom', { date: day(h.libraryDate) })}</span> : null}
                </TD>
                <TD>{h.name}</TD>
                <TD>
                  <Badge tone={STATUS_TONES[h.status] ?? 'neutral'}>{t(`holidays.statuses.${h.status === 'confirmed' || h.status === 'dropped' ? h.status : 'proposed'}`)}</Badge>
                </TD>
                {canEdit ? (
                  <TD className="text-right whitespace-nowrap">
                    {h.status === 'dropped' ? (
                      <Button size="sm" variant="ghost" disabled={pending} onClick={() => restore.mutate(key)} aria-label={t('holidays.restoreNamed', { name: h.name })}>
                        {t('holidays.restore')}
                      </Button>
                    ) : (
                      <>
                        {h.status === 'proposed' ? (
                          <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm.mutate(key)} aria-label={t('holidays.confirmNamed', { name: h.name })}>
                            {t('holidays.confirm')}
                          </Button>
                        ) : null}
                        <Button size="sm" variant="ghost" onClick={() => setMoving(h)} aria-label={t('holidays.moveNamed', { name: h.name })}>
                          {t('holidays.move')}
                        </Button>
                        <Button size="sm" variant="ghost" disabled={pending} onClick={() => drop.mutate(key)} aria-label={t('holidays.dropNamed', { name: h.name })}>
                          {t('holidays.drop')}
                        </Button>
                      </>
                    )}
                  </TD>
                ) : null}
              </TR>
            );
          })}
        </TBody>
      </Table>
      <Dialog open={moving !== null} onClose={() => setMoving(null)} title={t('holidays.moveTitle', { name: moving?.name ?? '' })} closeLabel={tCommon('close')}>
        {moving ? <MoveHolidayForm key={moving.holidayKey} code={code} year={year} holiday={moving} onDone={() => setMoving(null)} /> : null}
      </Dialog>
    </>
  );
}

type MoveValues = { site: string; holidayKey: string; observedOn: string };

function MoveHolidayForm({ code, year, holiday, onDone }: { code: string; year: number; holiday: HolidayRow; onDone: () => void }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const errorText = useCalendarError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<MoveValues>({
    resolver: schemaResolver<MoveValues>(moveHolidayInYear(year), (v) => v, (path) => String(path[0] ?? 'observedOn')),
    mode: 'onTouched',
    defaultValues: { site: code, holidayKey: holiday.holidayKey, observedOn: holiday.observedOn },
  });
  const move = useMutation(
    trpc.calendar.moveHoliday.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() });
        onDone();
      },
    }),
  );
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((values) => move.mutate(values))}>
      <p className="text-sm text-slate-700">{t('holidays.moveExplanation', { date: holiday.libraryDate })}</p>
      <TextField
        id="holiday-observed-on"
        type="date"
        min={`${year}-01-01`}
        max={`${year}-12-31`}
        label={t('holidays.observedOn')}
        error={errorText(form.formState.errors.observedOn?.message)}
        {...form.register('observedOn')}
      />
      {move.isError ? <FormError>{serverMessageOf(move.error) ?? tCommon('saveFailed')}</FormError> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={move.isPending}>
          {move.isPending ? tCommon('saving') : t('holidays.move')}
        </Button>
      </div>
    </form>
  );
}
