// The preview as the browser first draws it, in English and French: the totals line with the calls
// held back, the importer's notes, the first records, the rejected lines with their file, line (or
// record), reason and excerpt, the commit button; then the done line, or "nothing written".
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en';
import fr from '@/messages/fr';
import { UploadPreview, type UploadCommitData, type UploadPreviewData } from './upload-preview';

function draw(node: React.ReactNode, locale: 'en' | 'fr' = 'en'): string {
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

const preview: UploadPreviewData = {
  kind: 'calls',
  format: 'asterisk-queue-log',
  timeZone: null,
  total: 41,
  valid: 37,
  held: 2,
  notes: ['14 lines of agent events read, no call of their own'],
  rejected: [
    { source: 'queue_log', line: 71, reason: "The time is not a Unix epoch: '17948O8145'", excerpt: '17948O8145|1794808130.20|sales-fr|PJSIP/2005|RINGNOANSWER|15000' },
    { source: 'queue_log', line: 0, record: 3, externalId: 'ql:x', reason: 'waitSeconds: Too small', excerpt: '{"externalId":"ql:x"}' },
  ],
  rejectedCount: 2,
  preview: [{ externalId: 'ql:1794812528.49:support-fr:1794812537', startedAt: '2026-11-16T07:02:17.000Z', queue: 'support-fr', abandoned: false }],
};
const idle = { pending: false, done: null, error: null };
const committed: UploadCommitData = { ...preview, inserted: 37, updated: 0, unchanged: 0 };

describe('the upload preview', () => {
  it('says what Vigie reads, before anything is written, in English', () => {
    const shown = text(draw(<UploadPreview fileNames={['queue_log']} preview={preview} commit={idle} onCommit={() => {}} />));
    expect(shown).toContain('What Vigie reads in queue_log');
    expect(shown).toContain('41 calls: 37 valid, 2 rejected, 2 still open — held back.');
    expect(shown).toContain('14 lines of agent events read, no call of their own');
    expect(shown).toContain('ql:1794812528.49:support-fr:1794812537');
    expect(shown).toContain('2 rejected lines and why');
    expect(shown).toContain("queue_log 71 — The time is not a Unix epoch: '17948O8145' 17948O8145|1794808130.20|sales-fr");
    expect(shown).toContain('queue_log record 3 ql:x waitSeconds: Too small');
    expect(shown).toContain('Commit 37 calls');
    expect(shown).not.toContain('Done');
  });

  it('leaves out the held part when nothing is held, and names evaluations as such', () => {
    const shown = text(draw(<UploadPreview fileNames={['qa.csv']} preview={{ ...preview, kind: 'evaluations', total: 3, valid: 3, held: 0, rejected: [], rejectedCount: 0 }} commit={idle} onCommit={() => {}} />));
    expect(shown).toContain('3 evaluations: 3 valid, 0 rejected.');
    expect(shown).toContain('Commit 3 evaluations');
    expect(shown).not.toContain('rejected lines');
  });

  it('gives the done line after the commit, or says nothing was written', () => {
    const done = text(draw(<UploadPreview fileNames={['queue_log']} preview={preview} commit={{ ...idle, done: committed }} onCommit={() => {}} />));
    expect(done).toContain('Done: 37 stored (37 new, 0 updated, 0 unchanged), 2 rejected.');
    const nothing = text(
      draw(<UploadPreview fileNames={['queue_log']} preview={{ ...preview, valid: 0 }} commit={{ ...idle, done: { ...committed, valid: 0, inserted: 0, rejectedCount: 1 } }} onCommit={() => {}} />),
    );
    expect(nothing).toContain('Nothing written: the files hold no valid call (1 rejected).');
  });

  it('in French', () => {
    const shown = text(draw(<UploadPreview fileNames={['queue_log']} preview={preview} commit={{ ...idle, done: committed }} onCommit={() => {}} />, 'fr'));
    expect(shown).toContain('Ce que Vigie lit dans queue_log');
    expect(shown).toContain('41 appels : 37 valides, 2 rejetés, 2 encore en cours — mis de côté.');
    expect(shown).toContain('2 lignes rejetées et pourquoi');
    expect(shown).toContain('queue_log enregistrement 3');
    expect(shown).toContain('Terminé : 37 enregistrés (37 nouveaux, 0 mis à jour, 0 inchangés), 2 rejetés.');
  });
});
