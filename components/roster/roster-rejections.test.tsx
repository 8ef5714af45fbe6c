// The rejected lines of a roster file as the page draws them, in English and French: each line's
// number (or "file"), its reason in the reader's language with the column and the cell, and the
// start of the line. The rejections come from the real reader.
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from '@/lib/agents/roster-csv';
import en from '@/messages/en';
import fr from '@/messages/fr';
import { RosterRejections } from './roster-rejections';

function draw(node: React.ReactNode, locale: 'en' | 'fr'): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === 'fr' ? fr : en} timeZone="Africa/Tunis">
      {node}
    </NextIntlClientProvider>,
  );
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

const FILE = ['reference;nom;date d’entrée;date de sortie', 'A1;Awa;32/01/2025;', 'A2;Ali;2025-03-01;2025-02-01', 'A1;Awa bis;;'].join('\n');

describe('RosterRejections', () => {
  const { rejected } = parseRosterCsv(FILE);

  it('gives each line its number and reason in English', () => {
    const page = text(draw(<RosterRejections rejected={rejected} />, 'en'));
    expect(page).toContain('2 The start date “32/01/2025” is not a date as YYYY-MM-DD or DD/MM/YYYY. A1;Awa;32/01/2025;');
    expect(page).toContain('3 The end date 2025-02-01 is before the start date.');
    expect(page).toContain('4 The reference A1 is already on line 2: one line per person.');
  });

  it('in French', () => {
    const page = text(draw(<RosterRejections rejected={rejected} />, 'fr'));
    expect(page).toContain("La date d'entrée « 32/01/2025 » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA.");
    expect(page).toContain('La référence A1 figure déjà ligne 2 : une ligne par personne.');
  });

  it('names the file as a whole where there is no line', () => {
    const page = text(draw(<RosterRejections rejected={parseRosterCsv('').rejected} />, 'fr'));
    expect(page).toContain("fichier Le fichier est vide : il faut une ligne d'en-tête et une ligne par personne.");
  });
});
