'use client';
// An agent's flags against their site, each saying its metric and direction ("AHT high"), with
// the value, the site median and the z-score in its title.
import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { OutlierFlag } from '@/lib/agents/outliers';
import { formatMetricValue } from '@/lib/kpi/format';
import { numberFormat } from '@/lib/intl/formatters';

export function OutlierBadges({ flags }: { flags: readonly OutlierFlag[] }) {
  const t = useTranslations('agents');
  const locale = useLocale();
  if (flags.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {flags.map((flag) => {
        const metric = t(`metrics.${flag.metric}`);
        const title = t('flagTitle', {
          metric,
          value: formatMetricValue(flag.metric, flag.value, locale),
          median: formatMetricValue(flag.metric, flag.median, locale),
          z: numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'always' }).format(flag.z),
        });
        return (
          <span key={flag.metric} title={title}>
            <Badge tone="red">{t('flag', { metric, direction: t(`direction.${flag.direction}`) })}</Badge>
            <span className="sr-only">{title}</span>
          </span>
        );
      })}
    </span>
  );
}
