'use client';
// The sentence that gives the counts behind a figure ("4,512 answered within 20 s / 5,557
// offered"), in the reader's language.
import { useLocale, useTranslations } from 'next-intl';
import type { KpiParts } from '@/lib/kpi/definitions';
import { partsBehind } from './explain';
import { isRollupMetric, type Figure } from './metrics';
import { numberFormat } from '@/lib/intl/formatters';

export function usePartsText(): (figure: Figure, parts: KpiParts, slaSeconds: number | null) => string {
  const t = useTranslations('kpi.parts');
  const locale = useLocale();
  const n = (value: number, digits = 0) => numberFormat(locale, { maximumFractionDigits: digits }).format(value);
  return (figure, parts, slaSeconds) => {
    if (figure === 'offered') return t('offered', { inbound: n(parts.inboundCalls), short: n(parts.shortAbandons) });
    if (figure === 'handled') return t('handled', { handled: n(parts.handled), calls: n(parts.calls) });
    if (!isRollupMetric(figure)) return '';
    const { numerator, denominator } = partsBehind(figure, parts);
    switch (figure) {
      case 'aht':
      case 'asa':
        return t(figure, { numerator: `${n(numerator)} s`, denominator: n(denominator) });
      case 'service_level':
        return slaSeconds === null
          ? t('service_level_network', { numerator: n(numerator), denominator: n(denominator) })
          : t('service_level', { numerator: n(numerator), denominator: n(denominator), sla: n(slaSeconds) });
      case 'csat':
        return t('csat', {
          numerator: n(numerator),
          denominator: n(denominator),
          mean: parts.csatResponses > 0 ? n(parts.csatSum / parts.csatResponses, 2) : '—',
        });
      case 'qa_score':
        return t('qa_score', { numerator: n(numerator, 1), denominator: n(denominator) });
      default:
        return t(figure, { numerator: n(numerator), denominator: n(denominator) });
    }
  };
}
