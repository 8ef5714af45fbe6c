'use client';
// A day's report status: on time, late, missing, still due by the site's deadline, or not owed (closed).
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ReportDayStatus } from '@/lib/reports/deadline';

const tones: Record<ReportDayStatus, BadgeTone> = { on_time: 'green', late: 'amber', missing: 'red', pending: 'neutral', closed: 'neutral' };

/** `deadline` is the site's own HH:MM, shown as configured rather than converted by the browser. */
export function ReportStatusBadge({ status, deadline }: { status: ReportDayStatus; deadline: string }) {
  const t = useTranslations('reports.status');
  if (status === 'pending') return <Badge tone={tones.pending}>{t('pending', { time: deadline })}</Badge>;
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
