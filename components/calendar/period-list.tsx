'use client';
// Closures and special periods of a site touching the year shown: add, edit, delete (HQ).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TR } from '@/components/ui/table';
import { WEEKDAYS } from '@/lib/calendar/hours';
import { ListHeader } from './list-header';
import { PeriodForm, type PeriodRowData } from './period-form';

type Editing = { mode: 'create' } | { mode: 'edit'; period: PeriodRowData } | null;

export function PeriodList({ code, year, periods, canEdit }: { code: string; year: number; periods: PeriodRowData[]; canEdit: boolean }) {
  const t = useTranslations('calendar');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PeriodRowData | null>(null);
  const remove = useMutation(
    trpc.calendar.deletePeriod.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.calendar.pathKey() });
        setDeleting(null);
      },
    }),
  );
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const hoursSummary = (p: PeriodRowData) => {
    if (p.kind === 'closed') return '—';
    if (p.hours === null) return t('hours.aroundTheClock');
    return (
      WEEKDAYS.filter((d) => (p.hours?.[d] ?? []).length > 0)
        .map((d) => `${t(`weekdaysShort.${d}`)} ${(p.hours?.[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ')}`)
        .join(' · ') || t('hours.closed')
    );
  };
  const addButton = canEdit ? (
    <Button size="sm" onClick={() => setEditing({ mode: 'create' })}>
      {t('periods.add')}
    </Button>
  ) : null;

  return (
    <>
      {canEdit ? <div className="flex justify-end px-4 pt-3">{periods.length > 0 ? addButton : null}</div> : null}
      {periods.length === 0 ? (
        <EmptyState title={t('periods.empty')} description={t('periods.emptyHint')} action={addButton} />
      ) : (
        <Table caption={t('periods.title')}>
          <ListHeader columns={[t('periods.name'), t('periods.kind'), t('periods.dates'), t('periods.hours')]} withActions={canEdit} />
          <TBody>
            {periods.map((p) => (
              <TR key={p.id}>
                <TD>{p.name}</TD>
                <TD>
                  <Badge tone={p.kind === 'closed' ? 'neutral' : 'blue'}>{t(`periods.kinds.${p.kind}`)}</Badge>
                </TD>
                <TD className="whitespace-nowrap tabular-nums">{p.startsOn === p.endsOn ? day(p.startsOn) : `${day(p.startsOn)} – ${day(p.endsOn)}`}</TD>
                <TD className="text-xs text-slate-600">{hoursSummary(p)}</TD>
                {canEdit ? (
                  <TD className="text-right whitespace-nowrap">
                    <Button size="sm" variant="ghost" onClick={() => setEditing({ mode: 'edit', period: p })} aria-label={t('periods.editNamed', { name: p.name })}>
                      {tCommon('edit')}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(p)} aria-label={t('periods.deleteNamed', { name: p.name })}>
                      {t('periods.delete')}
                    </Button>
                  </TD>
                ) : null}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('periods.editTitle', { name: editing.period.name }) : t('periods.createTitle')}
        closeLabel={tCommon('close')}
        className="max-w-2xl"
      >
        {editing ? (
          <PeriodForm
            key={editing.mode === 'edit' ? editing.period.id : 'new'}
            code={code}
            year={year}
            period={editing.mode === 'edit' ? editing.period : null}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('periods.deleteTitle', { name: deleting?.name ?? '' })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate({ site: code, id: deleting.id })}
        confirmLabel={t('periods.delete')}
        pending={remove.isPending}
        error={remove.isError ? (serverMessageOf(remove.error) ?? tCommon('saveFailed')) : null}
      >
        <p className="text-sm text-slate-700">{t('periods.deleteExplanation')}</p>
      </ConfirmDialog>
    </>
  );
}
