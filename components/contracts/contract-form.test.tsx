// The contract form and the statement as the browser first draws them (server-side rendering of
// the client components, the statement already in the query cache): the form's fields follow the
// pricing model (seats only per seat) and each term's metric (its unit in the threshold's label),
// and the statement shows its terms, periods, invoice lines and costs in the reader's language.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { AppRouter } from '@/server/trpc/root';
import { sampleStatement } from './statement-sample.test-data';
import { ContractForm } from './contract-form';
import { emptyTermValues, newVersionValues } from './contract-form-values';
import { StatementView } from './statement-view';

function draw(node: (trpc: ReturnType<typeof createTRPCOptionsProxy<AppRouter>>, queryClient: QueryClient) => ReactNode, locale: 'en' | 'fr' = 'en'): string {
  const queryClient = new QueryClient();
  // Never called: a server render runs no query and no mutation.
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const inner = node(trpc, queryClient);
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Europe/Paris">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {inner}
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const perSeat = {
  site: 'CAS',
  provider: 'in-house',
  currency: 'MAD',
  pricing: { model: 'per_seat_month' as const, rate: 9500, seats: 40, fixedMonthly: null },
  terms: [{ metric: 'ahtSeconds' as const, comparison: 'atMost' as const, threshold: 300, period: 'week' as const, allowedMisses: 1, penalty: { kind: 'fixed' as const, value: 500, cap: 2000 } }],
};

describe('ContractForm', () => {
  it('asks for seats for a per-seat price, and each term in its metric’s unit, read back in words', () => {
    const words = text(draw(() => <ContractForm initial={newVersionValues('CAS', '2027-01-01', perSeat, 'EUR')} onDone={() => undefined} />));
    expect(words).toContain('Seats billed');
    expect(words).toContain('Rate (MAD)');
    expect(words).toContain('Term 1');
    expect(words).toContain('Threshold (seconds)');
    expect(words).toContain('Reads: Average handle time ≤ 5:00 each week, 1 miss allowed, penalty MAD 500.00 per missed week, cap MAD 2,000.00');
  });

  it('leaves seats out for other prices and speaks French', () => {
    const initial = { ...newVersionValues('TUN', '2027-01-01', null, 'EUR'), terms: [{ ...emptyTermValues(), penaltyValue: '2' }] };
    const words = text(draw(() => <ContractForm initial={initial} onDone={() => undefined} />, 'fr'));
    expect(words).not.toContain('Postes facturés');
    expect(words).toContain('Seuil (%)');
    expect(words).toContain('Se lit : Niveau de service ≥ 80,0 % chaque semaine, aucun écart toléré, pénalité de 2 % du montant variable par semaine manquée');
    expect(words).toContain('Enregistrer la version');
  });
});

describe('StatementView', () => {
  const drawStatement = (locale: 'en' | 'fr', canClose: boolean) =>
    text(
      draw((trpc, queryClient) => {
        queryClient.setQueryData(trpc.contracts.statement.queryKey({ site: 'CAS', month: '2026-10' }), sampleStatement({ status: 'draft', closedAt: null, closedBy: null }));
        return <StatementView site="CAS" month="2026-10" canClose={canClose} monthOver />;
      }, locale),
    );

  it('shows the terms with their periods, the invoice lines, HQ’s currency and the costs', () => {
    const words = drawStatement('en', true);
    for (const expected of [
      'CAS · Casablanca — October 2026',
      'Draft',
      'Atlas Contact',
      'MAD 2.10 per handled call, fixed fees MAD 1,000.00 a month',
      '1. Service level ≥ 80.0% each week, 1 miss allowed',
      'Formula: calls answered within the SLA ÷ calls offered',
      'Sep 28, 2026 – Oct 4, 2026 75.0% 900 / 1,200 1,200 Missed',
      'No calls',
      '2 periods missed, 1 allowed',
      'Volume: 5,875 handled calls × MAD 2.10 MAD 12,337.50',
      'Fixed fees MAD 1,000.00',
      'Penalty: 1. Service level − MAD 246.75',
      'Bonus: 2. Quality score + MAD 300.00',
      'Invoice estimate MAD 13,390.75',
      'In EUR at 0.092 €1,231.95',
      'Per handled call MAD 2.2793',
      'Per resolved call MAD 2.8491',
      'Since it was closed',
      'Close month',
      'PDF',
      'CSV',
    ]) {
      expect(words, expected).toContain(expected);
    }
  });

  it('offers no close to a site lead, and speaks French', () => {
    const words = drawStatement('fr', false);
    expect(words).not.toContain('Clôturer le mois');
    expect(words).toContain('Facture estimée 13 390,75 MAD');
    expect(words).toContain('Brouillon');
  });
});
