// The board as a browser first draws it (server-side rendering of the client component): figures
// in the viewer's language, colours by the targets, a stale queue status greyed with its time,
// "—" for a ratio without a denominator.
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import en from '@/messages/en';
import fr from '@/messages/fr';
import { Wallboard } from './wallboard';
import { wallboardSiteFixture, wallboardSnapshotFixture } from './wallboard-fixture';

function draw(snapshot: WallboardSnapshot, layout: 'network' | 'site', locale: 'en' | 'fr' = 'en'): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Europe/Paris" now={new Date(snapshot.generatedAt)}>
      <Wallboard initial={snapshot} siteCodes={null} layout={layout} exitHref="/" />
    </NextIntlClientProvider>,
  );
}

/** The markup from `start` to the next `until` (or the end). */
function slice(html: string, start: string, until: string): string {
  const from = html.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  const to = html.indexOf(until, from + start.length);
  return html.slice(from, to === -1 ? undefined : to);
}

const siteOf = (html: string, code: string) => slice(html, `data-site="${code}"`, 'data-site=');
const tileOf = (html: string, id: string) => slice(html, `data-tile="${id}"`, 'data-tile=');
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('the network board', () => {
  const tunis = wallboardSiteFixture();
  const dakar = wallboardSiteFixture({
    code: 'DKR',
    name: 'Dakar',
    timezone: 'Africa/Dakar',
    today: { offered: 0, handled: 0, abandoned: 0, serviceLevel: null, abandonRate: null, ahtSeconds: null, asaSeconds: null },
    queueNow: { ...tunis.queueNow, waiting: 0, at: null, stale: true, queues: tunis.queueNow.queues.map((q) => ({ ...q, at: '2026-12-02T09:41:00.000Z', stale: true })) },
    feed: { lastPushAt: '2026-12-02T09:41:00.000Z', status: 'late' },
    calendar: { open: false, note: 'Tabaski', closesAt: null, opensAt: '2026-12-03T08:00:00.000Z' },
  });
  const snapshot = wallboardSnapshotFixture({ sites: [tunis, dakar] });

  it('shows a network row and one row per site, each with its local clock', () => {
    const html = draw(snapshot, 'network');
    expect(html).toContain('data-network');
    expect(text(siteOf(html, 'TUN'))).toContain('11:00'); // Tunis is UTC+1
    expect(text(siteOf(html, 'DKR'))).toContain('10:00'); // Dakar is UTC+0
    expect(html).toContain('href="/live/TUN"');
  });

  it('colours a site’s service level and abandons by its targets, and says so in words', () => {
    const site = siteOf(draw(snapshot, 'network'), 'TUN');
    expect(tileOf(site, 'serviceLevel')).toContain('data-tone="green"');
    expect(text(tileOf(site, 'serviceLevel'))).toContain('82.0%');
    expect(text(tileOf(site, 'serviceLevel'))).toContain('On target');
    expect(tileOf(site, 'abandonRate')).toContain('data-tone="green"');
  });

  it('shows a stale queue status greyed with the time it dates from, with its last figures, never as zero', () => {
    const site = siteOf(draw(snapshot, 'network'), 'DKR');
    const waiting = tileOf(site, 'waiting');
    expect(waiting).toContain('data-tone="stale"');
    expect(text(waiting)).toContain('Stale since 09:41');
    expect(text(waiting)).toMatch(/Calls waiting 4 /);
    expect(tileOf(site, 'agents')).toContain('data-tone="stale"');
  });

  it('shows "—" for a ratio without a denominator, uncoloured', () => {
    const site = siteOf(draw(snapshot, 'network'), 'DKR');
    expect(tileOf(site, 'serviceLevel')).toContain('data-tone="neutral"');
    expect(text(tileOf(site, 'serviceLevel'))).toContain('—');
    expect(text(tileOf(site, 'abandonRate'))).toContain('—');
  });

  it('says a site is closed, why, and when it opens; and that its feed is late', () => {
    const site = text(siteOf(draw(snapshot, 'network'), 'DKR'));
    expect(site).toContain('Closed · Tabaski · opens Thu 08:00');
    expect(site).toContain('Feed late · Last push 09:41');
  });

  it('counts the stale sites on the network row', () => {
    const network = slice(draw(snapshot, 'network'), 'data-network', 'data-site=');
    expect(text(tileOf(network, 'waiting'))).toContain('1 site stale');
  });

  it('speaks French with French numbers', () => {
    const html = draw(snapshot, 'network', 'fr');
    const site = siteOf(html, 'TUN');
    expect(text(tileOf(site, 'serviceLevel'))).toMatch(/82,0\s?%/);
    expect(text(tileOf(site, 'serviceLevel'))).toContain('Dans l’objectif');
    expect(text(tileOf(siteOf(html, 'DKR'), 'waiting'))).toContain('Périmé depuis 09:41');
    expect(text(html)).toContain('Connexion…');
  });
});

describe('the site board', () => {
  it('shows the site big with its queues, a stale queue greyed on its own', () => {
    const site = wallboardSiteFixture();
    const snapshot = wallboardSnapshotFixture({
      generatedAt: '2026-12-02T10:01:45.000Z',
      siteCodes: ['TUN'],
      sites: [site],
    });
    const html = draw(snapshot, 'site');
    expect(text(html)).toContain('TUN · Tunis');
    expect(html).not.toContain('data-network');
    expect(html).toContain('data-tile="asaSeconds"');
    expect(slice(html, 'data-queue="billing"', '</tr>')).toContain('data-state="fresh"');
    const sales = slice(html, 'data-queue="sales"', '</tr>');
    expect(sales).toContain('data-state="stale"');
    expect(text(sales)).toContain('Stale since 10:59');
  });
});
