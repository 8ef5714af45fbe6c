// How a wallboard reads a snapshot: which queue figures are present, stale or unknown as of the
// server's clock, and the RAG of a tile by the site's targets (lib/kpi's ragOf, the one rule the
// whole app colours by). Pure, so that what a screen shows is tested without a browser.
import { ragOf, type Rag } from '@/lib/kpi/definitions';
import { WALLBOARD_TARGET_METRICS, type WallboardQueueNow, type WallboardSite, type WallboardSnapshot, type WallboardTargetedFigure } from '@/lib/live/wallboard';
import { isStale } from '@/lib/queue-status/input';

/**
 * The server's clock now, as this browser can know it: the snapshot's time plus what elapsed here
 * since it arrived. A status goes stale on the board even when no new snapshot comes (a site that
 * stopped pushing changes nothing), and the browser's own clock, perhaps minutes off, never judges it.
 */
export function serverNowOf(snapshot: Pick<WallboardSnapshot, 'generatedAt'>, receivedAt: number, clientNow: number): Date {
  return new Date(Date.parse(snapshot.generatedAt) + Math.max(0, clientNow - receivedAt));
}

export type QueueFigures = Pick<WallboardQueueNow, 'waiting' | 'longestWaitSeconds' | 'agentsAvailable' | 'agentsBusy' | 'agentsWrapUp' | 'agentsAway'>;

export type QueueView =
  /** No status ever pushed: nothing to show, "—" rather than zero. */
  | { state: 'none' }
  /** Figures of fresh statuses. */
  | { state: 'fresh'; figures: QueueFigures }
  /** The last known figures, greyed, with the time of the newest status they come from. */
  | { state: 'stale'; figures: QueueFigures; since: string };

const FIGURE_KEYS = ['waiting', 'longestWaitSeconds', 'agentsAvailable', 'agentsBusy', 'agentsWrapUp', 'agentsAway'] as const;

function figuresOf(source: QueueFigures): QueueFigures {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, source[key]])) as QueueFigures;
}

/** The last known state of a site whose every status is stale: each queue's last status, together. */
function lastKnownFigures(queues: readonly QueueFigures[]): QueueFigures {
  const figures: QueueFigures = { waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsBusy: 0, agentsWrapUp: 0, agentsAway: 0 };
  for (const queue of queues) {
    for (const key of FIGURE_KEYS) {
      // The longest wait of a site is its longest queue's; the others add up.
      figures[key] = key === 'longestWaitSeconds' ? Math.max(figures[key], queue[key]) : figures[key] + queue[key];
    }
  }
  return figures;
}

function newest(instants: readonly string[]): string | null {
  let best: string | null = null;
  for (const at of instants) if (best === null || Date.parse(at) > Date.parse(best)) best = at;
  return best;
}

/** What a site's "now" tiles show, as of the server's clock. */
export function siteQueueView(queueNow: WallboardQueueNow, serverNow: Date): QueueView {
  const latest = queueNow.at ?? newest(queueNow.queues.map((q) => q.at));
  if (latest === null) return { state: 'none' };
  if (queueNow.stale) return { state: 'stale', figures: lastKnownFigures(queueNow.queues), since: latest };
  // Fresh when the server built the snapshot, gone stale since without a new one.
  if (isStale(latest, serverNow)) return { state: 'stale', figures: figuresOf(queueNow), since: latest };
  return { state: 'fresh', figures: figuresOf(queueNow) };
}

/** One queue's row on a site board. */
export function queueRowView(queue: WallboardQueueNow['queues'][number], serverNow: Date): QueueView {
  if (queue.stale || isStale(queue.at, serverNow)) return { state: 'stale', figures: figuresOf(queue), since: queue.at };
  return { state: 'fresh', figures: figuresOf(queue) };
}

/** Sites of a board whose queue status is stale, and those that never sent one. */
export function queueStatusSummary(sites: readonly WallboardSite[], serverNow: Date): { stale: number; none: number } {
  let stale = 0;
  let none = 0;
  for (const site of sites) {
    const view = siteQueueView(site.queueNow, serverNow);
    if (view.state === 'stale') stale++;
    if (view.state === 'none') none++;
  }
  return { stale, none };
}

export type TargetedFigure = WallboardTargetedFigure;

/** The RAG of one of a site's figures today against its target; null without a value or a target. */
export function tileRag(site: Pick<WallboardSite, 'today' | 'targets'>, figure: TargetedFigure): Rag | null {
  return ragOf(WALLBOARD_TARGET_METRICS[figure], site.today[figure], site.targets[figure]);
}

export type Tone = Rag | 'neutral' | 'stale';

/** A tile's colours on the board's dark background; the word beside the figure says the same. */
export const TONE_CLASSES: Record<Tone, string> = {
  green: 'bg-emerald-700 text-white',
  amber: 'bg-amber-400 text-slate-950',
  red: 'bg-red-700 text-white',
  neutral: 'bg-slate-800 text-white',
  stale: 'bg-slate-800/60 text-slate-400',
};

export function toneOfRag(rag: Rag | null): Tone {
  return rag ?? 'neutral';
}

/** A site's feed as a tone: live is good news, late is bad, no feed yet or a closed site is neither. */
export function feedTone(status: WallboardSite['feed']['status']): Tone {
  switch (status) {
    case 'live':
      return 'green';
    case 'late':
      return 'red';
    default:
      return 'neutral';
  }
}
