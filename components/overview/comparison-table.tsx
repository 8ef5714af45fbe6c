'use client';
// The heart of the overview: every site's figures over the period, with status against target
// (shape + word), change against the previous period, feed freshness and daily reports owed;
// the network as the last row. Columns sort; a row opens its site; each figure explains itself.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useClockNow } from '@/components/ui/use-now';
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { ChangeMark } from '@/components/kpi/change-mark';
import { csvHref, siteHref } from '@/components/kpi/dashboard-state';
import { KpiInfo, type KpiInfoRow } from '@/components/kpi/kpi-info';
import { formatDay, formatFigure } from '@/components/kpi/kpi-format';
import { FIGURES, figureValue, isRollupMetric, type Figure } from '@/components/kpi/metrics';
import { RagMark } from '@/components/kpi/rag-mark';
import { nextSort, sortRows, type SortKey, type SortState } from '@/components/kpi/sort-sites';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, THead, TR } from '@/components/ui/table';
import type { Comparison, ComparisonNetwork, ComparisonSite, ReportStatus } from '@/server/kpi/comparison';
import type { SiteCost, SiteCosts } from '@/lib/contracts/cost-types';
import type { DateRange } from '@/lib/kpi/periods';
import type { TargetBounds } from '@/lib/kpi/definitions';
import { costsByCode, formatMoney } from './cost-figures';
import { numberFormat } from '@/lib/intl/formatters';

// Compact cells: thirteen columns must fit a laptop screen beside the navigation.
function TH({ className, numeric, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <th scope="col" className={cn('px-2 py-2 text-[11px] leading-tight font-semibold tracking-wide text-slate-600 uppercase', numeric && 'text-right', className)} {...props} />;
}

function TD({ className, numeric, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cn('px-2 py-2 align-middle', numeric && 'text-right tabular-nums', className)} {...props} />;
}

type Props = {
  data: Comparison | undefined;
  isPending: boolean;
  isError: boolean;
  isUpdating: boolean;
  onRetry: () => void;
  range: DateRange;
  sites: string[];
  sort: SortState;
  onSort: (sort: SortState) => void;
  networkTarget: (figure: Figure) => TargetBounds | null;
  isSiteLead: boolean;
  /** contracts.costs over the same range and sites: its own query, so the figures never wait for it. */
  costs: { data: SiteCosts | undefined; isPending: boolean; isError: boolean };
};

function SortHeader({ sortKey, sort, onSort, label, numeric, children }: { sortKey: SortKey; sort: SortState; onSort: (s: SortState) => void; label: string; numeric?: boolean; children?: ReactNode }) {
  const t = useTranslations('overview.table');
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <TH numeric={numeric} aria-sort={ariaSort} className="align-bottom">
      <span className={cn('inline-flex items-end gap-1', numeric && 'justify-end')}>
        <button
          type="button"
          onClick={() => onSort(nextSort(sort, sortKey))}
          className={cn('inline-flex items-center gap-0.5 rounded text-left uppercase hover:text-slate-900', numeric && 'text-right', active && 'text-slate-900')}
          title={t('sortBy', { column: label })}
        >
          {label}
          <svg aria-hidden="true" viewBox="0 0 12 12" className={cn('size-2.5', active ? 'text-slate-700' : 'text-slate-300')} fill="currentColor">
            {active && sort.dir === 'asc' ? <path d="M6 2 10 8H2L6 2Z" /> : active ? <path d="M6 10 2 4h8L6 10Z" /> : <path d="M6 1.5 9 5H3L6 1.5Zm0 9L3 7h6L6 10.5Z" />}
          </svg>
          {active ? <span className="sr-only">, {t(sort.dir === 'asc' ? 'sortedAscending' : 'sortedDescending')}</span> : null}
        </button>
        {children}
      </span>
    </TH>
  );
}

