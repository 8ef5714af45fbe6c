// The daily report form's optional productive hours: the field as the browser first draws it
// (server-side rendering, in English and French, empty or with the stored value) and the value it
// sends the API (null when empty, never 0).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { ReportView } from '@/server/reports/service';
import type { AppRouter } from '@/server/trpc/root';
import { submitReportInput } from '@/lib/reports/report-input';
import { ReportForm } from './report-form';
import { hoursText, optionalHours } from './report-form-values';

function draw(report: ReportView | null, locale: 'en' | 'fr' = 'en'): string {
  const queryClient = new QueryClient();
  // Never called: a server render runs no mutation.
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Europe/Paris">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <ReportForm date="2026-11-16" report={report} />
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const input = (markup: string) => /<input[^>]*id="report-productive-hours"[^>]*>/.exec(markup)?.[0] ?? '';

const stored = {
  site: 'MRU',
  date: '2026-11-16',
  scheduledAgents: 12,
  presentAgents: 11,
  leavers: 0,
  incidents: [],
  highlights: '',
  blockers: '',
  productiveHours: 71.25,
} as unknown as ReportView;

describe('the report form’s productive hours', () => {
  it('offers an optional decimal field, labelled in English and French', () => {
    const markup = draw(null);
    expect(markup).toContain('Productive hours');
    expect(input(markup)).toContain('step="0.25"');
    expect(input(markup)).toContain('value=""');
    expect(input(markup)).not.toContain('required');
    expect(draw(null, 'fr')).toContain('Heures productives');
  });

  it('shows a stored report’s hours', () => {
    expect(input(draw(stored))).toContain('value="71.25"');
    expect(input(draw({ ...stored, productiveHours: null }))).toContain('value=""');
  });

  it('sends null for an empty field and a number otherwise, which the shared schema accepts', () => {
    expect(hoursText(null)).toBe('');
    expect(hoursText(412.5)).toBe('412.5');
    expect(optionalHours('')).toBeNull();
    expect(optionalHours('  ')).toBeNull();
    expect(optionalHours('412.5')).toBe(412.5);
    expect(optionalHours('412,5')).toBe(412.5);
    expect(optionalHours('0')).toBe(0);
    const base = { date: '2026-11-16', scheduledAgents: 12, presentAgents: 11 };
    expect(submitReportInput.safeParse({ ...base, productiveHours: optionalHours('') }).success).toBe(true);
    expect(submitReportInput.safeParse({ ...base, productiveHours: optionalHours('71.25') }).data?.productiveHours).toBe(71.25);
    // Not a number: sent as NaN so that the server refuses it and names the field.
    expect(optionalHours('seven')).toBeNaN();
    const refused = submitReportInput.safeParse({ ...base, productiveHours: optionalHours('seven') });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['productiveHours']);
  });
});
