// The coaching components as the browser first draws them (server-side rendering, the queries'
// answers already in the cache): the agent's sessions with their status and actions for whoever
// runs coaching, none for HQ managers, the flags to coach on, the empty state, the open form with
// a label on every control, and the site page's figures, in English and French.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@/components/forms/router-types';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { AppRouter } from '@/server/trpc/root';
import { SiteCoaching } from '@/components/sites/site-coaching';
import { AgentCoaching } from './agent-coaching';
import { OpenCoachingForm } from './open-coaching-form';

type Trpc = ReturnType<typeof createTRPCOptionsProxy<AppRouter>>;

function draw(node: (trpc: Trpc, queryClient: QueryClient) => ReactNode, locale: 'en' | 'fr' = 'en'): string {
  const queryClient = new QueryClient();
  // Never called: a server render runs no query and no mutation.
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const inner = node(trpc, queryClient);
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Africa/Tunis" now={new Date('2026-03-20T10:00:00Z')}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {inner}
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

function unlabelled(markup: string): string[] {
  const controls = [...markup.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
  const targets = new Set([...markup.matchAll(/<label\b[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]!));
  return controls.filter((id) => !targets.has(id));
}

type Session = RouterOutputs['coaching']['list']['sessions'][number];
const session = (over: Partial<Session>): Session => ({
  id: 1,
  site: 'TUN',
  agentRef: 'AG-1',
  status: 'open',
  source: 'outlier',
  sourceEvaluationId: null,
  sourceMetric: 'aht',
  objective: 'Shorter holds',
  owner: { id: 3, name: 'Leila Lead' },
  dueDate: '2026-03-19',
  overdue: true,
  openedAt: new Date('2026-03-10T09:00:00Z'),
  openedBy: 'Leila Lead',
  closedAt: null,
  closedBy: null,
  followUpEvaluationId: null,
  dropReason: null,
  candidates: [{ id: 42, evaluatedAt: new Date('2026-03-18T09:00:00Z'), day: '2026-03-18', score: 81.25 }],
  ...over,
});
const SESSIONS = [
  session({}),
  session({ id: 2, status: 'done', overdue: false, source: 'evaluation', sourceEvaluationId: 7, sourceMetric: null, followUpEvaluationId: 9, candidates: [] }),
  session({ id: 3, status: 'dropped', overdue: false, dropReason: 'Left the site', candidates: [] }),
];
const me = (role: 'site_lead' | 'hq_manager') => ({
  id: 3,
  email: 'x@x.test',
  name: 'X',
  role,
  locale: 'en' as const,
  site: role === 'site_lead' ? { id: 1, code: 'TUN', name: 'Tunis' } : null,
});

function drawAgent(role: 'site_lead' | 'hq_manager', sessions: Session[], locale: 'en' | 'fr' = 'en') {
  return draw((trpc, queryClient) => {
    queryClient.setQueryData(trpc.users.me.queryKey(), me(role));
    queryClient.setQueryData(trpc.coaching.list.queryKey({ site: 'TUN', agentRef: 'AG-1' }), { site: 'TUN', sessions });
    return <AgentCoaching siteCode="TUN" agentRef="AG-1" flags={[{ metric: 'aht', direction: 'high' }]} />;
  }, locale);
}

describe('AgentCoaching', () => {
  it("lists the agent's sessions with status, owner, objective and due date, and the lead's actions on the open one", () => {
    const html = drawAgent('site_lead', SESSIONS);
    for (const text of ['Open', 'Overdue', 'Done', 'Dropped', 'Shorter holds', 'Leila Lead', 'From the AHT flag', 'From evaluation #7', 'Closed with evaluation #9', 'Dropped: Left the site']) {
      expect(html).toContain(text);
    }
    expect(html.match(/Close with follow-up/g)).toHaveLength(1);
    expect(html.match(/>Drop</g)).toHaveLength(1);
    expect(html).toContain('Coach on AHT (high)');
  });

  it('shows HQ managers the sessions without actions, and says when there is none, in French too', () => {
    const hq = drawAgent('hq_manager', SESSIONS);
    expect(hq).toContain('Shorter holds');
    expect(hq).not.toContain('Close with follow-up');
    expect(hq).not.toContain('Coach on');
    expect(drawAgent('site_lead', [])).toContain('No coaching session for this agent yet');
    const french = drawAgent('site_lead', SESSIONS, 'fr');
    expect(french).toContain('En retard');
    expect(french).toContain('Clôturer avec un suivi');
    expect(french).toContain('Coacher sur DMT (élevé)');
  });
});

describe('OpenCoachingForm', () => {
  it('labels every control and offers the owners who may run the session', () => {
    const html = draw((trpc, queryClient) => {
      queryClient.setQueryData(trpc.coaching.owners.queryKey({ site: 'TUN' }), {
        site: 'TUN',
        owners: [{ id: 3, name: 'Leila Lead', email: 'lead@x.test', role: 'site_lead' as const }],
      });
      return (
        <OpenCoachingForm
          siteCode="TUN"
          agentRef="AG-1"
          source={{ kind: 'evaluation', evaluationId: 7 }}
          defaultObjective="Work on the points evaluation #7 raised."
          defaultOwnerId={3}
          defaultDueDate="2026-04-03"
          onDone={() => {}}
        />
      );
    });
    expect(unlabelled(html)).toEqual([]);
    // Registered controls take their values after mounting (the browser test sees the prefilled objective).
    expect(html).toContain('Leila Lead (lead@x.test)');
    expect(html).toContain('Open the session');
  });
});

describe('SiteCoaching', () => {
  it('shows coverage within 14 days, the median time to close, open and overdue, and links to the agents', () => {
    const range = { from: '2026-03-01', to: '2026-03-14' };
    const html = draw((trpc, queryClient) => {
      queryClient.setQueryData(trpc.coaching.summary.queryKey({ site: 'TUN', ...range }), {
        site: 'TUN',
        ...range,
        coverage: { flags: 5, covered: 3, pending: 1, missed: 1, coverage: 0.75 },
        flags: [],
        timeToClose: { closed: 2, medianDays: 2.5, meanDays: 2.5 },
        open: 4,
        overdue: 1,
      });
      return <SiteCoaching site={{ code: 'TUN' } as Parameters<typeof SiteCoaching>[0]['site']} range={range} />;
    });
    expect(html).toContain('75%');
    expect(html).toContain('3 of 4 flags covered · 1 still in their window');
    expect(html).toContain('2.5 d');
    expect(html).toContain('2 sessions closed in the period');
    expect(html).toContain('href="/sites/TUN/agents"');
  });
});
