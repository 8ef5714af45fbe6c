// An alert and the bell as the browser first draws them (server-side rendering of the client
// components): the value against its threshold in the metric's unit and the reader's language,
// the window, the times in the reader's time zone, the figures and formula; the bell's name says
// its count.
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en';
import fr from '@/messages/fr';
import { AlertBellLink } from './alert-bell';
import { AlertItem, type AlertView } from './alert-item';

function draw(node: React.ReactNode, locale: 'en' | 'fr' = 'en'): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Europe/Paris" now={new Date('2026-12-03T09:00:00Z')}>
      {node}
    </NextIntlClientProvider>,
  );
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/\s+/g, ' ');

const serviceLevel: AlertView = {
  id: 42,
  rule: { id: 7, name: 'SL under red' },
  site: 'CAS',
  siteName: 'Casablanca',
  queue: 'billing',
  metric: 'serviceLevel',
  severity: 'critical',
  state: 'resolved',
  firedAt: '2026-12-02T13:05:00.000Z',
  resolvedAt: '2026-12-02T14:20:00.000Z',
  value: 0.625,
  resolvedValue: 0.81,
  threshold: 0.7,
  comparison: 'below',
  window: { trailingMinutes: 60 },
  figures: { numerator: 25, denominator: 40, volume: 40, formula: 'inbound handled within the SLA ÷ offered', from: '2026-12-02T12:05:00.000Z', to: '2026-12-02T13:05:00.000Z' },
};

describe('an alert in the history', () => {
  it('says which rule, where, how bad, its value against the threshold over its window, and when, in English', () => {
    const html = draw(<AlertItem alert={serviceLevel} focused={false} />);
    const shown = text(html);
    expect(shown).toContain('Critical');
    expect(shown).toContain('Resolved');
    expect(shown).toContain('SL under red');
    expect(shown).toContain('CAS · Casablanca · queue billing');
    expect(shown).toContain('Service level 62.5% below 70.0%');
    expect(shown).toContain('Window: last 60 min');
    expect(shown).toContain('at recovery: 81.0%');
    // 13:05 UTC is 14:05 in Paris, the reader's time zone.
    expect(shown).toMatch(/Fired Dec 2, 2026, 2:05\s?PM/);
    expect(shown).toMatch(/resolved Dec 2, 2026, 3:20\s?PM/);
    expect(html).toContain('dateTime="2026-12-02T13:05:00.000Z"');
    expect(html).toContain('id="alert-42"');
  });

  it('keeps the figures and formula in a disclosure, open when the alert is the one linked to', () => {
    const closed = draw(<AlertItem alert={serviceLevel} focused={false} />);
    expect(closed).toMatch(/<details class="[^"]*">/);
    const shown = text(closed);
    expect(shown).toContain('Figures and formula');
    expect(shown).toContain('Numerator 25');
    expect(shown).toContain('Denominator 40');
    expect(shown).toContain('Formula inbound handled within the SLA ÷ offered');
    expect(draw(<AlertItem alert={serviceLevel} focused />)).toMatch(/<details open="" class="[^"]*">/);
  });

  it('speaks French with French numbers, and names a network alert and a metric read as of now', () => {
    const feed: AlertView = {
      ...serviceLevel,
      site: null,
      siteName: null,
      queue: null,
      metric: 'feedSilentMinutes',
      severity: 'warning',
      state: 'firing',
      resolvedAt: null,
      value: 42,
      resolvedValue: null,
      threshold: 30,
      comparison: 'above',
      window: null,
      figures: { formula: 'opening minutes since the last accepted push' },
    };
    const shown = text(draw(<AlertItem alert={feed} focused={false} />, 'fr'));
    expect(shown).toContain('Avertissement');
    expect(shown).toContain('En cours');
    expect(shown).toContain('Réseau');
    expect(shown).toContain('Flux muet 42 min au-dessus de 30 min');
    expect(shown).toContain('Fenêtre : maintenant');
    expect(shown).not.toContain('résolue');
    const french = text(draw(<AlertItem alert={serviceLevel} focused={false} />, 'fr'));
    expect(french).toContain('Niveau de service 62,5 % sous 70,0 %');
    // The formula in the reader's language, from the metric, though the alert recorded it in English.
    expect(french).toContain('Formule entrants traités dans le délai ÷ présentés');
    expect(french).not.toContain('inbound handled');
    expect(french).toMatch(/Déclenchée 2 déc\. 2026, 14:05/);
  });
});

describe('the bell', () => {
  it('is named by its count, shows it in a badge (99+ beyond), and none when nothing is unread', () => {
    const three = draw(<AlertBellLink count={3} />);
    expect(three).toContain('aria-label="3 unread alerts"');
    expect(three).toContain('href="/alerts"');
    expect(text(three).trim()).toBe('3');
    expect(draw(<AlertBellLink count={1} />)).toContain('aria-label="1 unread alert"');
    expect(text(draw(<AlertBellLink count={120} />)).trim()).toBe('99+');
    const none = draw(<AlertBellLink count={0} />);
    expect(none).toContain('aria-label="No unread alerts"');
    expect(text(none).trim()).toBe('');
    expect(draw(<AlertBellLink count={2} />, 'fr')).toContain('aria-label="2 alertes non lues"');
  });
});
