'use client';
// A wallboard: the network (a network row and one row per site) or one site (big, with its
// queues), from the snapshot the page rendered and then every snapshot the server pushes. The
// page decides the scope (a user's, a paired screen's); this only draws what the stream sends.
import Link from 'next/link';
import { useFormatter, useLocale, useNow, useTranslations } from 'next-intl';
import { formatFigureValue, NO_VALUE } from '@/lib/kpi/format';
import type { WallboardSite, WallboardSnapshot } from '@/lib/live/wallboard';
import { useWallboardStream } from './use-wallboard-stream';
import { AgentsTile, ConnectionBadge, Pill, Tile, type AgentCounts, type TileSize } from './wallboard-tiles';
import { feedTone, queueRowView, queueStatusSummary, serverNowOf, siteQueueView, tileRag, toneOfRag, type QueueFigures, type QueueView, type TargetedFigure } from './wallboard-view';

export type WallboardLayout = 'network' | 'site';

type Props = {
  initial: WallboardSnapshot;
  /** The sites the stream is asked for; null: whatever the viewer's scope is (the network for HQ). */
  siteCodes: string[] | null;
  layout: WallboardLayout;
  /** Where a person leaves the board for the rest of the app; none on a paired screen. */
  exitHref: string | null;
};

/** Times on a board: a 24-hour clock, as contact centres read their schedules, whatever the language. */
const CLOCK = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** Minutes on the clocks, and statuses that go stale between snapshots. */
const TICK_MS = 5_000;

export function Wallboard({ initial, siteCodes, layout, exitHref }: Props) {
  const t = useTranslations('live');
  const format = useFormatter();
  const state = useWallboardStream(initial, siteCodes);
  const clientNow = useNow({ updateInterval: TICK_MS });
  const { snapshot } = state;
  const serverNow = serverNowOf(snapshot, state.receivedAt, clientNow.getTime());
  const site = layout === 'site' ? snapshot.sites[0] : undefined;

  return (
    <main className="flex min-h-screen flex-col gap-4 bg-slate-950 p-[clamp(0.75rem,1.5vw,1.5rem)] text-white" aria-label={t('boardLabel')}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-[clamp(1.25rem,2vw,2.25rem)] font-semibold tracking-tight">
          <span className="text-slate-300">Vigie · {t('title')}</span>
          <span className="ml-3">{site ? `${site.code} · ${site.name}` : snapshot.siteCodes ? t('chosenSites', { count: snapshot.sites.length }) : t('network')}</span>
        </h1>
        <div className="flex items-center gap-3 text-[clamp(0.8rem,1vw,1.05rem)] text-slate-300">
          <span suppressHydrationWarning>{t('updatedAt', { time: format.dateTime(new Date(snapshot.generatedAt), { timeStyle: 'medium' }) })}</span>
          <ConnectionBadge connection={state.connection} />
          {exitHref ? (
            <Link href={exitHref} prefetch={false} className="rounded text-slate-300 underline underline-offset-2 hover:text-white">
              Vigie
            </Link>
          ) : null}
        </div>
      </header>
      {site ? (
        <SiteBoard site={site} serverNow={serverNow} />
      ) : layout === 'site' || snapshot.sites.length === 0 ? (
        <p className="text-xl text-slate-300">{t('noSites')}</p>
      ) : (
        <NetworkBoard snapshot={snapshot} serverNow={serverNow} />
      )}
    </main>
  );
}

function useFigures() {
  const locale = useLocale();
  return {
    count: (value: number | null) => formatFigureValue('count', value, locale),
    percent: (value: number | null) => formatFigureValue('ratio', value, locale),
    duration: (value: number | null) => formatFigureValue('seconds', value, locale),
  };
}

/** The "now" figures of a queue view: the last known ones when stale, "—" when there are none. */
function queueFigure(view: QueueView, pick: (figures: QueueFigures) => number, formatOne: (value: number) => string): string {
  return view.state === 'none' ? NO_VALUE : formatOne(pick(view.figures));
}

