'use client';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';

type Status = 'draft' | 'published' | 'retired';
const tones: Record<Status, BadgeTone> = { draft: 'amber', published: 'green', retired: 'neutral' };

export function FormStatusBadge({ status }: { status: Status }) {
  const t = useTranslations('qa.forms.status');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
