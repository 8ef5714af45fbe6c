// The roster page's body as the browser first draws it (server-side rendering, the answers already
// in the cache): the import form for a lead, none for an HQ manager; tenure bands and attrition by
// month; the list with dates, tenure, a removed name and the removal button; in English and French.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@/components/forms/router-types';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import { attritionByMonth, tenureBands } from '@/lib/agents/tenure';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { AppRouter } from '@/server/trpc/root';
import { RosterView } from './roster-view';

type List = RouterOutputs['roster']['list'];
const FROM = '2026-02-01';
const TO = '2026-03-20';

const PEOPLE: List['people'] = [
  { agentRef: 'TUN-101', name: 'Amina Ben Salah', team: 'Facturation', startDate: '2025-01-06', endDate: null, nameRemovedAt: null, onHeadcount: true, tenureBand: 'y1to2' },
  { agentRef: 'TUN-102', name: null, team: 'Facturation', startDate: '2025-11-03', endDate: '2026-02-13', nameRemovedAt: '2026-03-01T08:00:00.000Z', onHeadcount: false, tenureBand: null },
  { agentRef: 'TUN-201', name: 'Sarra Jlassi', team: null, startDate: '2026-03-02', endDate: null, nameRemovedAt: null, onHeadcount: true, tenureBand: 'under3m' },
];

function draw(canEdit: boolean, locale: 'en' | 'fr' = 'en'): string {
  const queryClient = new QueryClient();
  // Never called: a server render runs no query and no mutation.
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  queryClient.setQueryData(trpc.roster.list.queryKey({ site: 'TUN' }), { site: { code: 'TUN', name: 'Tunis Lac' }, asOf: TO, canEdit, people: PEOPLE });
  queryClient.setQueryData(trpc.roster.summary.queryKey({ site: 'TUN', from: FROM, to: TO }), {
    site: 'TUN',
    from: FROM,
    to: TO,
    tenure: tenureBands(PEOPLE, TO),
    months: attritionByMonth(PEOPLE, { from: FROM, to: TO }),
    people: PEOPLE.length,
  });
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Africa/Tunis" now={new Date('2026-03-20T10:00:00Z')}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RosterView site="TUN" from={FROM} to={TO} />
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

function unlabelled(markup: string): string[] {
  const controls = [...markup.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
  const targets = new Set([...markup.matchAll(/<label\b[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]!));
  return controls.filter((id) => !targets.has(id));
}

describe('RosterView', () => {
  it('gives a lead the import form, every control labelled, and a removal button on each named person', () => {
    const markup = draw(true);
    const page = text(markup);
    expect(page).toContain('Import a roster file');
    expect(page).toContain('Check the file');
    expect(unlabelled(markup)).toEqual([]);
    expect(markup.match(/aria-label="Remove the name of [^"]+"/g)).toEqual(['aria-label="Remove the name of TUN-101"', 'aria-label="Remove the name of TUN-201"']);
  });

  it('draws the list with dates, tenure, the removed name and a leaver', () => {
    const page = text(draw(true));
    expect(page).toContain('3 people, 2 on the headcount on Mar 20, 2026');
    expect(page).toContain('TUN-101 Amina Ben Salah Facturation Jan 6, 2025 — 1–2 years');
    expect(page).toContain('TUN-102 Name removed Facturation Nov 3, 2025 Feb 13, 2026 Left');
    expect(page).toContain('TUN-201 Sarra Jlassi — Mar 2, 2026 — Under 3 months');
  });

  it('draws tenure bands and attrition by month', () => {
    const page = text(draw(false));
    expect(page).toContain('Under 3 months 1 50%');
    expect(page).toContain('1–2 years 1 50%');
    expect(page).toContain('Headcount 2');
    // February: one leaver (the 13th) over a mean headcount of 1 + 13/28.
    expect(page).toMatch(/February 2026 0 1 1\.5 68\.3%/);
    // March 1–20: Amina 20 days, Sarra from the 2nd 19 days: a mean of 1.95.
    expect(page).toContain('March 2026 (to Mar 20) 1 0 2 0%');
  });

  it('gives an HQ manager no import and no removal', () => {
    const markup = draw(false);
    expect(text(markup)).not.toContain('Import a roster file');
    expect(markup).not.toContain('Remove the name');
  });

  it('speaks French', () => {
    const page = text(draw(true, 'fr'));
    expect(page).toContain('Importer un fichier d\'effectif');
    expect(page).toContain('Moins de 3 mois');
    expect(page).toContain('Nom effacé');
    expect(page).toContain('Attrition par mois');
  });
});
