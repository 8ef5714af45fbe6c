'use client';
// What the site's calendar makes of its today, as a badge: "Holiday: …", "Closed today", special
// hours, or "Closed now" outside the day's opening hours. Nothing on an ordinary open day.
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CalendarToday } from '@/server/calendar/opening';

export function CalendarTodayBadge({ today }: { today: CalendarToday | null | undefined }) {
  const t = useTranslations('sitePage.calendarToday');
  if (!today) return null;
  let shown: { kind: string; tone: BadgeTone; text: string } | null = null;
  if (today.kind === 'holiday') shown = { kind: 'holiday', tone: 'amber', text: t('holiday', { name: today.note ?? '' }) };
  else if (today.kind === 'closed') shown = { kind: 'closed', tone: 'neutral', text: today.note ? t('closure', { name: today.note }) : t('closed') };
  else if (!today.open) shown = { kind: 'closed-now', tone: 'neutral', text: t('closedNow') };
  else if (today.kind === 'special') shown = { kind: 'special', tone: 'blue', text: t('special', { name: today.note ?? '' }) };
  if (!shown) return null;
  return (
    <span data-calendar-today={shown.kind}>
      <Badge tone={shown.tone}>{shown.text}</Badge>
    </span>
  );
}
