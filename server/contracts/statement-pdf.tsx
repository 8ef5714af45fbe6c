// `GET /api/v1/statements.pdf`: a site's monthly statement as a printable A4 document, holding the
// same figures as the statement page and the CSV: the header (site, month, provider, currency,
// status), the pricing, each term with its periods (value, counts, met or missed), penalties and
// bonuses, the invoice lines down to the invoice estimate, HQ's currency, the cost per call and a
// closed month's variance. In the reader's language, with the page's words
// (messages/*/contracts.json) and figures (components/contracts/wording.ts), and the same invoice
// lines as the page (components/contracts/statement-lines.ts).
//
// The PDF uses the standard Helvetica font, which is present in every PDF reader and needs no
// font file; it writes Windows-1252 only, so the few signs outside it that Intl and the wording
// use (narrow spaces in French numbers, ≥, ≤, the minus sign) are written with their plain
// equivalents.
import { Document, Page, StyleSheet, Text, View, renderToBuffer, type Styles } from '@react-pdf/renderer';
import { createTranslator } from 'next-intl';
import type { ReactNode } from 'react';
import type { Statement, StatementTerm } from '@/lib/contracts/statement-types';
import { formatSigned, invoiceLines, periodDates, statementTermWords } from '@/components/contracts/statement-lines';
import {
  asContractLocale,
  describePricing,
  formatDay,
  formatInstant,
  formatMoney,
  formatMonth,
  formatNumber,
  formatRate,
  formatTermValue,
  termFormula,
  type ContractLocale,
} from '@/components/contracts/wording';
import en from '@/messages/en/contracts.json';
import fr from '@/messages/fr/contracts.json';

const MESSAGES = { en, fr } as const;

/** Text as Helvetica (Windows-1252) can write it. */
export function pdfSafe(text: string): string {
  return text
    .replace(/[\u202f\u2009\u2007]/g, ' ')
    .replace(/\u2212/g, '-')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[\u2010\u2011]/g, '-');
}

const styles = StyleSheet.create({
  page: { paddingTop: 36, paddingBottom: 48, paddingHorizontal: 40, fontSize: 9, fontFamily: 'Helvetica', color: '#0f172a' },
  title: { fontSize: 16, fontFamily: 'Helvetica-Bold', marginBottom: 2 },
  subtitle: { fontSize: 10, color: '#475569', marginBottom: 12 },
  facts: { flexDirection: 'row', flexWrap: 'wrap', borderTop: '1 solid #cbd5e1', borderBottom: '1 solid #cbd5e1', paddingVertical: 6, marginBottom: 12 },
  fact: { width: '33%', marginBottom: 4 },
  factLabel: { fontSize: 7, color: '#64748b', textTransform: 'uppercase' },
  factValue: { fontSize: 9 },
  heading: { fontSize: 11, fontFamily: 'Helvetica-Bold', marginTop: 10, marginBottom: 4 },
  term: { marginBottom: 8 },
  termTitle: { fontFamily: 'Helvetica-Bold', marginBottom: 2 },
  muted: { color: '#64748b' },
  row: { flexDirection: 'row', borderBottom: '0.5 solid #e2e8f0', paddingVertical: 2 },
  headRow: { flexDirection: 'row', borderBottom: '1 solid #94a3b8', paddingVertical: 2, fontFamily: 'Helvetica-Bold', fontSize: 8 },
  totalRow: { flexDirection: 'row', borderTop: '1 solid #0f172a', paddingVertical: 3, fontFamily: 'Helvetica-Bold' },
  cell: { flexGrow: 1, flexBasis: 0, paddingRight: 4 },
  wide: { flexGrow: 2.4, flexBasis: 0, paddingRight: 4 },
  num: { flexGrow: 1, flexBasis: 0, textAlign: 'right', paddingRight: 4 },
  footer: { position: 'absolute', bottom: 20, left: 40, right: 40, flexDirection: 'row', justifyContent: 'space-between', fontSize: 7, color: '#64748b' },
});

/** Text through the font's filter: every string the document writes goes through here. */
function T({ style, children }: { style?: Styles[string] | Styles[string][]; children: string | (string | number)[] }) {
  const text = Array.isArray(children) ? children.join('') : children;
  return <Text style={style}>{pdfSafe(text)}</Text>;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.fact}>
      <T style={styles.factLabel}>{label}</T>
      <T style={styles.factValue}>{value}</T>
    </View>
  );
}

type Tr = ReturnType<typeof createTranslator<(typeof MESSAGES)['en'], 'statement'>>;

function TermBlock({ term, number, s, locale, t }: { term: StatementTerm; number: number; s: Statement; locale: ContractLocale; t: Tr }) {
  const words = statementTermWords(term, s.currency, locale);
  return (
    <View style={styles.term} wrap={false}>
      <T style={styles.termTitle}>{`${number}. ${words}`}</T>
      <T style={styles.muted}>{t('formula', { formula: termFormula(term.metric, locale) })}</T>
      <View style={styles.headRow}>
        <T style={styles.wide}>{t('period')}</T>
        <T style={styles.num}>{t('value')}</T>
        <T style={styles.num}>{t('counts')}</T>
        <T style={styles.num}>{t('offered')}</T>
        <T style={styles.cell}>{t('result')}</T>
      </View>
      {term.periods.map((p) => (
        <View key={p.start} style={styles.row}>
          <T style={styles.wide}>{periodDates(p.start, p.end, locale)}</T>
          <T style={styles.num}>{formatTermValue(term.metric, p.value, locale)}</T>
          <T style={styles.num}>{`${formatNumber(p.numerator, locale)} / ${formatNumber(p.denominator, locale)}`}</T>
          <T style={styles.num}>{formatNumber(p.offered, locale, 0)}</T>
          <T style={styles.cell}>{p.met === null ? t('noCalls') : p.met ? t('met') : t('missed')}</T>
        </View>
      ))}
      <T style={[styles.muted, { marginTop: 2 }]}>
        {`${t('missedSummary', { missed: term.missed, allowed: term.allowedMisses })} · ${t('penalty')} ${formatMoney(term.penalty, s.currency, locale)} · ${t('bonus')} ${formatMoney(term.bonus, s.currency, locale)}`}
      </T>
    </View>
  );
}

