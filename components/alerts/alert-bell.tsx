'use client';
// The bell in the top bar: how many alerts the reader has not seen yet, a link to /alerts (which
// marks them seen). A badge, not a live view: read again every 30 s and when the window regains
// focus, which is soon enough for something meant to be noticed, not watched.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';

export const BELL_REFRESH_MS = 30_000;

export function useUnreadAlerts(options: { refetchOnMount?: 'always' } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.alerts.unread.queryOptions(), refetchInterval: BELL_REFRESH_MS, refetchOnWindowFocus: true, ...options });
}

export function AlertBell() {
  const unread = useUnreadAlerts();
  return <AlertBellLink count={unread.data?.count ?? 0} />;
}

/** The bell itself, given its count: its name says the count ("3 unread alerts"), the badge shows it. */
export function AlertBellLink({ count }: { count: number }) {
  const t = useTranslations('alerts.bell');
  return (
    <Link
      prefetch={false}
      href="/alerts"
      aria-label={t('label', { count })}
      title={t('label', { count })}
      data-unread={count}
      className="relative grid size-8 place-items-center rounded-md text-slate-100 hover:bg-white/10"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 9a6 6 0 1 1 12 0c0 5 2 6.5 2 6.5H4S6 14 6 9Zm4 9.5a2 2 0 0 0 4 0" />
      </svg>
      {count > 0 ? (
        <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
          {count > 99 ? t('many') : count}
        </span>
      ) : null}
    </Link>
  );
}
