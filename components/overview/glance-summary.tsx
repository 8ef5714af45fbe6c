// Network totals above the site table. Counts add up across sites, so summing them is sound.
import { getFormatter, getTranslations } from 'next-intl/server';
import type { SiteGlance } from '@/server/sites/glance';

export async function GlanceSummary({ sites }: { sites: SiteGlance[] }) {
  const [t, format] = await Promise.all([getTranslations('overview.summary'), getFormatter()]);
  if (sites.length === 0) return null;
  const handledYesterday = sites.reduce((sum, s) => sum + s.handledYesterday, 0);
  const handledLast7Days = sites.reduce((sum, s) => sum + s.handledLast7Days, 0);
  const needAttention = sites.filter((s) => s.feedStatus !== 'fresh').length;
  const tiles = [
    { label: t('sites'), value: format.number(sites.length) },
    { label: t('handledYesterday'), value: format.number(handledYesterday) },
    { label: t('handledLast7Days'), value: format.number(handledLast7Days) },
    { label: t('feedsNeedingAttention'), value: format.number(needAttention), alert: needAttention > 0 },
  ];
  return (
    <dl className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
          <dt className="text-xs font-medium text-slate-500">{tile.label}</dt>
          <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tile.alert ? 'text-amber-700' : 'text-slate-900'}`}>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}
