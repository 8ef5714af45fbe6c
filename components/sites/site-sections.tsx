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
import { SiteQueues } from './site-queues';
import { SiteQaSection } from '@/components/qa/site-qa-section';
import { SiteMissionsSection } from '@/components/missions/site-missions-section';
import { SiteReportsSection } from '@/components/reports/site-reports-section';

export type SiteSectionProps = {
  /** The site, already checked readable by the viewer. */
  site: SiteFacts;
  /** The period chosen on the page (site-local days, both ends included). */
  range: DateRange;
};

export const SITE_SECTIONS: { id: string; Section: ComponentType<SiteSectionProps> }[] = [
  { id: 'kpis', Section: SiteKpiSummary },
  { id: 'trends', Section: SiteDailyTrends },
  { id: 'queues', Section: SiteQueues },
  { id: 'qa-categories', Section: SiteQaCategories },
  { id: 'quality', Section: SiteQaSection },
  { id: 'missions', Section: SiteMissionsSection },
  { id: 'reports', Section: SiteReportsSection },
  { id: 'feed', Section: SiteFeed },
];

export function SiteSections(props: SiteSectionProps) {
  return (
    <div className="space-y-5">
      {SITE_SECTIONS.map(({ id, Section }) => (
        <Section key={id} {...props} />
      ))}
    </div>
  );
}