function agentCounts(view: QueueView, formatOne: (value: number) => string): AgentCounts {
  return {
    available: queueFigure(view, (f) => f.agentsAvailable, formatOne),
    busy: queueFigure(view, (f) => f.agentsBusy, formatOne),
    wrapUp: queueFigure(view, (f) => f.agentsWrapUp, formatOne),
    away: queueFigure(view, (f) => f.agentsAway, formatOne),
  };
}

function useStaleDetail(timeZone: string) {
  const t = useTranslations('live.queueStatus');
  const format = useFormatter();
  return (view: QueueView) =>
    view.state === 'stale'
      ? t('staleSince', { time: format.dateTime(new Date(view.since), { ...CLOCK, timeZone }) })
      : view.state === 'none'
        ? t('none')
        : undefined;
}

function NetworkBoard({ snapshot, serverNow }: { snapshot: WallboardSnapshot; serverNow: Date }) {
  const t = useTranslations('live');
  const figures = useFigures();
  const { network } = snapshot;
  const summary = queueStatusSummary(snapshot.sites, serverNow);
  // The network's "now" sums count fresh statuses only: with none fresh, they are unknown, not zero.
  const anyFresh = summary.stale + summary.none < snapshot.sites.length;
  const queueTone = anyFresh ? 'neutral' : 'stale';
  const notes = [summary.stale > 0 ? t('queueStatus.sitesStale', { count: summary.stale }) : null, summary.none > 0 ? t('queueStatus.sitesNone', { count: summary.none }) : null]
    .filter(Boolean)
    .join(' · ');
  const nowValue = (value: number, formatOne: (v: number) => string) => (anyFresh ? formatOne(value) : NO_VALUE);
  return (
    <>
      <section aria-labelledby="live-network" data-network className="rounded-2xl bg-slate-900 p-3">
        <h2 id="live-network" className="mb-2 px-1 text-[clamp(1rem,1.5vw,1.6rem)] font-semibold">
          {t('network')}
        </h2>
        <div className="grid grid-cols-[repeat(auto-fit,minmax(11rem,1fr))] gap-3">
          <Tile id="offered" label={t('tiles.offered')} value={figures.count(network.offered)} tone="neutral" />
          <Tile id="handled" label={t('tiles.handled')} value={figures.count(network.handled)} tone="neutral" />
          <Tile id="serviceLevel" label={t('tiles.serviceLevel')} value={figures.percent(network.serviceLevel)} tone="neutral" />
          <Tile
            id="abandonRate"
            label={t('tiles.abandons')}
            value={figures.percent(network.abandonRate)}
            tone="neutral"
            detail={t('tiles.abandonedCount', { count: network.abandoned })}
          />
          <Tile id="waiting" label={t('tiles.waiting')} value={nowValue(network.waiting, figures.count)} tone={queueTone} detail={notes || undefined} />
          <Tile id="longestWait" label={t('tiles.longestWait')} value={nowValue(network.longestWaitSeconds, figures.duration)} tone={queueTone} detail={notes || undefined} />
          <AgentsTile
            tone={queueTone}
            detail={notes || undefined}
            counts={{
              available: nowValue(network.agentsAvailable, figures.count),
              busy: nowValue(network.agentsBusy, figures.count),
              wrapUp: nowValue(network.agentsWrapUp, figures.count),
              away: nowValue(network.agentsAway, figures.count),
            }}
          />
        </div>
      </section>
      <section aria-labelledby="live-sites" className="flex flex-col gap-3">
        <h2 id="live-sites" className="sr-only">
          {t('sites')}
        </h2>
        {snapshot.sites.map((site) => (
          <SiteRow key={site.code} site={site} serverNow={serverNow} />
        ))}
      </section>
    </>
  );
}

