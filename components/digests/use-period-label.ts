'use client';
// A period of site-local days as the reader says it: "25 Nov 2026" or "23–29 Nov 2026". The days
// are read at noon UTC and formatted in UTC, so no reader's time zone can move them.
import { useFormatter } from 'next-intl';

export function usePeriodLabel() {
  const format = useFormatter();
  return (from: string, to: string) => {
    const start = new Date(`${from}T12:00:00Z`);
    const end = new Date(`${to}T12:00:00Z`);
    const options = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
    return from === to ? format.dateTime(start, options) : format.dateTimeRange(start, end, options);
  };
}
