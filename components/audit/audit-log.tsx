'use client';
// The audit log for admins: a filter form (applied on submit, so typing does not query), the
// entries newest first with their details folded away, and older entries a page at a time.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useFormatter, useTimeZone, useTranslations } from 'next-intl';
import { Fragment, useId, useMemo, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { actionFamilies, auditQueryOf, EMPTY_AUDIT_FILTERS, type AuditFilterFields } from './audit-filters';

type ActorType = 'user' | 'site_key' | 'user_token' | 'cli' | 'system';
const ACTOR_TONE: Record<ActorType, BadgeTone> = { user: 'blue', user_token: 'blue', site_key: 'green', cli: 'neutral', system: 'neutral' };
const PAGE_SIZE = 50;

function FilterForm({ onApply }: { onApply: (fields: AuditFilterFields) => void }) {
  const t = useTranslations('audit');
  const id = useId();
  const trpc = useTRPC();
  const options = useQuery(trpc.audit.filters.queryOptions());
  const [fields, setFields] = useState<AuditFilterFields>(EMPTY_AUDIT_FILTERS);
  const set = (key: keyof AuditFilterFields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: event.target.value }));
  const families = useMemo(() => actionFamilies(options.data?.actions ?? []), [options.data]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(fields);
  }

  const label = (key: string, text: string) => (
    <label htmlFor={`${id}-${key}`} className="block text-xs font-medium text-slate-700">
      {text}
    </label>
  );

  return (
    <form onSubmit={submit} aria-label={t('filters')} className="grid gap-3 border-b border-slate-200 px-4 py-3 sm:grid-cols-2 lg:grid-cols-[1.4fr_1.2fr_1fr_1fr_auto_auto_auto]">
      <div className="space-y-1">
        {label('actor', t('actor'))}
        <Input id={`${id}-actor`} type="search" value={fields.actor} onChange={set('actor')} placeholder={t('actorHint')} autoComplete="off" />
      </div>
      <div className="space-y-1">
        {label('action', t('action'))}
        <Select id={`${id}-action`} value={fields.action} onChange={set('action')}>
          <option value="">{t('anyAction')}</option>
          {families.map((family) => (
            <option key={family} value={family}>
              {t('family', { family })}
            </option>
          ))}
          {(options.data?.actions ?? []).map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        {label('entity', t('entity'))}
        <Select id={`${id}-entity`} value={fields.entity} onChange={set('entity')}>
          <option value="">{t('anyEntity')}</option>
          {(options.data?.entities ?? []).map((entity) => (
            <option key={entity} value={entity}>
              {entity}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        {label('site', t('site'))}
        <Select id={`${id}-site`} value={fields.site} onChange={set('site')}>
          <option value="">{t('anySite')}</option>
          {(options.data?.sites ?? []).map((site) => (
            <option key={site.code} value={site.code}>
              {site.code} · {site.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        {label('from', t('from'))}
        <Input id={`${id}-from`} type="date" value={fields.from} max={fields.to || undefined} onChange={set('from')} />
      </div>
      <div className="space-y-1">
        {label('to', t('to'))}
        <Input id={`${id}-to`} type="date" value={fields.to} min={fields.from || undefined} onChange={set('to')} />
      </div>
      <div className="flex items-end gap-2">
        <Button type="submit">{t('apply')}</Button>
        <Button
          variant="secondary"
          onClick={() => {
            setFields(EMPTY_AUDIT_FILTERS);
            onApply(EMPTY_AUDIT_FILTERS);
          }}
        >
          {t('reset')}
        </Button>
      </div>
    </form>
  );
}

function DetailsText({ details }: { details: Record<string, unknown> }) {
  const t = useTranslations('audit');
  if (Object.keys(details).length === 0) return <p className="text-xs text-slate-500">{t('noDetails')}</p>;
  // Shown as text, never as markup: details hold what callers sent (names, comments, messages).
  return <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800">{JSON.stringify(details, null, 2)}</pre>;
}

export function AuditLog() {
  const t = useTranslations('audit');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const timeZone = useTimeZone() ?? 'UTC';
  const id = useId();
  const trpc = useTRPC();
  const [fields, setFields] = useState<AuditFilterFields>(EMPTY_AUDIT_FILTERS);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const query = useMemo(() => ({ ...auditQueryOf(fields, timeZone), limit: PAGE_SIZE }), [fields, timeZone]);
  const filtered = Object.keys(query).length > 1;
  const log = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(query, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.rows) ?? [], [log.data]);

  const toggle = (entry: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(entry)) next.delete(entry);
      else next.add(entry);
      return next;
    });

  return (
    <Card labelledBy={`${id}-title`}>
      <CardHeader id={`${id}-title`} title={t('title')} description={t('timeZoneNote', { timeZone })} />
      <FilterForm
        onApply={(next) => {
          setFields(next);
          setOpen(new Set());
        }}
      />
      {log.isError ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void log.refetch()} />
      ) : log.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? t('emptyFiltered') : t('empty')} description={filtered ? undefined : t('emptyHint')} />
      ) : (
        <>
          <Table caption={t('caption')}>
            <THead>
              <tr>
                <TH>{t('when')}</TH>
                <TH>{t('actor')}</TH>
                <TH>{t('action')}</TH>
                <TH>{t('entity')}</TH>
                <TH>{t('site')}</TH>
                <TH>
                  <span className="sr-only">{t('details')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((row) => {
                const expanded = open.has(row.id);
                const detailsId = `${id}-details-${row.id}`;
                return (
                  <Fragment key={row.id}>
                    <TR>
                      <TD className="whitespace-nowrap">
                        <time dateTime={row.at.toISOString()} title={format.dateTime(row.at, { dateStyle: 'full', timeStyle: 'long' })}>
                          {format.dateTime(row.at, { dateStyle: 'medium', timeStyle: 'medium' })}
                        </time>
                      </TD>
                      <TD className="max-w-xs">
                        <div className="truncate font-medium text-slate-900" title={row.actorLabel}>
                          {row.actorLabel}
                        </div>
                        <Badge tone={ACTOR_TONE[row.actorType]}>{t(`actorTypes.${row.actorType}`)}</Badge>
                      </TD>
                      <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium whitespace-nowrap text-slate-800">
                        {row.action}
                      </th>
                      <TD className="font-mono text-xs whitespace-nowrap text-slate-700">
                        {row.entity}
                        {row.entityId ? <span className="text-slate-500"> #{row.entityId}</span> : null}
                      </TD>
                      <TD className="whitespace-nowrap">{row.site ? <span title={row.site.name}>{row.site.code}</span> : <span className="text-slate-500">{t('noSite')}</span>}</TD>
                      <TD className="text-right">
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-expanded={expanded}
                          aria-controls={detailsId}
                          aria-label={expanded ? t('hideDetails', { id: row.id }) : t('showDetails', { id: row.id })}
                          onClick={() => toggle(row.id)}
                        >
                          {t('details')}
                          <svg aria-hidden="true" viewBox="0 0 20 20" className={expanded ? 'size-3.5 rotate-180' : 'size-3.5'} fill="currentColor">
                            <path d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" />
                          </svg>
                        </Button>
                      </TD>
                    </TR>
                    <tr id={detailsId} hidden={!expanded}>
                      <td colSpan={6} className="px-3 pb-3">
                        {expanded ? <DetailsText details={row.details} /> : null}
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </TBody>
          </Table>
          <div className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-2 text-sm">
            <span className="text-slate-600" aria-live="polite">
              {t('shown', { count: rows.length })}
            </span>
            {log.hasNextPage ? (
              <Button size="sm" variant="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                {log.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
              </Button>
            ) : (
              <span className="text-slate-500">{t('end')}</span>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