function FigureCell({ figure, row, previous }: { figure: Figure; row: ComparisonSite | ComparisonNetwork; previous: DateRange }) {
  const t = useTranslations('kpi');
  const locale = useLocale();
  const value = figureValue(row, figure);
  const before = figureValue(row.before, figure);
  const delta = isRollupMetric(figure) ? row.changes[figure] : value !== null && before !== null ? value - before : null;
  const rag = isRollupMetric(figure) ? row.rag[figure] : null;
  return (
    <TD numeric className="py-1.5 whitespace-nowrap">
      <span className="inline-flex items-center justify-end gap-1">
        <span className={cn('font-medium', value === null && 'text-slate-500')}>{formatFigure(figure, value, locale)}</span>
        {isRollupMetric(figure) ? rag ? <RagMark rag={rag} /> : <span className="inline-block size-3.5" aria-hidden="true" /> : null}
      </span>
      {figure === 'csat' && row.csatMean !== null ? (
        <span className="block text-[11px] text-slate-500">{t('csatMean', { mean: numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(row.csatMean) })}</span>
      ) : null}
      <span className={cn('block', isRollupMetric(figure) && 'pr-[18px]')}>
        <ChangeMark
          figure={figure}
          delta={delta}
          title={t('change.previous', { from: formatDay(previous.from, locale), to: formatDay(previous.to, locale), value: formatFigure(figure, before, locale) })}
        />
      </span>
    </TD>
  );
}

function ReportsCell({ reports }: { reports: ReportStatus }) {
  const t = useTranslations('overview.table');
  const locale = useLocale();
  if (reports.expectedDays === 0) return <TD className="text-xs text-slate-500">{t('reportsNone')}</TD>;
  return (
    <TD className="py-1.5 whitespace-nowrap">
      <span className="inline-flex items-center gap-1" title={t('reportsOnTime', { onTime: reports.onTime, expected: reports.expectedDays })}>
        <span className="font-medium tabular-nums" aria-hidden="true">
          {reports.onTime}/{reports.expectedDays}
        </span>
        <span className="sr-only">{t('reportsOnTime', { onTime: reports.onTime, expected: reports.expectedDays })}</span>
        <RagMark rag={reports.rag} />
      </span>
      {reports.missingDays > 0 ? (
        <span className="block" title={reports.lastMissingDay ? t('missingSince', { day: formatDay(reports.lastMissingDay, locale, 'medium') }) : undefined}>
          <Badge tone="red" className="mt-0.5 gap-1 text-[11px]">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3" fill="currentColor">
              <path d="M4 3h8l4 4v10H4V3Zm5 4v5h2V7H9Zm0 6v2h2v-2H9Z" />
            </svg>
            {t('missing', { count: reports.missingDays })}
          </Badge>
          {reports.lastMissingDay ? <span className="sr-only">{t('missingSince', { day: formatDay(reports.lastMissingDay, locale, 'medium') })}</span> : null}
        </span>
      ) : null}
    </TD>
  );
}

function FeedCell({ feed }: { feed: ComparisonSite['feed'] }) {
  const t = useTranslations('kpi.feed');
  const format = useFormatter();
  const now = useClockNow(60_000);
  if (feed.lastPushAt === null) {
    return (
      <TD className="py-1.5">
        <Badge>{t('never')}</Badge>
      </TD>
    );
  }
  return (
    <TD className="py-1.5 whitespace-nowrap">
      <time dateTime={feed.lastPushAt.toISOString()} title={format.dateTime(feed.lastPushAt, { dateStyle: 'medium', timeStyle: 'short' })} className="text-xs text-slate-700">
        {format.relativeTime(feed.lastPushAt, { now, style: 'narrow' })}
      </time>
      {feed.status === 'stale' ? (
        <span className="block" title={t('staleHint')}>
          <Badge tone="amber" className="mt-0.5 text-[11px]">
            {t('stale')}
          </Badge>
        </span>
      ) : null}
    </TD>
  );
}

