'use client';
// Calls waiting and the longest wait now, from a site's latest queue status: a status older than
// two minutes shows its last figures marked stale (never as zero), a site that never pushed says so.
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { formatDuration } from '@/components/kpi/kpi-format';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { QueueNow } from '@/server/kpi/today';
import { numberFormat } from '@/lib/intl/formatters';

export function StaleBadge({ at, className }: { at: string; className?: string }) {
  const t = useTranslations('today.now');
  const format = useFormatter();
  const since = t('staleSince', { time: format.dateTime(new Date(at), { timeStyle: 'short' }) });
  return (
    <Badge tone="amber" className={cn('text-[11px]', className)}>
      <span title={since}>{t('stale')}</span>
      <span className="sr-only">, {since}</span>
    </Badge>
  );
}

/** The waiting count or the longest wait of a site, with its stale mark. */
export function QueueNowFigure({ queueNow, figure }: { queueNow: QueueNow | null; figure: 'waiting' | 'longestWait' }) {
  const t = useTranslations('today.now');
  const locale = useLocale();
  if (queueNow === null) return <span className="text-xs text-slate-500">{t('neverShort')}</span>;
  const text =
    figure === 'waiting' ? numberFormat(locale).format(queueNow.waiting) : formatDuration(queueNow.longestWaitSeconds, locale);
  return (
    <span className="inline-flex flex-col items-end gap-0.5">
      <span className={cn('font-medium tabular-nums', queueNow.stale && 'text-slate-500')}>{text}</span>
      {queueNow.stale ? <StaleBadge at={queueNow.at} /> : null}
    </span>
  );
}
