// The overview's table: one row per site with yesterday's and the week's handled calls, and how
// long ago its feed last pushed.
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { FeedStatus, SiteGlance } from '@/server/sites/glance';

const feedTone: Record<FeedStatus, BadgeTone> = { fresh: 'green', stale: 'amber', never: 'neutral' };

export async function SiteGlanceTable({ sites, now, canAddSites }: { sites: SiteGlance[]; now: Date; canAddSites: boolean }) {
  const [t, tKind, format, locale] = await Promise.all([
    getTranslations('overview'),
    getTranslations('siteKinds'),
    getFormatter(),
    getLocale(),
  ]);
  const countries = new Intl.DisplayNames([locale], { type: 'region' });

  if (sites.length === 0) {
    return (
      <Card>
        <EmptyState
          title={t('empty.title')}
          description={canAddSites ? t('empty.descriptionAdmin') : t('empty.description')}
          action={
            canAddSites ? (
              <Link href="/settings/sites" className={buttonClasses('primary')}>
                {t('empty.addSite')}
              </Link>
            ) : null
          }
        />
      </Card>
    );
  }

  const noData = sites.every((s) => s.callsLast7Days === 0 && s.lastPushAt === null);

  return (
    <Card labelledBy="glance-title">
      <CardHeader id="glance-title" title={t('tableTitle')} description={t('tableDescription')} />
      {noData ? (
        <p role="status" className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm text-slate-600">
          {t('noDataYet')}
        </p>
      ) : null}
      <Table caption={t('tableTitle')}>
        <THead>
          <tr>
            <TH>{t('columns.site')}</TH>
            <TH>{t('columns.country')}</TH>
            <TH>{t('columns.kind')}</TH>
            <TH numeric>{t('columns.handledYesterday')}</TH>
            <TH numeric>{t('columns.handledLast7Days')}</TH>
            <TH numeric>{t('columns.callsLast7Days')}</TH>
            <TH>{t('columns.lastPush')}</TH>
          </tr>
        </THead>
        <TBody>
          {sites.map((site) => (
            <TR key={site.code}>
              <TD>
                <span className="font-mono text-xs font-semibold text-slate-900">{site.code}</span>
                <span className="ml-2 text-slate-700">{site.name}</span>
              </TD>
              <TD className="whitespace-nowrap text-slate-700">{countries.of(site.country) ?? site.country}</TD>
              <TD className="text-slate-700">{tKind(site.kind)}</TD>
              <TD numeric>
                {format.number(site.handledYesterday)}
                <span className="block text-[11px] text-slate-500">
                  {format.dateTime(new Date(`${site.yesterday}T12:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' })}
                </span>
              </TD>
              <TD numeric>{format.number(site.handledLast7Days)}</TD>
              <TD numeric>{format.number(site.callsLast7Days)}</TD>
              <TD className="whitespace-nowrap">
                {site.lastPushAt ? (
                  <time dateTime={site.lastPushAt.toISOString()} title={format.dateTime(site.lastPushAt, { dateStyle: 'medium', timeStyle: 'short' })}>
                    <Badge tone={feedTone[site.feedStatus]}>{format.relativeTime(site.lastPushAt, now)}</Badge>
                  </time>
                ) : (
                  <Badge tone={feedTone.never}>{t('neverPushed')}</Badge>
                )}
                {site.feedStatus === 'stale' ? <span className="sr-only"> {t('stale')}</span> : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
