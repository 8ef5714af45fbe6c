'use client';
// The pieces of a wallboard, drawn to be read across a room: a tile (a figure, its label and what
// its colour means, in words as well), the agents by state, and the connection's state.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Rag } from '@/lib/kpi/definitions';
import { cn } from '@/components/ui/cn';
import type { ConnectionState } from './wallboard-stream-state';
import { TONE_CLASSES, type Tone } from './wallboard-view';

export type TileSize = 'large' | 'medium';

const VALUE_SIZES: Record<TileSize, string> = {
  large: 'text-[clamp(2.25rem,4.8vw,5rem)]',
  medium: 'text-[clamp(1.5rem,2.6vw,3rem)]',
};

export function Tile({
  id,
  label,
  value,
  tone,
  rag,
  detail,
  size = 'large',
}: {
  /** What the tile shows, for tests and styles: data-tile. */
  id: string;
  label: string;
  value: string;
  tone: Tone;
  /** Said in words beside the colour, so the colour is never the only sign. */
  rag?: Rag | null;
  detail?: ReactNode;
  size?: TileSize;
}) {
  const tRag = useTranslations('kpi.rag');
  return (
    <div role="group" aria-label={label} data-tile={id} data-tone={tone} className={cn('flex min-w-0 flex-col justify-between gap-1 rounded-xl px-4 py-3', TONE_CLASSES[tone])}>
      <div className="truncate text-[clamp(0.8rem,1.1vw,1.15rem)] font-medium tracking-wide uppercase">{label}</div>
      <div data-value className={cn('leading-none font-semibold tabular-nums', VALUE_SIZES[size])}>
        {value}
      </div>
      <div className="min-h-[1.25em] truncate text-[clamp(0.8rem,1vw,1.05rem)] font-medium">
        {rag ? <span data-rag={rag}>{tRag(rag)}</span> : null}
        {rag && detail ? ' · ' : null}
        {detail}
      </div>
    </div>
  );
}

export type AgentCounts = { available: string; busy: string; wrapUp: string; away: string };

/** Agents by state in one tile: four figures side by side. */
export function AgentsTile({ counts, tone, detail, size = 'large' }: { counts: AgentCounts; tone: Tone; detail?: ReactNode; size?: TileSize }) {
  const t = useTranslations('live.tiles');
  const states = [
    { key: 'available', label: t('available'), value: counts.available },
    { key: 'busy', label: t('busy'), value: counts.busy },
    { key: 'wrapUp', label: t('wrapUp'), value: counts.wrapUp },
    { key: 'away', label: t('away'), value: counts.away },
  ] as const;
  return (
    <div role="group" aria-label={t('agents')} data-tile="agents" data-tone={tone} className={cn('flex min-w-0 flex-col justify-between gap-1 rounded-xl px-4 py-3', TONE_CLASSES[tone])}>
      <div className="truncate text-[clamp(0.8rem,1.1vw,1.15rem)] font-medium tracking-wide uppercase">{t('agents')}</div>
      <dl className="grid grid-cols-4 gap-2">
        {states.map((state) => (
          <div key={state.key} data-agents={state.key} className="min-w-0">
            <dt className="truncate text-[clamp(0.7rem,0.9vw,0.95rem)] font-medium">{state.label}</dt>
            <dd className={cn('leading-none font-semibold tabular-nums', size === 'large' ? 'text-[clamp(1.75rem,3.2vw,3.5rem)]' : 'text-[clamp(1.25rem,1.9vw,2.25rem)]')}>
              {state.value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="min-h-[1.25em] truncate text-[clamp(0.8rem,1vw,1.05rem)] font-medium">{detail}</div>
    </div>
  );
}

const CONNECTION_DOTS: Record<ConnectionState, string> = {
  connecting: 'bg-slate-400',
  live: 'bg-emerald-400',
  reconnecting: 'bg-amber-400 motion-safe:animate-pulse',
};

export function ConnectionBadge({ connection }: { connection: ConnectionState }) {
  const t = useTranslations('live.connection');
  return (
    <span role="status" data-connection={connection} className="inline-flex items-center gap-2 rounded-full bg-slate-800 px-3 py-1 text-sm font-medium text-white">
      <span aria-hidden="true" className={cn('size-2.5 rounded-full', CONNECTION_DOTS[connection])} />
      {t(connection)}
    </span>
  );
}

/** A small pill in a site's header line: opening state, feed. */
export function Pill({ tone, children, id }: { tone: Tone; children: ReactNode; id: string }) {
  return (
    <span data-pill={id} data-tone={tone} className={cn('inline-flex items-center rounded-full px-3 py-0.5 text-[clamp(0.8rem,1vw,1.05rem)] font-medium', TONE_CLASSES[tone])}>
      {children}
    </span>
  );
}
