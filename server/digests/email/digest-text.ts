// The digest's plain-text part: the same content as the HTML, written for a text-only reader.
// RAG is spelt out ("[breach]", "[to watch]") since there is no colour.
import { METRICS } from '@/lib/kpi/definitions';
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
} from './format';
import { coachingLine } from './coaching-line';
import type { DigestStrings } from './strings';
import { summaryItems } from './summary';

function rowLine(row: DigestRow, strings: DigestStrings): string {
  const locale = strings.intlLocale;
  const parts = [`${strings.table.handled} ${formatCount(row.handled, locale)} (${formatCountChange(row.handledChange, locale, strings.noValue)})`];
  for (const metric of DIGEST_METRICS) {
    const cell = row.cells[metric];
    const rag = cell.rag === 'red' || cell.rag === 'amber' ? ` [${strings.rag[cell.rag]}]` : '';
    parts.push(
      `${strings.table.metric[metric]} ${formatMetric(metric, cell.value, locale, strings.noValue)} (${formatMetricChange(metric, cell.change, locale, strings.noValue)})${rag}`,
    );
  }
  return `  ${parts.join(' · ')}`;
}

function heading(title: string): string[] {
  return ['', title.toUpperCase(), '-'.repeat(title.length)];
}

export function renderDigestText(content: DigestContent, strings: DigestStrings, unsubscribeUrl: string, timeZone: string): string {
  const locale = strings.intlLocale;
  const lang = content.recipient.locale;
  const summary = summaryItems(digestTotals(content), strings);
  const previous =
    content.previous.from === content.previous.to
      ? formatDayLong(content.previous.from, locale)
      : formatDayRange(content.previous.from, content.previous.to, locale, 'long');
  const lines: string[] = [
    `VIGIE — ${strings.title[content.cadence]}`,
    content.cadence === 'daily'
      ? strings.periodDaily(formatDayLong(content.period.from, locale))
      : strings.periodWeekly(formatDayRange(content.period.from, content.period.to, locale, 'long')),
    '',
    strings.greeting(content.recipient.name),
    '',
    summary.length > 0 ? summary.join(' · ') : strings.summary.allClear,
  ];

  lines.push(...heading(strings.sections.sites));
  for (const site of content.sites) {
    lines.push(`${site.code} — ${site.name}`, rowLine(site, strings));
  }
  lines.push(strings.table.network, rowLine(content.network, strings));
  lines.push('', `${strings.legend(content.cadence)} ${strings.comparedWith(previous)}`);

  lines.push(...heading(strings.sections.breaches));
  if (content.breaches.length === 0) lines.push(strings.noIssues.breaches);
  for (const b of content.breaches) {
    const change = b.change === null ? '' : ` ${formatMetricChange(b.metric, b.change, locale, strings.noValue)}`;
    lines.push(
      `- ${b.site.code} ${b.site.name}: ${strings.breachLine(
        METRICS[b.metric].label[lang],
        formatMetric(b.metric, b.value, locale, strings.noValue),
        b.target ? formatTarget(b.metric, b.target, strings) : strings.noValue,
      )}${change}`,
    );
  }

  lines.push(...heading(strings.sections.reports));
  if (content.reports.length === 0) lines.push(strings.noIssues.reports);
  for (const r of content.reports) {
    const counts = [r.missing > 0 ? strings.reports.missing(r.missing) : null, r.late > 0 ? strings.reports.late(r.late) : null].filter(Boolean).join(', ');
    const share = r.compliance === null ? '' : ` ${strings.reports.onTime(formatPercent(r.compliance, locale, 0))}`;
    lines.push(`- ${r.code} ${r.name}: ${counts} ${strings.reports.outOf(r.expected)}${share}`);
  }

  lines.push(...heading(strings.sections.feeds));
  if (content.staleFeeds.length === 0) lines.push(strings.noIssues.feeds);
  for (const f of content.staleFeeds) {
    const what = f.lastPushAt
      ? strings.feeds.lastPush(formatAgo(content.generatedAt, f.lastPushAt, strings), formatInstant(f.lastPushAt, locale, timeZone))
      : strings.feeds.never;
    lines.push(`- ${f.code} ${f.name}: ${what}`);
  }

  lines.push(...heading(strings.sections.missions));
  if (content.missions.length === 0) lines.push(strings.noIssues.missions);
  for (const m of content.missions) {
    lines.push(`- ${m.name} (${m.code}, ${strings.missions.window(formatDayShort(m.startsOn, locale), formatDayShort(m.endsOn, locale))})`);
    for (const s of m.sites) {
      lines.push(
        `    ${strings.missions.line(
          `${s.code} ${s.name}`,
          s.completion === null ? strings.noValue : formatPercent(s.completion, locale, 0),
          s.pace === null ? strings.noValue : formatPercent(s.pace, locale, 0),
        )}`,
      );
    }
  }

  lines.push(...heading(strings.sections.calibration));
  if (content.calibration.drifts.length === 0) lines.push(strings.noIssues.calibration);
  for (const d of content.calibration.drifts) {
    const bias = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(d.bias));
    lines.push(`- ${d.code} ${d.name}: ${d.flag === 'inflated' ? strings.calibration.inflated(bias, d.pairs) : strings.calibration.harsh(bias, d.pairs)}`);
  }
  lines.push(strings.calibration.window(formatDayShort(content.calibration.window.from, locale), formatDayShort(content.calibration.window.to, locale)));

  lines.push(...heading(strings.sections.coaching));
  if (content.coaching.length === 0) lines.push(strings.noIssues.coaching);
  for (const c of content.coaching) lines.push(`- ${c.code} ${c.name}: ${coachingLine(c, strings, locale)}`);
  if (content.coaching.length > 0) lines.push(strings.coaching.note);

  lines.push(
    '',
    `${strings.cta}: ${content.links.dashboard}`,
    '',
    '-- ',
    strings.footer(strings.cadenceAdjective[content.cadence], content.recipient.email),
    `${strings.manage}: ${content.links.settings}`,
    `${strings.unsubscribe}: ${unsubscribeUrl}`,
    '',
  );
  return lines.join('\n');
}
