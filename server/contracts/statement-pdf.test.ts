import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { pdfSafe, statementToPdf } from './statement-pdf';
import { sampleStatement } from '@/components/contracts/statement-sample.test-data';

async function textOf(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

describe('statementToPdf', () => {
  it('prints the statement on A4 with its figures: header, terms and periods, invoice lines, HQ currency, variance', { timeout: 60_000 }, async () => {
    const pdf = await statementToPdf(sampleStatement(), 'en', new Date('2026-11-03T08:00:00Z'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595.28 × 841.89 points.
    expect(pdf.toString('latin1')).toMatch(/MediaBox \[0 0 595\.28\d* 841\.89\d*\]/);
    const { text } = await textOf(pdf);
    for (const expected of [
      'Statement October 2026',
      'Casablanca (CAS)',
      'Atlas Contact',
      'Closed: Closed on Nov 2, 2026, 9:15 AM UTC by Alice Admin',
      'MAD 2.10 per handled call, fixed fees MAD 1,000.00 a month',
      // The weekly term in words, its periods with values and counts, and its result.
      'Service level >= 80.0% each week, 1 miss allowed, penalty 2 % of the volume charge per missed week, cap MAD 5,000.00',
      'Sep 28, 2026 – Oct 4, 2026',
      '75.0%',
      '900 / 1,200',
      'Missed',
      'No calls',
      '2 periods missed, 1 allowed',
      'Quality score >= 85.0 over the month',
      '88.4',
      // The invoice adds up.
      '5,875 handled calls × MAD 2.10',
      'MAD 12,337.50',
      'MAD 1,000.00',
      'Penalty: 1. Service level - MAD 246.75',
      'Bonus: 2. Quality score + MAD 300.00',
      '+ MAD 300.00',
      'Invoice estimate MAD 13,390.75',
      'In EUR at 0.092',
      '€1,231.95',
      'MAD 2.2793',
      'MAD 2.8491',
      'Since it was closed',
      '+MAD 25.20',
      'Page 1 of',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('speaks French to a French reader, and says when HQ has no rate for the month', { timeout: 60_000 }, async () => {
    const draft = sampleStatement({ status: 'draft', closedAt: null, closedBy: null, variance: null, hqCurrency: { code: 'EUR', rate: null, invoiceEstimate: null } });
    const { text } = await textOf(await statementToPdf(draft, 'fr'));
    expect(text).toContain('Relevé octobre 2026');
    expect(text).toContain('Brouillon');
    expect(text).toContain('Facture estimée 13 390,75 MAD');
    expect(text).toContain('pas encore de taux de change pour octobre 2026');
    expect(text).toContain('Niveau de service >= 80,0 % chaque semaine');
    expect(text).not.toContain('Depuis la clôture');
  });

  it('writes only what Helvetica can: French narrow spaces, signs and minus made plain', () => {
    expect(pdfSafe('13\u202f390,75\u00a0MAD ≥ 80 % ≤ \u22125')).toBe('13 390,75\u00a0MAD >= 80 % <= -5');
  });
});
