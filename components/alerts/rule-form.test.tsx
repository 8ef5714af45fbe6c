// The rule form as the browser first draws it (server-side rendering of the client component,
// with the sites already in the query cache): the fields follow the metric — its unit in the
// threshold's label, a window only for a metric that takes one, target thresholds only for a
// metric with a target, queues only for a metric measured per queue — and a stored webhook's
// secret is never shown, only said to be kept. (The values themselves reach the inputs once the
// form mounts in the browser; rule-form-values.test.ts checks them.)
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { RouterOutputs } from '@/components/forms/router-types';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { AppRouter } from '@/server/trpc/root';
import { RuleForm, type AlertRule } from './rule-form';

type Site = RouterOutputs['sites']['list'][number];

function draw(rule: AlertRule | null, locale: 'en' | 'fr' = 'en'): string {
  const queryClient = new QueryClient();
  // Never called: a server render runs no query and no mutation.
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'http://127.0.0.1:9/api/trpc', transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const sites = [
    { code: 'CAS', name: 'Casablanca', active: true },
    { code: 'TUN', name: 'Tunis', active: true },
    { code: 'OLD', name: 'Closed down', active: false },
  ] as unknown as Site[];
  queryClient.setQueryData(trpc.sites.list.queryKey(), sites);
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Europe/Paris">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RuleForm rule={rule} onDone={() => undefined} />
        </TRPCProvider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

const stored: AlertRule = {
  id: 3,
  name: 'Feed silent',
  metric: 'feedSilentMinutes',
  scope: { sites: ['CAS'], queues: [], network: false },
  window: null,
  comparison: 'above',
  threshold: 30,
  minVolume: 0,
  holdMinutes: 0,
  renotifyMinutes: null,
  severity: 'critical',
  channels: [
    { kind: 'email', to: ['ops@example.com'] },
    { kind: 'webhook', url: 'https://hooks.example.com/feed', format: 'slack', secretSet: true },
  ],
  quietWhenClosed: true,
  enabled: true,
  builtIn: null,
};

describe('the alert rule form', () => {
  it('starts a new rule on service level: a trailing window, worse than the target, the active sites to choose', () => {
    const html = draw(null);
    const shown = text(html);
    expect(shown).toContain('Service level (%)');
    expect(shown).toContain('Formula: inbound handled within the SLA ÷ offered');
    expect(html).toContain('<option value="target-red">Worse than the target&#x27;s red</option>');
    expect(shown).toContain('Trailing minutes');
    expect(shown).toContain('Queues');
    expect(shown).toContain('The network as one figure');
    expect(shown).toContain('CAS Casablanca');
    expect(shown).toContain('TUN Tunis');
    expect(shown).not.toContain('Closed down');
    // A target threshold: no number to type.
    expect(shown).not.toContain('Threshold (%)');
    expect(shown).toContain('Create rule');
  });

  it('edits a rule on a metric read as of now: no window, no queue, no target, the unit in the threshold label, the secret kept unseen', () => {
    const html = draw(stored);
    const shown = text(html);
    expect(shown).toContain('Read as of now: this metric takes no window.');
    expect(shown).not.toContain('Trailing minutes');
    expect(shown).not.toContain('Queues');
    expect(shown).not.toContain('The network as one figure');
    expect(html).not.toContain('value="target-red"');
    expect(shown).toContain('Threshold (minutes)');
    // The stored site ticked; the webhook listed, its secret a password field said to be kept.
    expect(html).toMatch(/<input type="checkbox" checked=""\/><span[^>]*>CAS<\/span>/);
    expect(html).toMatch(/<input type="checkbox"\/><span[^>]*>TUN<\/span>/);
    expect(shown).toContain('Webhook 1');
    expect(html).toMatch(/type="password"[^>]*name="webhooks.0.secret"/);
    expect(shown).toContain('Kept: leave empty to keep the stored secret.');
    expect(shown).toContain('Save rule');
  });

  it('speaks French, the ratio threshold typed as a percentage', () => {
    const shown = text(draw({ ...stored, metric: 'abandonRate', window: { period: 'today' }, threshold: 0.08, comparison: 'above' }, 'fr'));
    expect(shown).toContain('Taux d’abandon (%)');
    expect(shown).toContain('Formule : entrants abandonnés (hors abandons courts) ÷ présentés');
    expect(shown).not.toContain('inbound abandoned');
    expect(shown).toContain('Seuil (%)');
    expect(shown).toContain('Aujourd’hui (jour local du site)');
    expect(shown).toContain('Pire que le rouge de l’objectif');
    expect(shown).toContain('Enregistrer la règle');
  });
});
