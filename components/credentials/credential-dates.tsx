'use client';
// Created / last used cells of a credential list, in the reader's locale and time zone.
import { useFormatter, useTranslations } from 'next-intl';
import { useClockNow } from '@/components/ui/use-now';
import { TD } from '@/components/ui/table';

export function DateCell({ at, relative = false }: { at: Date | null; relative?: boolean }) {
  const t = useTranslations('credentials');
  const format = useFormatter();
  const now = useClockNow(60_000);
  if (!at) return <TD className="text-slate-500">{t('never')}</TD>;
  const full = format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <TD className="whitespace-nowrap">
      <time dateTime={at.toISOString()} title={full}>
        {relative ? format.relativeTime(at, now) : full}
      </time>
    </TD>
  );
}