/**
 * What a handled call cost the site over the period, in HQ's currency; the contract's own
 * currency is in the cell's title (a second line would widen the table past a laptop's screen).
 * A dash says why there is none: no contract, or a month's rate missing.
 */
function CostCell({ cost, costs }: { cost: SiteCost | undefined; costs: Props['costs'] }) {
  const t = useTranslations('overview.table');
  const locale = useLocale();
  if (!costs.data) {
    if (costs.isPending) {
      return (
        <TD numeric aria-busy="true">
          <span className="ml-auto block h-3 w-10 animate-pulse rounded bg-slate-200" />
        </TD>
      );
    }
    return (
      <TD numeric className="text-slate-500" title={costs.isError ? t('costFailed') : undefined}>
        {formatMoney(null, 'EUR', locale)}
      </TD>
    );
  }
  const hq = costs.data.hqCurrency;
  const local =
    cost && cost.currency !== null && cost.currency !== hq && cost.perHandled !== null ? t('costLocal', { amount: formatMoney(cost.perHandled, cost.currency, locale) }) : null;
  const why = !cost || cost.currency === null ? t('costNone') : cost.hqPerHandled === null && cost.perHandled !== null ? t('costNoRate', { currency: cost.currency }) : null;
  const note = [why, local].filter(Boolean).join(' · ') || undefined;
  return (
    <TD numeric className="py-1.5 whitespace-nowrap" title={note}>
      <span className={cn('font-medium', cost?.hqPerHandled == null && 'text-slate-500')}>{formatMoney(cost?.hqPerHandled ?? null, hq, locale)}</span>
      {note ? <span className="sr-only"> ({note})</span> : null}
    </TD>
  );
}

