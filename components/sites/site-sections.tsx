// The sections of a site page, in order. Each is a component taking SiteSectionProps; another
// part of the product adds its own section (e.g. mission progress, daily reports) with one line
// here.
import type { ComponentType } from 'react';
import type { DateRange } from '@/lib/kpi/periods';
import type { SiteFacts } from '@/server/kpi/site-facts';
import { SiteDailyTrends } from './site-daily-trends';
import { SiteFeed } from './site-feed';
import { SiteKpiSummary } from './site-kpi-summary';
import { SiteQaCategories } from './site-qa-categories';
import { SiteOutOfHours } from './site-out-of-hours';
import { SiteQueues } from './site-queues';
import { SiteNow, SiteTodayIntervals, SiteTodaySummary } from './site-today';
import { SiteQaSection } from '@/components/qa/site-qa-section';
import { SiteMissionsSection } from '@/components/missions/site-missions-section';
import { SiteReportsSection } from '@/components/reports/site-reports-section';
import { SiteCoaching } from './site-coaching';

export type SiteSectionProps = {
  /** The site, already checked readable by the viewer. */
  site: SiteFacts;
  /** The period chosen on the page (site-local days, both ends included); on "Today", the site's local today. */
  range: DateRange;
  /** "Today": the day so far against last week at the same local time, in place of the period's figures and trend. */
  live?: boolean;
};

export const SITE_SECTIONS: { id: string; Section: ComponentType<SiteSectionProps> }[] = [
  { id: 'kpis', Section: SiteKpiSummary },
  { id: 'trends', Section: SiteDailyTrends },
  { id: 'out-of-hours', Section: SiteOutOfHours },
  { id: 'queues', Section: SiteQueues },
  { id: 'qa-categories', Section: SiteQaCategories },
  { id: 'quality', Section: SiteQaSection },
  { id: 'missions', Section: SiteMissionsSection },
  { id: 'reports', Section: SiteReportsSection },
  { id: 'coaching', Section: SiteCoaching },
  { id: 'feed', Section: SiteFeed },
];

/** On "Today", the day so far, its intervals and the queues now take the period's figures' and trend's places. */
const TODAY_SECTIONS: { id: string; Section: ComponentType<SiteSectionProps> }[] = [
  { id: 'today', Section: SiteTodaySummary },
  { id: 'intervals', Section: SiteTodayIntervals },
  { id: 'now', Section: SiteNow },
];

export function SiteSections(props: SiteSectionProps) {
  const sections = props.live ? [...TODAY_SECTIONS, ...SITE_SECTIONS.filter((s) => s.id !== 'kpis' && s.id !== 'trends')] : SITE_SECTIONS;
  return (
    <div className="space-y-5">
      {sections.map(({ id, Section }) => (
        <Section key={id} {...props} />
      ))}
    </div>
  );
}
