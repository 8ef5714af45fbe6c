'use client';
// The clock for relative times ("11m ago") in client components. The first render reads next-intl's
// `now`, the moment the server drew the page with (i18n/request.ts), so that hydration matches the
// server's HTML; from the first commit on it reads the browser's clock. Without the second half, a
// component first drawn after a client-side navigation would keep the moment the whole page was
// loaded (the provider's `now` does not change while the layout stays) until its first tick, or for
// good without an interval.
import { useNow } from 'next-intl';
import { useEffect, useState } from 'react';

export function useClockNow(updateInterval?: number): Date {
  const ticking = useNow(updateInterval === undefined ? undefined : { updateInterval });
  const [mountedAt, setMountedAt] = useState<Date | null>(null);
  useEffect(() => setMountedAt(new Date()), []);
  return mountedAt !== null && mountedAt.getTime() > ticking.getTime() ? mountedAt : ticking;
}