/** Placeholder rows while a table's first answer loads (marked busy: the sections' loading mark). */
export function SkeletonRows({ columns }: { columns: number }) {
  return (
    <>
      {Array.from({ length: 6 }, (_, i) => (
        <tr key={i} aria-busy="true">
          {Array.from({ length: columns }, (_, j) => (
            <td key={j} className="px-2 py-3">
              <span className="block h-3 animate-pulse rounded bg-slate-200" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function ComparisonTable({ data, isPending, isError, isUpdating, onRetry, range, sites, sort, onSort, networkTarget, isSiteLead, costs }: Props) {
  const t = useTranslations('overview');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const router = useRouter();
  const columns = 1 + FIGURES.length + 3;
  const costOf = costsByCode(costs.data);

  const rows = data ? sortRows(data.sites, sort) : [];
  const networkLabel = sites.length > 0 ? tKpi('networkSelected') : tKpi('network');
  const infoRows = (figure: Figure): KpiInfoRow[] =>
    data
      ? [
          ...rows.map((s) => ({ key: s.code, label: s.code, value: figureValue(s, figure), parts: s.parts, slaSeconds: s.slaSeconds, slExcluded: s.slExcluded })),
          { key: 'network', label: networkLabel, value: figureValue(data.network, figure), parts: data.network.parts, slaSeconds: null, slExcluded: data.network.slExcluded },
        ]
      : [];
  const noCalls = data !== undefined && data.network.parts.calls === 0 && data.sites.every((s) => s.parts.calls === 0);

  return (
    <Card labelledBy="comparison-title">
      <CardHeader
        id="comparison-title"
        title={t('table.title')}
        description={isUpdating ? <span role="status">{t('table.updating')}</span> : undefined}
        actions={
          <a href={csvHref(range, sites)} download className={buttonClasses('secondary', 'sm')} title={t('toolbar.exportHint')}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
              <path d="M10 3a1 1 0 0 1 1 1v6.6l2.3-2.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L9 10.6V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1h10a1 1 0 1 1 0 2H5a2 2 0 0 1-2-2 1 1 0 0 1 1-1Z" />
            </svg>
            {t('toolbar.export')}
          </a>
        }
      />
      {isError && !data ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={onRetry} />
      ) : data && data.sites.length === 0 ? (
        <EmptyState title={t('empty.title')} description={t('empty.description')} />
      ) : (
        <>
          {noCalls ? (
            <p role="status" className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm text-slate-600">
              {t('table.noData')}
            </p>
          ) : null}
          <Table caption={t('table.caption')} className={cn('relative transition-opacity', isUpdating && 'opacity-60')}>
            <THead>
              <tr>
                <SortHeader sortKey="site" sort={sort} onSort={onSort} label={t('table.site')} />
                {FIGURES.map((figure) => (
                  <SortHeader key={figure} sortKey={figure} sort={sort} onSort={onSort} label={tKpi(`figures.${figure}`)} numeric>
                    <KpiInfo figure={figure} rows={infoRows(figure)} target={networkTarget(figure)} />
                  </SortHeader>
                ))}
                <TH numeric className="align-bottom">
                  <span title={t('table.costHelp', { currency: costs.data?.hqCurrency ?? 'EUR' })}>{t('table.cost')}</span>
                  <span className="sr-only">, {t('table.costHelp', { currency: costs.data?.hqCurrency ?? 'EUR' })}</span>
                </TH>
                <SortHeader sortKey="feed" sort={sort} onSort={onSort} label={t('table.feed')} />
                <SortHeader sortKey="reports" sort={sort} onSort={onSort} label={t('table.reports')}>
                  <span className="sr-only">{t('table.reportsHelp')}</span>
                </SortHeader>
              </tr>
            </THead>
            <TBody>
              {isPending && !data ? (
                <SkeletonRows columns={columns} />
              ) : (
                rows.map((site) => {
                  const href = siteHref(site.code, range);
                  return (
                    <TR
                      key={site.code}
                      className="cursor-pointer"
                      data-site={site.code}
                      onClick={(event) => {
                        if ((event.target as HTMLElement).closest('a, button')) return;
                        router.push(href);
                      }}
                    >
                      <th scope="row" className="px-2 py-1.5 text-left font-normal whitespace-nowrap">
                        <Link prefetch={false} href={href} className="rounded font-mono text-xs font-semibold text-brand-700 hover:underline" aria-label={`${site.code} · ${site.name}`}>
                          {site.code}
                        </Link>
                        <span className="block max-w-28 truncate text-xs text-slate-600" title={site.name}>
                          {site.name}
                        </span>
                      </th>
                      {FIGURES.map((figure) => (
                        <FigureCell key={figure} figure={figure} row={site} previous={data!.previous} />
                      ))}
                      <CostCell cost={costOf.get(site.code)} costs={costs} />
                      <FeedCell feed={site.feed} />
                      <ReportsCell reports={site.reports} />
                    </TR>
                  );
                })
              )}
            </TBody>
            {data ? (
              <tfoot className="border-t-2 border-slate-300 bg-slate-50">
                <tr data-site="network">
                  <th scope="row" className="px-2 py-1.5 text-left whitespace-nowrap">
                    <span className="text-xs font-semibold text-slate-900">{networkLabel}</span>
                    {!isSiteLead ? <span className="block text-xs font-normal text-slate-500">{tKpi('networkSites', { count: data.network.siteCount })}</span> : null}
                  </th>
                  {FIGURES.map((figure) => (
                    <FigureCell key={figure} figure={figure} row={data.network} previous={data.previous} />
                  ))}
                  {/* Sites are priced each by its own contract: the network has no single cost per call. */}
                  <TD numeric className="text-slate-500">
                    <span aria-hidden="true">—</span>
                  </TD>
                  <TD className="text-slate-500">
                    <span aria-hidden="true">—</span>
                  </TD>
                  <ReportsCell reports={data.network.reports} />
                </tr>
              </tfoot>
            ) : null}
          </Table>
        </>
      )}
    </Card>
  );
}
