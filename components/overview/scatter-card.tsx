'use client';
// The frame of the overview's two scatter cards (quality against speed, quality against cost):
// the title with the CSAT/QA toggle, the loading, error and empty states around the chart, and
// the legend under it whose site codes are links, so a keyboard or screen-reader user reaches
// each site the chart's points open.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { DateRange } from '@/lib/kpi/periods';
import { siteHref, type QualityAxis } from '@/components/kpi/dashboard-state';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';

type CardProps = {
  /** The title's id, which names the card. */
  id: string;
  title: string;
  description: string;
  /** The toggle's options, in the order shown, and its name for assistive technology. */
  qualities: readonly QualityAxis[];
  quality: QualityAxis;
  onQuality: (quality: QualityAxis) => void;
  qualityLabel: string;
  hasData: boolean;
  isPending: boolean;
  isError: boolean;
  onRetry: () => void;
  /** No point to draw: the empty state shows instead of the chart. */
  isEmpty: boolean;
  emptyTitle: string;
  emptyDescription?: string;
  chart: ReactNode;
  /** What follows the chart, whatever its state. */
  children?: ReactNode;
};

export function ScatterCard(props: CardProps) {
  const { id, title, description, qualities, quality, onQuality, qualityLabel, hasData, isPending, isError, onRetry, isEmpty, emptyTitle, emptyDescription, chart, children } = props;
  const tKpi = useTranslations('kpi.figures');
  const tCommon = useTranslations('common');

  return (
    <Card labelledBy={id}>
      <CardHeader
        id={id}
        title={title}
        description={description}
        actions={
          <div role="group" aria-label={qualityLabel} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
            {qualities.map((axis) => (
              <button
                key={axis}
                type="button"
                aria-pressed={quality === axis}
                onClick={() => onQuality(axis)}
                className={cn('rounded px-2 py-0.5 text-xs font-semibold', quality === axis ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100')}
              >
                {tKpi(axis)}
              </button>
            ))}
          </div>
        }
      />
      <CardBody>
        {isError && !hasData ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={onRetry} />
        ) : isPending && !hasData ? (
          <div aria-busy="true" className="h-[300px] animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : isEmpty ? (
          <EmptyState title={emptyTitle} description={emptyDescription} />
        ) : (
          chart
        )}
        {children}
      </CardBody>
    </Card>
  );
}

export type LegendItem = {
  /** The site's code: the link's text and target. */
  code: string;
  color: string;
  /** The reference site's square rather than a site's dot. */
  square?: boolean;
  /** The figures beside the code, if any. */
  detail?: string;
};

export function ScatterLegend({ label, items, range }: { label: string; items: LegendItem[]; range: DateRange }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={label}>
      {items.map((item) => (
        <li key={item.code} className="flex items-center gap-1.5">
          <svg aria-hidden="true" width="10" height="10">
            {item.square ? <rect x="0.5" y="0.5" width="9" height="9" fill={item.color} stroke="#0f172a" /> : <circle cx="5" cy="5" r="4.5" fill={item.color} />}
          </svg>
          <Link prefetch={false} href={siteHref(item.code, range)} className="rounded font-mono font-semibold text-brand-700 hover:underline">
            {item.code}
          </Link>
          {item.detail !== undefined ? <span className="text-slate-600">{item.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