function Line({ label, amount, total }: { label: string; amount: string; total?: boolean }) {
  return (
    <View style={total ? styles.totalRow : styles.row}>
      <T style={styles.wide}>{label}</T>
      <T style={styles.num}>{amount}</T>
    </View>
  );
}

export function StatementDocument({ statement: s, locale: requested, now }: { statement: Statement; locale: string; now: Date }): ReactNode {
  const locale = asContractLocale(requested);
  const tAll = createTranslator({ locale, messages: MESSAGES[locale] });
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'statement' }) as Tr;
  const month = formatMonth(s.month, locale);
  const status =
    s.status === 'closed' && s.closedAt
      ? `${tAll('status.closed')}: ${s.closedBy ? t('closedBy', { when: formatInstant(s.closedAt, locale, 'UTC') + ' UTC', name: s.closedBy }) : t('closedAt', { when: formatInstant(s.closedAt, locale, 'UTC') + ' UTC' })}`
      : tAll('status.draft');
  return (
    <Document title={pdfSafe(t('title', { code: s.site, month }))} author="Vigie" language={locale}>
      <Page size="A4" style={styles.page}>
        <T style={styles.title}>{`${t('pdfTitle')} ${month}`}</T>
        <T style={styles.subtitle}>{t('siteLine', { name: s.siteName, code: s.site })}</T>
        <View style={styles.facts}>
          <Fact label={t('site')} value={`${s.site} · ${s.siteName}`} />
          <Fact label={t('month')} value={`${month} (${s.month})`} />
          <Fact label={t('provider')} value={s.contract.provider} />
          <Fact label={t('currency')} value={s.currency} />
          <Fact label={t('status')} value={status} />
          <Fact label={t('contract')} value={t('contractFrom', { day: formatDay(s.contract.effectiveFrom, locale) })} />
        </View>
        <T>{`${t('pricing')}: ${describePricing(s.contract.pricing, s.currency, locale)}`}</T>
        {s.status === 'draft' ? <T style={styles.muted}>{t('draftHint')}</T> : null}

        <T style={styles.heading}>{t('terms')}</T>
        {s.terms.length === 0 ? <T style={styles.muted}>{t('noTerms')}</T> : null}
        {s.terms.map((term, i) => (
          <TermBlock key={i} term={term} number={i + 1} s={s} locale={locale} t={t} />
        ))}

        <View wrap={false}>
          <T style={styles.heading}>{t('invoice')}</T>
          {invoiceLines(s, locale, tAll).map((line) => (
            <Line key={line.key} label={line.label} amount={line.amount} total={line.total} />
          ))}
        </View>

        <View wrap={false}>
          <T style={styles.heading}>{t('costs')}</T>
          <Line label={`${t('costPerHandled')} (${formatNumber(s.volume.handled, locale, 0)} ${t('units.per_handled_call')})`} amount={formatRate(s.cost.perHandled, s.currency, locale)} />
          <Line label={`${t('costPerResolved')} (${formatNumber(s.volume.resolved, locale, 0)})`} amount={formatRate(s.cost.perResolved, s.currency, locale)} />
          <Line label={t('handledMinutes')} amount={formatNumber(s.volume.handledMinutes, locale)} />
        </View>

        {s.variance ? (
          <View wrap={false}>
            <T style={styles.heading}>{t('variance')}</T>
            <T style={styles.muted}>{t('varianceHint')}</T>
            <Line label={t('handled')} amount={formatSigned(s.variance.handled, locale)} />
            <Line label={t('resolved')} amount={formatSigned(s.variance.resolved, locale)} />
            <Line label={t('handledMinutes')} amount={formatSigned(s.variance.handledMinutes, locale)} />
            <Line label={tAll('statements.penalties')} amount={formatSigned(s.variance.penalties, locale, s.currency)} />
            <Line label={t('invoiceEstimate')} amount={formatSigned(s.variance.invoiceEstimate, locale, s.currency)} />
          </View>
        ) : null}

        <View style={styles.footer} fixed>
          <T>{`Vigie · ${t('title', { code: s.site, month })} · ${t('generated', { when: `${formatInstant(now.toISOString(), locale, 'UTC')} UTC` })}`}</T>
          <Text render={({ pageNumber, totalPages }) => pdfSafe(t('page', { page: pageNumber, pages: totalPages }))} />
        </View>
      </Page>
    </Document>
  );
}

/** The statement as a PDF file. */
export async function statementToPdf(statement: Statement, locale: string, now = new Date()): Promise<Buffer> {
  return renderToBuffer(<StatementDocument statement={statement} locale={locale} now={now} />);
}
