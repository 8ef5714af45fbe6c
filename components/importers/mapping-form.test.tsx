// The mappings page's client components as the browser first draws them (server-side rendering,
// the list already in the query cache): every control has its label, the direction and queue
// controls follow their mode, and the list shows the site's mappings with their actions only for
// whoever may write them, in English and French.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { NextIntlClientProvider } from 'next-intl';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { TRPCProvider } from '@/components/providers/trpc-provider';
import { csvMappingSchema } from '@/lib/importers/csv-mapping';
import en from '@/messages/en';
import fr from '@/messages/fr';
import type { AppRouter } from '@/server/trpc/root';
import { MappingForm } from './mapping-form';
import { emptyMappingValues, valuesFromMapping } from './mapping-form-values';
import { MappingsList } from './mappings-list';

const PBX = csvMappingSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'samples/csv/pbx-fr.mapping.json'), 'utf8')));

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

/** Every control's id, and every label's target: a control without a label is a defect. */
function unlabelled(markup: string): string[] {
  const controls = [...markup.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
  const targets = new Set([...markup.matchAll(/<label\b[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]!));
  return controls.filter((id) => !targets.has(id));
}

describe('MappingForm', () => {
  it('draws a saved mapping with a label for every control, the direction’s value lists, and its name fixed', () => {
    const html = draw(() => <MappingForm site="TUN" initial={valuesFromMapping(PBX)} editing onDone={() => {}} />);
    expect(unlabelled(html)).toEqual([]);
    expect(html).toContain('Values meaning inbound');
    expect(html).toContain('Try it on a sample');
    // Registered inputs take their values after mounting: the first drawing shows the modes the values choose.
    expect(html).toContain('Saving under another name would make a new mapping');
  });

  it('hides the direction columns when every call has one direction, and speaks French', () => {
    const html = draw(() => <MappingForm site="TUN" initial={emptyMappingValues('Africa/Tunis')} editing={false} onDone={() => {}} />, 'fr');
    expect(unlabelled(html)).toEqual([]);
    expect(html).not.toContain('Valeurs signifiant entrant');
    expect(html).toContain('Tous les appels sont entrants');
    expect(html).toContain('Lettres, chiffres, espaces');
  });
});

describe('MappingsList', () => {
  const saved = { site: 'TUN', name: 'pbx-fr', mapping: PBX, createdAt: '2026-11-02T09:00:00.000Z', createdBy: 'Lead', updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'Lead' };

  it('lists the site’s mappings, with edit and delete for whoever writes them', () => {
    const drawList = (canEdit: boolean) =>
      draw((trpc, queryClient) => {
        queryClient.setQueryData(trpc.importMappings.list.queryKey({ site: 'TUN' }), { mappings: [saved] });
        return <MappingsList site="TUN" siteTimeZone="Africa/Tunis" canEdit={canEdit} />;
      });
    const lead = drawList(true);
    expect(lead).toContain('pbx-fr');
    expect(lead).toContain('Europe/Paris');
    expect(lead).toContain('aria-label="Delete pbx-fr"');
    const hq = drawList(false);
    expect(hq).toContain('pbx-fr');
    expect(hq).not.toContain('Delete pbx-fr');
    expect(hq).not.toContain('New mapping');
  });

  it('says when the site has none yet', () => {
    const html = draw((trpc, queryClient) => {
      queryClient.setQueryData(trpc.importMappings.list.queryKey({ site: 'TUN' }), { mappings: [] });
      return <MappingsList site="TUN" siteTimeZone="Africa/Tunis" canEdit />;
    });
    expect(html).toContain('No mapping saved yet');
  });
});
