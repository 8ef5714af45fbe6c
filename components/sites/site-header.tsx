// A site page's header: the site's name and code, and the facts that explain its figures.
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import type { SiteFacts } from '@/server/kpi/site-facts';
import { CalendarTodayBadge } from './calendar-today-badge';

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export async function SiteHeader({ site, now }: { site: SiteFacts; now: Date }) {
  const [t, tKind, tAgents, format, locale] = await Promise.all([getTranslations('sitePage'), getTranslations('siteKinds'), getTranslations('agents'), getFormatter(), getLocale()]);
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const languageName = (code: string) => {
    try {
      return languages.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const localTime = format.dateTime(now, { timeStyle: 'short', timeZone: site.timezone });
  const facts = [
    { key: 'country', label: t('facts.country'), value: countries.of(site.country) ?? site.country },
    { key: 'timezone', label: t('facts.timezone'), value: `${site.timezone} · ${t('facts.localTime', { time: localTime })}` },
    { key: 'kind', label: t('facts.kind'), value: tKind(site.kind) },
    { key: 'languages', label: t('facts.languages'), value: site.languages.length ? site.languages.map(languageName).join(', ') : t('facts.noLanguages') },
    { key: 'seats', label: t('facts.seats'), value: format.number(site.seats) },
    { key: 'sla', label: t('facts.sla'), value: t('facts.slaValue', { seconds: site.slaSeconds }) },
    { key: 'report', label: t('facts.reportDeadline'), value: t('facts.reportDeadlineValue', { time: clock(site.reportDeadlineMinute) }) },
  ];
  return (
    <div className="mb-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">
          <span className="font-mono">{site.code}</span>
          <span className="ml-2 font-semibold text-slate-700">{site.name}</span>
        </h1>
        <Badge tone="blue">{tKind(site.kind)}</Badge>
        {!site.active ? <Badge>{t('inactive')}</Badge> : null}
        <CalendarTodayBadge today={site.calendarToday} />
        {/* Whoever reads the site reads its calendar (HQ edits it): the way there for HQ managers too. */}
        <Link
          href={`/settings/sites/${site.code}/calendar`}
          prefetch={false}
          className="ml-auto rounded text-sm font-medium text-brand-700 hover:underline"
          aria-label={t('calendarLinkLabel', { code: site.code })}
        >
          {t('calendarLink')}
        </Link>
        <Link href={`/sites/${site.code}/agents`} prefetch={false} className="rounded text-sm font-medium text-brand-700 hover:underline" aria-label={tAgents('siteLinkLabel', { code: site.code })}>
          {tAgents('siteLink')}
        </Link>
      </div>
      <dl aria-label={t('facts.label')} className="mt-3 flex flex-wrap gap-x-8 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-xs">
        {facts.map((fact) => (
          <div key={fact.key}>
            <dt className="text-xs text-slate-500">{fact.label}</dt>
            <dd className="font-medium text-slate-800">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
