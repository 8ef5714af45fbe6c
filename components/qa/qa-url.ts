// The state of the QA pages lives in the URL, so that a link shows what its sender saw. Pure:
// reading takes the URL's parameters (and, for defaults, the clock and the reader's time zone).
import { checkRange, shiftDay, todayIn, type DateRange } from '@/lib/kpi/periods';

export type ParamRecord = Record<string, string | string[] | undefined>;

export const REVIEW_FILTERS = ['rescored', 'not_rescored', 'dispute_open', 'dispute_upheld', 'dispute_rejected'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export type QaListState = {
  site?: string;
  agent?: string;
  evaluator?: string;
  form?: string;
  from?: string;
  to?: string;
  review?: ReviewFilter;
  page: number;
};

/** Weeks a QA trend shows when the URL names no period. */
export const DEFAULT_TREND_WEEKS = 12;

function first(params: ParamRecord, name: string): string | undefined {
  const value = params[name];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}

const clip = (text: string | undefined) => (text === undefined ? undefined : text.slice(0, 128));

/** What the URL asks for; anything malformed is ignored rather than refused. */
export function readQaListState(params: ParamRecord): QaListState {
  const site = first(params, 'site')?.toUpperCase();
  const form = first(params, 'form')?.toUpperCase();
  const review = first(params, 'review');
  const page = Number(first(params, 'page') ?? '1');
  let from = first(params, 'from');
  let to = first(params, 'to');
  if (from && to) {
    if (!checkRange(from, to).ok) from = to = undefined;
  } else if (from || to) {
    // One end alone: a single day.
    const day = (from ?? to)!;
    from = to = checkRange(day, day).ok ? day : undefined;
  }
  return {
    site: site && /^[A-Z]{2,8}$/.test(site) ? site : undefined,
    agent: clip(first(params, 'agent')),
    evaluator: clip(first(params, 'evaluator')),
    form: form && /^[A-Z0-9_-]{1,32}$/.test(form) ? form : undefined,
    from,
    to,
    review: (REVIEW_FILTERS as readonly string[]).includes(review ?? '') ? (review as ReviewFilter) : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The input of qa.evaluations.list for a state. */
export function listInputOf(state: QaListState, pageSize = 50) {
  const review = state.review;
  return {
    site: state.site,
    agent: state.agent,
    evaluator: state.evaluator,
    form: state.form,
    from: state.from,
    to: state.to,
    rescored: review === 'rescored' ? true : review === 'not_rescored' ? false : undefined,
    dispute:
      review === 'dispute_open' ? ('open' as const) : review === 'dispute_upheld' ? ('upheld' as const) : review === 'dispute_rejected' ? ('rejected' as const) : undefined,
    page: state.page,
    pageSize,
  };
}

/** `/qa` with a state's parameters, in a stable order, leaving out what is unset. */
export function qaListHref(state: QaListState, changes: Partial<QaListState> = {}): string {
  const next = { ...state, ...changes };
  const query = new URLSearchParams();
  for (const key of ['site', 'agent', 'evaluator', 'form', 'from', 'to', 'review'] as const) {
    const value = next[key];
    if (value) query.set(key, value);
  }
  if (next.page > 1) query.set('page', String(next.page));
  const text = query.toString();
  return text ? `/qa?${text}` : '/qa';
}

/** The period a trend shows: the URL's, or the last DEFAULT_TREND_WEEKS weeks ending yesterday. */
export function trendRange(state: Pick<QaListState, 'from' | 'to'>, now: Date, timeZone: string): DateRange {
  if (state.from && state.to) return { from: state.from, to: state.to };
  const yesterday = shiftDay(todayIn(now, timeZone), -1);
  return { from: shiftDay(yesterday, -(DEFAULT_TREND_WEEKS * 7 - 1)), to: yesterday };
}
