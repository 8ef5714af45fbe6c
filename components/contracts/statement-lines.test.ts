// The statement's invoice lines and figures that the page and the PDF both print.
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en/contracts.json';
import fr from '@/messages/fr/contracts.json';
import { billedQuantity, formatSigned, invoiceLines, periodDates } from './statement-lines';
import { sampleStatement } from './statement-sample.test-data';

/** Intl puts no-break spaces between a currency and its amount; the expectations are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const tEn = createTranslator({ locale: 'en', messages: en });
const tFr = createTranslator({ locale: 'fr', messages: fr });
const base = sampleStatement();
const priced = (pricing: (typeof base)['contract']['pricing'], volume = base.volume) => sampleStatement({ contract: { ...base.contract, pricing }, volume });

describe('invoiceLines', () => {
  it('lists the volume charge, fixed fees, each penalty and bonus that is not zero, their totals, the estimate and HQ’s currency', () => {
    const lines = invoiceLines(base, 'en', tEn).map((l) => [plain(l.label), plain(l.amount), l.total ?? false]);
    expect(lines).toEqual([
      ['Volume: 5,875 handled calls × MAD 2.10', 'MAD 12,337.50', false],
      ['Fixed fees', 'MAD 1,000.00', false],
      ['Penalty: 1. Service level', '− MAD 246.75', false],
      ['Bonus: 2. Quality score', '+ MAD 300.00', false],
      [expect.any(String), '− MAD 246.75', false],
      [expect.any(String), '+ MAD 300.00', false],
      ['Invoice estimate', 'MAD 13,390.75', true],
      [expect.stringContaining('EUR'), '€1,231.95', false],
    ]);
  });

  it('says when HQ has no rate for the month, in the reader’s language', () => {
    const noRate = sampleStatement({ hqCurrency: { code: 'EUR', rate: null, invoiceEstimate: null } });
    const hq = invoiceLines(noRate, 'fr', tFr).at(-1)!;
    expect(hq.label).toContain('octobre 2026');
    expect(hq.amount).toBe('—');
  });

  it('notes a per-hour price with no productive hours reported, and only then', () => {
    const hourly = priced({ model: 'per_productive_hour', rate: 12.5, seats: null, fixedMonthly: null });
    expect(invoiceLines(hourly, 'en', tEn)[0]!.note).toBe('No daily report gave productive hours this month.');
    expect(invoiceLines(base, 'en', tEn).some((l) => l.note)).toBe(false);
  });
});

describe('billedQuantity', () => {
  it('is what the pricing model charges the rate on', () => {
    expect(billedQuantity(base)).toBe(5875);
    expect(billedQuantity(priced({ model: 'per_handled_minute', rate: 0.5, seats: null, fixedMonthly: null }))).toBe(29375.5);
    expect(billedQuantity(priced({ model: 'per_seat_month', rate: 9500, seats: 40, fixedMonthly: null }))).toBe(40);
    expect(billedQuantity(priced({ model: 'per_productive_hour', rate: 12.5, seats: null, fixedMonthly: null }, { ...base.volume, productiveHours: 812 }))).toBe(812);
  });
});

describe('periodDates and formatSigned', () => {
  it('writes one day once and a week as its first and last day', () => {
    expect(periodDates('2026-10-05', '2026-10-05', 'en')).toBe('Oct 5, 2026');
    expect(periodDates('2026-09-28', '2026-10-04', 'en')).toBe('Sep 28, 2026 – Oct 4, 2026');
  });

  it('signs a change, in the currency when given', () => {
    expect(formatSigned(12, 'en')).toBe('+12');
    expect(formatSigned(-3.5, 'en')).toBe('-3.5');
    expect(formatSigned(0, 'en')).toBe('0');
    expect(plain(formatSigned(25.2, 'en', 'MAD'))).toBe('+MAD 25.20');
  });
});
