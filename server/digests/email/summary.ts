// The headline of a digest: what needs attention, counted, in the recipient's language. Shared
// by the HTML part, the text part and the preview line so the three always agree.
import type { digestTotals } from '../content';
import type { DigestStrings } from './strings';

type Totals = ReturnType<typeof digestTotals>;

export function summaryItems(totals: Totals, strings: DigestStrings): string[] {
  const s = strings.summary;
  return [
    totals.breaches > 0 ? s.breaches(totals.breaches) : null,
    totals.missingReports > 0 ? s.missingReports(totals.missingReports) : null,
    totals.lateReports > 0 ? s.lateReports(totals.lateReports) : null,
    totals.staleFeeds > 0 ? s.staleFeeds(totals.staleFeeds) : null,
    totals.missionsBehind > 0 ? s.missionsBehind(totals.missionsBehind) : null,
    totals.calibrationDrift > 0 ? s.calibrationDrift(totals.calibrationDrift) : null,
  ].filter((line): line is string => line !== null);
}
