'use client';
// The roster page's body: the import (for whoever may write the roster), tenure and attrition,
// and the list.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { RosterImport } from './roster-import';
import { RosterList } from './roster-list';
import { RosterSummary } from './roster-summary';

export function RosterView({ site, from, to }: { site: string; from: string; to: string }) {
  const trpc = useTRPC();
  // The list says whether the reader may edit; it is prefetched with the page.
  const canEdit = useQuery(trpc.roster.list.queryOptions({ site })).data?.canEdit ?? false;
  return (
    <div className="space-y-5">
      {canEdit ? <RosterImport site={site} /> : null}
      <RosterSummary site={site} from={from} to={to} />
      <RosterList site={site} />
    </div>
  );
}
