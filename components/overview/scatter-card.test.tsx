// The scatter cards' shared frame as the server draws it: the toggle's pressed option, which of
// the error, loading and empty states stands in for the chart, and the legend's links.
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en';
import { ScatterCard, ScatterLegend } from './scatter-card';

const range = { from: '2026-11-01', to: '2026-11-30' } as Parameters<typeof ScatterLegend>[0]['range'];

function draw(node: ReactNode): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={en} timeZone="Europe/Paris">
      {node}
    </NextIntlClientProvider>,
  );
}

function card(state: Partial<Parameters<typeof ScatterCard>[0]>): string {
  return draw(
    <ScatterCard
      id="t-title"
      title="Title"
      description="What it shows"
      qualities={['qa_score', 'csat']}
      quality="csat"
      onQuality={() => {}}
      qualityLabel="Quality measure"
      hasData
      isPending={false}
      isError={false}
      onRetry={() => {}}
      isEmpty={false}
      emptyTitle="Nothing to draw"
      chart={<p>the chart</p>}
      {...state}
    >
      <p>below</p>
    </ScatterCard>,
  );
}

describe('ScatterCard', () => {
  it('names the card by its title and presses the chosen quality in the options’ order', () => {
    const html = card({});
    expect(html).toContain('aria-labelledby="t-title"');
    expect(html).toContain('role="group" aria-label="Quality measure"');
    const pressed = [...html.matchAll(/aria-pressed="(true|false)"[^>]*>([^<]+)</g)].map((m) => [m[2], m[1]]);
    expect(pressed).toEqual([
      ['QA', 'false'],
      ['CSAT', 'true'],
    ]);
    expect(html).toContain('<p>the chart</p>');
    expect(html).toContain('<p>below</p>');
  });

  it('shows the error, then the loading state, while there is no data, and the empty state for no point', () => {
    expect(card({ hasData: false, isError: true })).toContain('Try again');
    expect(card({ hasData: false, isPending: true })).toContain('aria-busy="true"');
    const empty = card({ isEmpty: true, emptyDescription: 'Why' });
    expect(empty).toContain('Nothing to draw');
    expect(empty).toContain('Why');
    expect(empty).not.toContain('the chart');
    // Data already there keeps the chart through a refetch or a failed refetch.
    expect(card({ isPending: true, isError: true })).toContain('the chart');
  });
});

describe('ScatterLegend', () => {
  it('links each site code to its page, the reference site as a square with its figures', () => {
    const html = draw(<ScatterLegend label="Sites" range={range} items={[{ code: 'PAR', color: '#D55E00', square: true, detail: '€4.20 · 88% (reference)' }, { code: 'PLU', color: '#009E73' }]} />);
    expect(html).toContain('aria-label="Sites"');
    expect(html).toMatch(/<rect [^>]*fill="#D55E00" stroke="#0f172a"/);
    expect(html).toContain('<circle cx="5" cy="5" r="4.5" fill="#009E73">');
    expect(html.match(/<a [^>]*href="\/sites\/(PAR|PLU)[^"]*"/g)).toHaveLength(2);
    expect(html).toContain('€4.20 · 88% (reference)</span>');
    expect(html.match(/<span class="text-slate-600">/g)).toHaveLength(1);
  });
});
