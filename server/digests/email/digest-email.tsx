// The digest as an HTML e-mail (React Email). Inline styles and tables only: what mail clients
// render. Colour is never the only signal: every red figure is also listed under "Breaches".
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import { METRICS, type Rag } from '@/lib/kpi/definitions';
import { digestTotals, type DigestContent, type DigestRow } from '../content';
import { DIGEST_METRICS } from '../digest-metrics';
import {
  formatAgo,
  formatCount,
  formatCountChange,
  formatDayLong,
  formatDayRange,
  formatDayShort,
  formatInstant,
  formatMetric,
  formatMetricChange,
  formatPercent,
  formatTarget,
  verdictOf,
  type Verdict,
} from './format';
import { summaryItems } from './summary';
import { coachingLine } from './coaching-line';
import type { DigestStrings } from './strings';

export type DigestEmailProps = {
  content: DigestContent;
  strings: DigestStrings;
  unsubscribeUrl: string;
  /** The hidden line mail clients show beside the subject. */
  preview: string;
  /** The recipient's time zone, for instants (last pushes). */
  timeZone: string;
};

const colour = {
  ink: '#0f172a',
  muted: '#64748b',
  line: '#e2e8f0',
  page: '#f1f5f9',
  brand: '#1d4ed8',
  better: '#047857',
  worse: '#b91c1c',
};

const ragStyle: Record<Rag, CSSProperties> = {
  green: { backgroundColor: '#ecfdf5', color: '#065f46' },
  amber: { backgroundColor: '#fffbeb', color: '#92400e' },
  red: { backgroundColor: '#fef2f2', color: '#991b1b', fontWeight: 700 },
};

const verdictColour: Record<Verdict, string> = { better: colour.better, worse: colour.worse, same: colour.muted };

const font = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const th: CSSProperties = {
  padding: '6px 6px',
  fontSize: '11px',
  fontWeight: 600,
  color: colour.muted,
  textAlign: 'right',
  borderBottom: `1px solid ${colour.line}`,
  whiteSpace: 'nowrap',
};
const td: CSSProperties = { padding: '5px 6px', fontSize: '13px', textAlign: 'right', borderBottom: `1px solid ${colour.line}`, verticalAlign: 'top' };
const networkTd: CSSProperties = { ...td, borderTop: `2px solid ${colour.line}`, borderBottom: 'none' };
const sectionTitle: CSSProperties = { fontSize: '15px', fontWeight: 700, color: colour.ink, margin: '22px 0 6px' };
const item: CSSProperties = { fontSize: '13px', lineHeight: '19px', color: colour.ink, margin: '0 0 4px' };
const note: CSSProperties = { fontSize: '12px', lineHeight: '17px', color: colour.muted, margin: '0 0 4px' };

function Figure({ value, change, rag, verdict }: { value: string; change: string; rag: Rag | null; verdict: Verdict | null }) {
  return (
    <>
      <span style={{ display: 'inline-block', padding: '1px 5px', borderRadius: '3px', ...(rag ? ragStyle[rag] : {}) }}>{value}</span>
      <br />
      <span style={{ fontSize: '11px', color: verdict ? verdictColour[verdict] : colour.muted }}>{change}</span>
    </>
  );
}

function Cells({ row, strings, cellStyle = td }: { row: DigestRow; strings: DigestStrings; cellStyle?: CSSProperties }) {
  const locale = strings.intlLocale;
  return (
    <>
      <td style={cellStyle}>
        <Figure value={formatCount(row.handled, locale)} change={formatCountChange(row.handledChange, locale, strings.noValue)} rag={null} verdict="same" />
      </td>
      {DIGEST_METRICS.map((metric) => {
        const cell = row.cells[metric];
        return (
          <td key={metric} style={cellStyle}>
            <Figure
              value={formatMetric(metric, cell.value, locale, strings.noValue)}
              change={formatMetricChange(metric, cell.change, locale, strings.noValue)}
              rag={cell.rag}
              verdict={verdictOf(metric, cell.change)}
            />
          </td>
        );
      })}
    </>
  );
}

