// A site's coaching in one line of the digest, shared by the HTML and the plain text: coverage of
// the outlier flags, the median days to close a session, and the open and overdue sessions.
import type { CoachingLine } from '../content';
import { formatPercent } from './format';
import type { DigestStrings } from './strings';

export function coachingLine(c: CoachingLine, strings: DigestStrings, locale: string): string {
  const coverage = c.coverage === null ? strings.coaching.noFlag : strings.coaching.coverage(formatPercent(c.coverage, locale, 0), c.covered, c.judged);
  const days =
    c.medianDaysToClose === null
      ? strings.coaching.noneClosed
      : strings.coaching.timeToClose(new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(c.medianDaysToClose), c.closed);
  return `${coverage}; ${days}; ${strings.coaching.open(c.open, c.overdue)}`;
}
