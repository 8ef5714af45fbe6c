'use client';
// A site's agents over the period: every figure by the site's definitions, language and culture,
// weekly AHT, flags against the site's other agents, and the site's and network's median agent
// above them. Columns sort; an agent's reference opens their page.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { withParams } from '@/components/kpi/dashboard-state';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { MedianRow } from '@/lib/agents/scorecard';
import { DEFAULT_AGENT_SORT, nextAgentSort, sortAgents, type AgentSort, type AgentSortKey } from '@/lib/agents/sort-agents';
import { formatFigureValue } from '@/lib/kpi/format';
import type { DateRange } from '@/lib/kpi/periods';
import { AhtSparkline } from './aht-sparkline';
import { AGENT_TABLE_COLUMNS } from './figure-columns';
import { OutlierBadges } from './outlier-badges';

export function agentHref(site: string, agentRef: string, range: DateRange) {
  return `/sites/${site}/agents/${encodeURIComponent(agentRef)}${withParams('', { from: range.from, to: range.to })}`;
}

function SortHeader({ sortKey, sort, onSort, label, numeric }: { sortKey: AgentSortKey; sort: AgentSort; onSort: (s: AgentSort) => void; label: string; numeric?: boolean }) {
  const t = useTranslations('agents');
  const active = sort.key === sortKey;
  return (
    <TH numeric={numeric} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className="align-bottom">
      <button
        type="button"
        onClick={() => onSort(nextAgentSort(sort, sortKey))}
        className={cn('inline-flex items-center gap-0.5 rounded uppercase hover:text-slate-900', active && 'text-slate-900')}
        title={t('sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true" className={cn('text-[10px]', active ? 'text-slate-700' : 'text-slate-300')}>
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {active ? <span className="sr-only">, {t(sort.dir === 'asc' ? 'sortedAscending' : 'sortedDescending')}</span> : null}
      </button>
    </TH>
  );
}

function MedianLine({ label, row }: { label: string; row: MedianRow }) {
  const t = useTranslations('agents');
  const locale = useLocale();
  return (
    <TR className="bg-slate-50 text-slate-600">
      <th scope="row" colSpan={2} className="px-3 py-1.5 text-left text-xs font-semibold whitespace-nowrap">
        {label}
        {row.agents !== null ? <span className="ml-1 font-normal text-slate-500">{t('medianOf', { count: row.agents })}</span> : null}
      </th>
      {AGENT_TABLE_COLUMNS.map((c) => (
        <TD key={c.key} numeric className="py-1.5 text-xs">
          {formatFigureValue(c.unit, row[c.key], locale)}
        </TD>
      ))}
      <TD />
      <TD />
    </TR>
  );
}

export function AgentsTable({ site, range }: { site: string; range: DateRange }) {
  const t = useTranslations('agents');
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.agents.list.queryOptions({ site, from: range.from, to: range.to }));
  const [sort, setSort] = useState<AgentSort>(DEFAULT_AGENT_SORT);
  const rows = useMemo(() => (list.data ? sortAgents(list.data.agents, sort) : []), [list.data, sort]);

  return (
    <Card labelledBy="agents-title">
      <CardHeader id="agents-title" title={t('siteLink')} description={t('description')} />
      <QueryState query={list} isEmpty={(data) => data.agents.length === 0} empty={{ title: t('empty') }} errorTitle={t('loadFailed')}>
        {(data) => (
          <>
            <Table caption={t('caption')}>
              <THead>
                <tr>
                  <SortHeader sortKey="agentRef" sort={sort} onSort={setSort} label={t('columns.agent')} />
                  <SortHeader sortKey="name" sort={sort} onSort={setSort} label={t('columns.name')} />
                  {AGENT_TABLE_COLUMNS.map((c) => (
                    <SortHeader key={c.key} sortKey={c.key} sort={sort} onSort={setSort} label={t(`columns.${c.label}`)} numeric />
                  ))}
                  <TH>{t('columns.trend')}</TH>
                  <SortHeader sortKey="flags" sort={sort} onSort={setSort} label={t('columns.flags')} />
                </tr>
              </THead>
              <TBody>
                <MedianLine label={t('siteMedian')} row={data.medians.site} />
                <MedianLine label={t('networkMedian')} row={data.medians.network} />
              </TBody>
              <TBody>
                {rows.map((agent) => {
                  const points = agent.trend.map((p) => (p.ahtSeconds === null ? t('trendNone') : formatFigureValue('seconds', p.ahtSeconds, locale))).join(', ');
                  return (
                    <TR key={agent.agentRef} className={agent.flags.length > 0 ? 'bg-red-50/40' : undefined}>
                      <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium whitespace-nowrap">
                        <Link href={agentHref(site, agent.agentRef, range)} prefetch={false} className="rounded text-brand-700 underline underline-offset-2">
                          {agent.agentRef}
                        </Link>
                      </th>
                      <TD className={cn('whitespace-nowrap', agent.name === null && 'text-xs text-slate-500')}>{agent.name ?? '—'}</TD>
                      {AGENT_TABLE_COLUMNS.map((c) => (
                        <TD key={c.key} numeric className={agent[c.key] === null ? 'text-slate-500' : undefined}>
                          {formatFigureValue(c.unit, agent[c.key], locale)}
                        </TD>
                      ))}
                      <TD>
                        <AhtSparkline values={agent.trend.map((p) => p.ahtSeconds)} label={t('trendLabel', { agent: agent.agentRef, points })} />
                      </TD>
                      <TD>
                        <OutlierBadges flags={agent.flags} />
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
            {data.medians.withheld.length > 0 ? <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t('withheld')}</p> : null}
          </>
        )}
      </QueryState>
    </Card>
  );
}
