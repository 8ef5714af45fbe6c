import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { AgentDetail } from '@/components/agents/agent-detail';
import { paramsOf, readRange, withParams } from '@/components/kpi/dashboard-state';
import { RangePicker } from '@/components/kpi/range-picker';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { getServerCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../readable-site';

const AGENT_DEFAULT_PRESET = 'last_30_days' as const;

type Props = { params: Promise<{ code: string; agent: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code, agent }, t] = await Promise.all([params, getTranslations('agents')]);
  return { title: t('detailTitle', { agent: decodeURIComponent(agent), code: decodeURIComponent(code).toUpperCase() }) };
}

/**
 * The 404 page for an unknown site, another site of a lead, or an agent the site never saw: a
 * one-day read answers that (agents.get is NOT_FOUND whatever the range) without the period's work.
 */
async function ensureReadable(code: string, agentRef: string, day: string): Promise<{ code: string; name: string }> {
  const agent = await orNotFound(async () => (await getServerCaller()).agents.get({ site: code, agentRef, from: day, to: day }));
  return agent.site;
}

export default async function AgentPage({ params, searchParams }: Props) {
  await requireSignedIn();
  const [{ code, agent }, query, timeZone, t] = await Promise.all([params, searchParams, getTimeZone(), getTranslations('agents')]);
  const agentRef = decodeURIComponent(agent);
  const range = readRange(paramsOf(query), { now: new Date(), timeZone, defaultPreset: AGENT_DEFAULT_PRESET });
  const site = await ensureReadable(decodeURIComponent(code), agentRef, range.to);
  await prefetch(serverTRPC.agents.get.queryOptions({ site: site.code, agentRef, from: range.from, to: range.to }));
  const rangeParams = withParams('', { from: range.from, to: range.to });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
        <ol className="flex items-center gap-1">
          <li>
            <Link href={`/sites/${site.code}${rangeParams}`} prefetch={false} className="rounded font-mono text-brand-700 underline underline-offset-2">
              {site.code}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li>
            <Link href={`/sites/${site.code}/agents${rangeParams}`} prefetch={false} className="rounded text-brand-700 underline underline-offset-2">
              {t('detail.back')}
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          <li aria-current="page" className="font-mono">
            {agentRef}
          </li>
        </ol>
      </nav>
      <PageHeader title={t('detailTitle', { agent: agentRef, code: site.code })} description={site.name} />
      <div className="mb-5 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
        <RangePicker defaultPreset={AGENT_DEFAULT_PRESET} />
      </div>
      <HydrateClient>
        <AgentDetail site={site.code} agentRef={agentRef} range={{ from: range.from, to: range.to }} />
      </HydrateClient>
    </>
  );
}