/** A site's name line: clock, opening state (and why it is closed), feed. */
function SiteHeading({ site, serverNow, level, link }: { site: WallboardSite; serverNow: Date; level: 'h2' | 'h3'; link: boolean }) {
  const t = useTranslations('live');
  const format = useFormatter();
  // Within half a day the hour is enough; an instant further away (a holiday's end, a feed quiet
  // since yesterday) names its day too.
  const local = (iso: string) =>
    format.dateTime(new Date(iso), {
      ...CLOCK,
      ...(Math.abs(Date.parse(iso) - serverNow.getTime()) >= 12 * 3_600_000 ? { weekday: 'short' } : {}),
      timeZone: site.timezone,
    });
  const clock = format.dateTime(serverNow, { ...CLOCK, timeZone: site.timezone });
  const { calendar } = site;
  const opening = [
    calendar.open ? t('opening.open') : t('opening.closed'),
    calendar.note,
    calendar.open && calendar.closesAt ? t('opening.closesAt', { time: local(calendar.closesAt) }) : null,
    !calendar.open && calendar.opensAt ? t('opening.opensAt', { time: local(calendar.opensAt) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const Heading = level;
  const name = (
    <>
      <span className="font-mono">{site.code}</span> <span className="text-slate-300">{site.name}</span>
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <Heading className={level === 'h2' ? 'text-[clamp(1.5rem,2.6vw,3rem)] font-semibold' : 'text-[clamp(1.1rem,1.7vw,1.9rem)] font-semibold'}>
        {link ? (
          <Link href={`/live/${site.code}`} prefetch={false} title={t('openSite', { name: site.name })} className="rounded hover:underline">
            {name}
          </Link>
        ) : (
          name
        )}
      </Heading>
      <time data-clock dateTime={serverNow.toISOString()} suppressHydrationWarning className="font-mono text-[clamp(1.1rem,1.7vw,1.9rem)] font-semibold tabular-nums" title={t('clock', { time: clock })}>
        {clock}
      </time>
      <Pill id="opening" tone={calendar.open ? 'neutral' : 'stale'}>
        {opening}
      </Pill>
      <Pill id="feed" tone={feedTone(site.feed.status)}>
        {t(`feed.${site.feed.status}`)}
        {site.feed.lastPushAt && site.feed.status !== 'live' ? ` · ${t('feed.lastPush', { time: local(site.feed.lastPushAt) })}` : null}
      </Pill>
      {site.window === 'rolling24' ? <span className="text-[clamp(0.8rem,1vw,1.05rem)] text-slate-300">{t('day.rolling24')}</span> : null}
    </div>
  );
}

/** A figure of today coloured by the site's target for it. */
function TargetTile({ site, figure, label, value, detail, size }: { site: WallboardSite; figure: TargetedFigure; label: string; value: string; detail?: string; size: TileSize }) {
  const rag = tileRag(site, figure);
  return <Tile id={figure} size={size} label={label} value={value} tone={toneOfRag(rag)} rag={rag} detail={detail} />;
}

function TodayTiles({ site, size, withSpeed }: { site: WallboardSite; size: TileSize; withSpeed: boolean }) {
  const t = useTranslations('live');
  const figures = useFigures();
  const { today, targets } = site;
  return (
    <>
      <Tile id="offered" size={size} label={t('tiles.offered')} value={figures.count(today.offered)} tone="neutral" />
      <Tile id="handled" size={size} label={t('tiles.handled')} value={figures.count(today.handled)} tone="neutral" />
      <TargetTile
        site={site}
        figure="serviceLevel"
        size={size}
        label={t('tiles.serviceLevel')}
        value={figures.percent(today.serviceLevel)}
        detail={targets.serviceLevel ? t('tiles.target', { value: figures.percent(targets.serviceLevel.green) }) : undefined}
      />
      <TargetTile site={site} figure="abandonRate" size={size} label={t('tiles.abandons')} value={figures.percent(today.abandonRate)} detail={t('tiles.abandonedCount', { count: today.abandoned })} />
      {withSpeed ? (
        <>
          <TargetTile site={site} figure="asaSeconds" size={size} label={t('tiles.asa')} value={figures.duration(today.asaSeconds)} />
          <TargetTile site={site} figure="ahtSeconds" size={size} label={t('tiles.aht')} value={figures.duration(today.ahtSeconds)} />
        </>
      ) : null}
    </>
  );
}

function NowTiles({ site, serverNow, size }: { site: WallboardSite; serverNow: Date; size: TileSize }) {
  const t = useTranslations('live');
  const figures = useFigures();
  const staleDetail = useStaleDetail(site.timezone);
  const view = siteQueueView(site.queueNow, serverNow);
  const tone = view.state === 'fresh' ? 'neutral' : 'stale';
  const detail = staleDetail(view);
  return (
    <>
      <Tile id="waiting" size={size} label={t('tiles.waiting')} value={queueFigure(view, (f) => f.waiting, figures.count)} tone={tone} detail={detail} />
      <Tile id="longestWait" size={size} label={t('tiles.longestWait')} value={queueFigure(view, (f) => f.longestWaitSeconds, figures.duration)} tone={tone} detail={detail} />
      <AgentsTile size={size} tone={tone} detail={detail} counts={agentCounts(view, figures.count)} />
    </>
  );
}

function SiteRow({ site, serverNow }: { site: WallboardSite; serverNow: Date }) {
  return (
    <section aria-label={`${site.code} ${site.name}`} data-site={site.code} className="rounded-2xl bg-slate-900 p-3">
      <SiteHeading site={site} serverNow={serverNow} level="h3" link />
      <div className="mt-2 grid grid-cols-[repeat(auto-fit,minmax(9rem,1fr))] gap-2 xl:grid-cols-[repeat(6,minmax(0,1fr))_minmax(0,2fr)]">
        <TodayTiles site={site} size="medium" withSpeed={false} />
        <NowTiles site={site} serverNow={serverNow} size="medium" />
      </div>
    </section>
  );
}

function SiteBoard({ site, serverNow }: { site: WallboardSite; serverNow: Date }) {
  return (
    <section aria-label={`${site.code} ${site.name}`} data-site={site.code} className="flex flex-1 flex-col gap-4">
      <SiteHeading site={site} serverNow={serverNow} level="h2" link={false} />
      <div className="grid grid-cols-[repeat(auto-fit,minmax(13rem,1fr))] gap-3">
        <TodayTiles site={site} size="large" withSpeed />
      </div>
      <div className="grid grid-cols-[repeat(auto-fit,minmax(13rem,1fr))] gap-3 lg:grid-cols-[1fr_1fr_2fr]">
        <NowTiles site={site} serverNow={serverNow} size="large" />
      </div>
      <QueueTable site={site} serverNow={serverNow} />
    </section>
  );
}

function QueueTable({ site, serverNow }: { site: WallboardSite; serverNow: Date }) {
  const t = useTranslations('live');
  const figures = useFigures();
  const staleDetail = useStaleDetail(site.timezone);
  const queues = site.queueNow.queues;
  if (queues.length === 0) return <p className="text-[clamp(1rem,1.4vw,1.5rem)] text-slate-300">{t('queues.empty')}</p>;
  const columns = ['waiting', 'longestWait', 'available', 'busy', 'wrapUp', 'away'] as const;
  return (
    <div className="overflow-x-auto rounded-2xl bg-slate-900 p-3">
      <table className="w-full text-[clamp(1rem,1.5vw,1.75rem)] tabular-nums">
        <caption className="px-2 pb-2 text-left text-[clamp(1rem,1.5vw,1.6rem)] font-semibold">{t('queues.title')}</caption>
        <thead>
          <tr className="text-[clamp(0.8rem,1vw,1.05rem)] text-slate-300 uppercase">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              {t('queues.queue')}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-2 py-1 text-right font-medium">
                {t(`tiles.${column}`)}
              </th>
            ))}
            <th scope="col" className="px-2 py-1 text-right font-medium">
              {t('queues.state')}
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => {
            const view = queueRowView(queue, serverNow);
            const values = [
              figures.count(queue.waiting),
              figures.duration(queue.longestWaitSeconds),
              figures.count(queue.agentsAvailable),
              figures.count(queue.agentsBusy),
              figures.count(queue.agentsWrapUp),
              figures.count(queue.agentsAway),
            ];
            return (
              <tr key={queue.queue} data-queue={queue.queue} data-state={view.state} className={view.state === 'stale' ? 'text-slate-400' : undefined}>
                <th scope="row" className="px-2 py-1 text-left font-medium">
                  {queue.queue}
                </th>
                {values.map((value, index) => (
                  <td key={columns[index]} className="px-2 py-1 text-right">
                    {value}
                  </td>
                ))}
                <td className="px-2 py-1 text-right text-[clamp(0.8rem,1vw,1.05rem)]">{staleDetail(view) ?? t('queues.fresh')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
