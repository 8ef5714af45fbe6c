// The agents table's cells as the server draws them: the weekly AHT drawn in the HTML (no
// measuring), its figures told to assistive technology, and a flag naming its metric and direction
// in either language.
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en';
import fr from '@/messages/fr';
import { AhtSparkline } from './aht-sparkline';
import { OutlierBadges } from './outlier-badges';

describe('AhtSparkline', () => {
  it('draws the line in the server HTML and carries its figures as text', () => {
    const html = renderToStaticMarkup(<AhtSparkline values={[300, 320, null, 310]} label="Weekly AHT of T1: 5:00, 5:20, no handled call, 5:10" />);
    expect(html).toContain('<svg');
    expect(html).toMatch(/<path[^>]*stroke="#2563eb"/);
    expect(html).toContain('<span class="sr-only">Weekly AHT of T1: 5:00, 5:20, no handled call, 5:10</span>');
  });
});

describe('OutlierBadges', () => {
  const flags = [{ metric: 'aht' as const, direction: 'high' as const, value: 940, median: 302.5, z: 80.9 }];

  it('names the metric and direction, with the value, median and z', () => {
    const html = renderToStaticMarkup(
      <NextIntlClientProvider locale="en" messages={en} timeZone="UTC">
        <OutlierBadges flags={flags} />
      </NextIntlClientProvider>,
    );
    expect(html).toContain('AHT high</span>');
    expect(html).toContain('AHT 15:40 against a site median of 5:03 (z = +80.9)');
  });

  it('speaks French', () => {
    const html = renderToStaticMarkup(
      <NextIntlClientProvider locale="fr" messages={fr} timeZone="UTC">
        <OutlierBadges flags={[{ metric: 'qa_score', direction: 'low', value: 40, median: 85, z: -6.2 }]} />
      </NextIntlClientProvider>,
    );
    expect(html).toContain('Qualité basse</span>');
    expect(html).toContain('Qualité 40,0 pour une médiane du site de 85,0 (z = -6,2)');
  });

  it('draws nothing without a flag', () => {
    const html = renderToStaticMarkup(
      <NextIntlClientProvider locale="en" messages={en} timeZone="UTC">
        <OutlierBadges flags={[]} />
      </NextIntlClientProvider>,
    );
    expect(html).toBe('');
  });
});
