'use client';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';

type Status = 'none' | 'open' | 'upheld' | 'rejected';

const tones: Record<Status, BadgeTone> = { none: 'neutral', open: 'amber', upheld: 'green', rejected: 'neutral' };

export function DisputeBadge({ status }: { status: Status }) {
  const t = useTranslations('qa.dispute.status');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