function Block({ title, empty, children }: { title: string; empty: string; children: ReactNode[] }) {
  return (
    <Section>
      <Heading as="h2" style={sectionTitle}>
        {title}
      </Heading>
      {children.length > 0 ? children : <Text style={note}>{empty}</Text>}
    </Section>
  );
}

export function DigestEmail({ content, strings, unsubscribeUrl, preview, timeZone }: DigestEmailProps) {
  const locale = strings.intlLocale;
  const totals = digestTotals(content);
  const summary = summaryItems(totals, strings);
  const periodLine =
    content.cadence === 'daily'
      ? strings.periodDaily(formatDayLong(content.period.from, locale))
      : strings.periodWeekly(formatDayRange(content.period.from, content.period.to, locale, 'long'));
  const previous =
    content.previous.from === content.previous.to
      ? formatDayLong(content.previous.from, locale)
      : formatDayRange(content.previous.from, content.previous.to, locale, 'long');

  return (
    <Html lang={content.recipient.locale}>
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colour.page, fontFamily: font, margin: 0, padding: '24px 0' }}>
        <Container style={{ maxWidth: '680px', backgroundColor: '#ffffff', border: `1px solid ${colour.line}`, borderRadius: '8px', padding: '24px 24px 16px' }}>
          <Text style={{ fontSize: '12px', fontWeight: 700, letterSpacing: '0.12em', color: colour.brand, margin: 0 }}>VIGIE</Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '28px', color: colour.ink, margin: '4px 0 2px' }}>
            {strings.title[content.cadence]}
          </Heading>
          <Text style={{ ...note, fontSize: '13px' }}>{periodLine}</Text>
          <Text style={{ ...item, margin: '14px 0 6px' }}>{strings.greeting(content.recipient.name)}</Text>

          <Section style={{ backgroundColor: totals.breaches > 0 ? '#fef2f2' : '#f8fafc', borderRadius: '6px', padding: '10px 14px', margin: '6px 0 4px' }}>
            {summary.length === 0 ? (
              <Text style={{ ...item, margin: 0 }}>{strings.summary.allClear}</Text>
            ) : (
              <Text style={{ ...item, margin: 0, fontWeight: 600 }}>{summary.join(' · ')}</Text>
            )}
          </Section>

          <Heading as="h2" style={sectionTitle}>
            {strings.sections.sites}
          </Heading>
          <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th style={{ ...th, textAlign: 'left' }}>{strings.table.site}</th>
                <th style={th}>{strings.table.handled}</th>
                {DIGEST_METRICS.map((metric) => (
                  <th key={metric} style={th} title={METRICS[metric].label[content.recipient.locale]}>
                    {strings.table.metric[metric]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {content.sites.map((site) => (
                <tr key={site.code}>
                  <td style={{ ...td, textAlign: 'left' }}>
                    <Link href={site.url} style={{ color: colour.brand, fontWeight: 700, textDecoration: 'none' }}>
                      {site.code}
                    </Link>
                    <br />
                    <span style={{ fontSize: '11px', color: colour.muted }}>{site.name}</span>
                  </td>
                  <Cells row={site} strings={strings} />
                </tr>
              ))}
              <tr>
                <td style={{ ...networkTd, textAlign: 'left', fontWeight: 700 }}>{strings.table.network}</td>
                <Cells row={content.network} strings={strings} cellStyle={networkTd} />
              </tr>
            </tbody>
          </table>
          <Text style={{ ...note, marginTop: '8px' }}>
            {strings.legend(content.cadence)} {strings.comparedWith(previous)}
          </Text>

          <Block title={strings.sections.breaches} empty={strings.noIssues.breaches}>
            {content.breaches.map((b) => (
              <Text key={`${b.site.code}-${b.metric}`} style={item}>
                <strong style={{ color: '#991b1b' }}>{b.site.code}</strong> {b.site.name} —{' '}
                {strings.breachLine(
                  METRICS[b.metric].label[content.recipient.locale],
                  formatMetric(b.metric, b.value, locale, strings.noValue),
                  b.target ? formatTarget(b.metric, b.target, strings) : strings.noValue,
                )}
                {b.change !== null ? (
                  <span style={{ color: verdictColour[verdictOf(b.metric, b.change) ?? 'same'] }}> {formatMetricChange(b.metric, b.change, locale, strings.noValue)}</span>
                ) : null}
              </Text>
            ))}
          </Block>

          <Block title={strings.sections.reports} empty={strings.noIssues.reports}>
            {content.reports.map((r) => (
              <Text key={r.code} style={item}>
                <strong>{r.code}</strong> {r.name} —{' '}
                {[r.missing > 0 ? strings.reports.missing(r.missing) : null, r.late > 0 ? strings.reports.late(r.late) : null].filter(Boolean).join(', ')}{' '}
                {strings.reports.outOf(r.expected)}
                {r.compliance === null ? null : ` ${strings.reports.onTime(formatPercent(r.compliance, locale, 0))}`}
              </Text>
            ))}
          </Block>

          <Block title={strings.sections.feeds} empty={strings.noIssues.feeds}>
            {content.staleFeeds.map((f) => (
              <Text key={f.code} style={item}>
                <strong>{f.code}</strong> {f.name} —{' '}
                {f.lastPushAt ? strings.feeds.lastPush(formatAgo(content.generatedAt, f.lastPushAt, strings), formatInstant(f.lastPushAt, locale, timeZone)) : strings.feeds.never}
              </Text>
            ))}
          </Block>

          <Block title={strings.sections.missions} empty={strings.noIssues.missions}>
            {content.missions.map((m) => (
              <Section key={m.code} style={{ margin: '0 0 6px' }}>
                <Text style={{ ...item, fontWeight: 600, margin: 0 }}>
                  {m.name} <span style={{ fontWeight: 400, color: colour.muted }}>({m.code}, {strings.missions.window(formatDayShort(m.startsOn, locale), formatDayShort(m.endsOn, locale))})</span>
                </Text>
                {m.sites.map((s) => (
                  <Text key={s.code} style={{ ...item, margin: '0 0 0 12px' }}>
                    {strings.missions.line(
                      `${s.code} ${s.name}`,
                      s.completion === null ? strings.noValue : formatPercent(s.completion, locale, 0),
                      s.pace === null ? strings.noValue : formatPercent(s.pace, locale, 0),
                    )}
                  </Text>
                ))}
              </Section>
            ))}
          </Block>

          <Block title={strings.sections.calibration} empty={strings.noIssues.calibration}>
            {content.calibration.drifts.map((d) => {
              const bias = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(d.bias));
              return (
                <Text key={d.code} style={item}>
                  <strong>{d.code}</strong> {d.name} — {d.flag === 'inflated' ? strings.calibration.inflated(bias, d.pairs) : strings.calibration.harsh(bias, d.pairs)}
                </Text>
              );
            })}
          </Block>
          <Text style={note}>
            {strings.calibration.window(formatDayShort(content.calibration.window.from, locale), formatDayShort(content.calibration.window.to, locale))}
          </Text>

          <Block title={strings.sections.coaching} empty={strings.noIssues.coaching}>
            {content.coaching.map((c) => (
              <Text key={c.code} style={item}>
                <strong>{c.code}</strong> {c.name} — {coachingLine(c, strings, locale)}
              </Text>
            ))}
          </Block>
          {content.coaching.length > 0 ? <Text style={note}>{strings.coaching.note}</Text> : null}

          <Section style={{ margin: '22px 0 8px' }}>
            <Button
              href={content.links.dashboard}
              style={{ backgroundColor: colour.brand, color: '#ffffff', fontSize: '14px', fontWeight: 600, padding: '10px 16px', borderRadius: '6px', textDecoration: 'none' }}
            >
              {strings.cta}
            </Button>
          </Section>

          <Hr style={{ borderColor: colour.line, margin: '18px 0 10px' }} />
          <Text style={note}>{strings.footer(strings.cadenceAdjective[content.cadence], content.recipient.email)}</Text>
          <Text style={note}>
            <Link href={content.links.settings} style={{ color: colour.muted, textDecoration: 'underline' }}>
              {strings.manage}
            </Link>
            {' · '}
            <Link href={unsubscribeUrl} style={{ color: colour.muted, textDecoration: 'underline' }}>
              {strings.unsubscribe}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
