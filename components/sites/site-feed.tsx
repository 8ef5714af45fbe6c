// How fresh the site's data is: the last push of each feed, and a warning when it went quiet.
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { SiteSectionProps } from './site-sections';

export function SiteFeed({ site }: SiteSectionProps) {
  const t = useTranslations('sitePage.feed');
  const tFeed = useTranslations('kpi.feed');
  const format = useFormatter();
  const now = useNow();
  const entries = [
    { key: 'any', label: t('any'), at: site.feed.lastPushAt },
    { key: 'calls', label: t('calls'), at: site.feed.lastCallPushAt },
    { key: 'evaluations', label: t('evaluations'), at: site.feed.lastEvaluationPushAt },
  ];
  const tone = site.feed.status === 'fresh' ? 'green' : site.feed.status === 'stale' ? 'amber' : 'neutral';
  return (
    <Card labelledBy="site-feed-title">
      <CardHeader id="site-feed-title" title={t('title')} description={t('description')} actions={<Badge tone={tone}>{tFeed(site.feed.status)}</Badge>} />
      <CardBody>
        {site.feed.status !== 'fresh' ? (
          <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {site.feed.status === 'stale' ? t('staleWarning') : t('neverWarning')}
          </p>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
          {entries.map((entry) => (
            <div key={entry.key}>
              <dt className="text-xs text-slate-500">{entry.label}</dt>
              <dd className="font-medium text-slate-800">
                {entry.at ? (
                  <time dateTime={entry.at.toISOString()} title={format.dateTime(entry.at, { dateStyle: 'medium', timeStyle: 'short' })}>
                    {format.relativeTime(entry.at, now)}
                    <span className="ml-1.5 text-xs font-normal text-slate-500">{format.dateTime(entry.at, { dateStyle: 'medium', timeStyle: 'short' })}</span>
                  </time>
                ) : (
                  <span className="text-slate-500">{t('never')}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
