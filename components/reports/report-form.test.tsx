// The daily report form's optional productive hours: the field as the browser first draws it
// (server-side rendering, in English and French), the values it starts from (the stored report's)
// and the input it sends (null when empty, never 0), checked in the browser by the API's schema.
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
import { hoursText, optionalHours, reportInputOf, reportResolver, reportValuesOf } from './report-form-values';

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
    expect(input(markup)).toContain('name="productiveHours"');
    expect(input(markup)).not.toContain('required');
    expect(draw(null, 'fr')).toContain('Heures productives');
  });

  it('starts from a stored report’s hours, empty when it did not count them', () => {
    expect(reportValuesOf(stored).productiveHours).toBe('71.25');
    expect(reportValuesOf({ ...stored, productiveHours: null }).productiveHours).toBe('');
    expect(reportValuesOf(null)).toMatchObject({ productiveHours: '', leavers: '0', incidents: [] });
    expect(reportInputOf('2026-11-16', reportValuesOf(stored))).toMatchObject({ date: '2026-11-16', scheduledAgents: 12, presentAgents: 11, leavers: 0, productiveHours: 71.25 });
  });

  it('refuses in the browser what the API would, by field, and lets a valid report through', async () => {
    const resolve = reportResolver('2026-11-16');
    const options = { fields: {}, shouldUseNativeValidation: false } as never;
    const valid = await resolve({ ...reportValuesOf(stored), productiveHours: '' }, undefined, options);
    expect(valid.errors).toEqual({});
    const refused = await resolve({ ...reportValuesOf(stored), productiveHours: '-3', scheduledAgents: '' }, undefined, options);
    expect(Object.keys(refused.errors).sort()).toEqual(['productiveHours', 'scheduledAgents']);
    const incident = await resolve({ ...reportValuesOf(stored), incidents: [{ category: 'power', description: '', minutesLost: '2000' }] }, undefined, options);
    expect(Object.keys(incident.errors)).toEqual(['incidents']);
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
