// The alert e-mails — firing, reminder and resolved — in the recipient's language: a subject that
// says what and where, the figures behind the value, the formula and a link to the alert. A small
// self-contained template (inline styles, as mail clients want), plain text beside it.
import type { AlertMessage } from './payloads';
import { formatAlertValue, formatAlertWindow, formatCondition, formatScopeName, intlLocaleOf, metricFormula, metricLabel } from '@/lib/alerts/wording';
import type { MessageLocale } from './payloads-format';

export type RenderedAlertEmail = { subject: string; text: string; html: string; headers: Record<string, string> };

type Words = {
  subject: { firing: string; renotify: string; resolved: string };
  severity: { warning: string; critical: string };
  intro: { firing: string; renotify: (n: number) => string; resolved: string };
  value: string;
  valueNow: string;
  valueAtFiring: string;
  threshold: string;
  window: string;
  figures: string;
  volume: string;
  formula: string;
  detail: string;
  firedAt: string;
  resolvedAt: string;
  rule: string;
  open: string;
  footer: string;
};

const WORDS: Record<MessageLocale, Words> = {
  en: {
    subject: { firing: 'Alert', renotify: 'Still firing', resolved: 'Resolved' },
    severity: { warning: 'warning', critical: 'critical' },
    intro: {
      firing: 'An alert has fired.',
      renotify: (n) => `This alert is still firing (reminder ${n}).`,
      resolved: 'This alert is over: the value is back on the right side of its threshold.',
    },
    value: 'Value',
    valueNow: 'Value now',
    valueAtFiring: 'Value at firing',
    threshold: 'Threshold',
    window: 'Window',
    figures: 'Figures',
    volume: 'Volume',
    formula: 'Formula',
    detail: 'Detail',
    firedAt: 'Fired at',
    resolvedAt: 'Resolved at',
    rule: 'Rule',
    open: 'Open the alert in Vigie',
    footer: 'You receive this e-mail because an alert rule in Vigie lists your address. Rules are edited in Settings › Alerts.',
  },
  fr: {
    subject: { firing: 'Alerte', renotify: 'Toujours en alerte', resolved: 'Résolue' },
    severity: { warning: 'avertissement', critical: 'critique' },
    intro: {
      firing: 'Une alerte s’est déclenchée.',
      renotify: (n) => `Cette alerte est toujours active (rappel ${n}).`,
      resolved: 'Cette alerte est terminée : la valeur est revenue du bon côté de son seuil.',
    },
    value: 'Valeur',
    valueNow: 'Valeur actuelle',
    valueAtFiring: 'Valeur au déclenchement',
    threshold: 'Seuil',
    window: 'Fenêtre',
    figures: 'Chiffres',
    volume: 'Volume',
    formula: 'Formule',
    detail: 'Détail',
    firedAt: 'Déclenchée le',
    resolvedAt: 'Résolue le',
    rule: 'Règle',
    open: 'Ouvrir l’alerte dans Vigie',
    footer: 'Vous recevez cet e-mail parce qu’une règle d’alerte de Vigie indique votre adresse. Les règles se modifient dans Paramètres › Alertes.',
  },
};

function instant(at: Date, locale: MessageLocale): string {
  return `${new Intl.DateTimeFormat(intlLocaleOf(locale), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at)} UTC`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderAlertEmail(m: AlertMessage, locale: MessageLocale): RenderedAlertEmail {
  const w = WORDS[locale];
  const number = (n: number) => new Intl.NumberFormat(intlLocaleOf(locale), { maximumFractionDigits: 2 }).format(n);
  const where = formatScopeName(m.site, m.queue, locale);
  const condition = formatCondition(m.metric, m.comparison, m.threshold, locale);
  const what = `${metricLabel(m.metric, locale)} ${condition}`;
  const value = formatAlertValue(m.metric, m.value, locale);
  const tag = m.transition === 'resolved' ? w.subject.resolved : `${w.subject[m.transition]} (${w.severity[m.severity]})`;
  const subject = `[Vigie] ${tag} · ${what} — ${where}${locale === 'fr' ? ' : ' : ': '}${value}`;
  const intro = m.transition === 'renotify' ? w.intro.renotify(m.sequence) : w.intro[m.transition];

  const f = m.figures;
  const rows: [string, string][] = [[m.transition === 'resolved' ? w.valueNow : w.value, value], [w.threshold, condition]];
  if (m.transition === 'resolved') rows.push([w.valueAtFiring, formatAlertValue(m.metric, m.firedValue, locale)]);
  rows.push([w.window, formatAlertWindow(m.window, locale)]);
  if (f.numerator != null && f.denominator != null) rows.push([w.figures, `${number(f.numerator)} ÷ ${number(f.denominator)}`]);
  if (f.volume != null) rows.push([w.volume, number(f.volume)]);
  rows.push([w.formula, metricFormula(m.metric, locale, f.formula) ?? '']);
  if (f.detail) rows.push([w.detail, f.detail]);
  rows.push([w.firedAt, instant(m.firedAt, locale)]);
  if (m.transition === 'resolved') rows.push([w.resolvedAt, instant(m.at, locale)]);
  rows.push([w.rule, m.rule.name]);

  const text = [what, where, '', intro, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `${w.open}: ${m.url}`, '', '—', w.footer, ''].join('\n');

  const colour = m.transition === 'resolved' ? '#15803d' : m.severity === 'critical' ? '#b91c1c' : '#b45309';
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;border-top:4px solid ${colour}">
<tr><td style="padding:24px">
<p style="margin:0 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:${colour}">${escapeHtml(tag)}</p>
<h1 style="margin:0 0 4px;font-size:20px">${escapeHtml(what)}</h1>
<p style="margin:0 0 16px;color:#52525b">${escapeHtml(where)}</p>
<p style="margin:0 0 16px">${escapeHtml(intro)}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px">
${rows.map(([k, v]) => `<tr><th scope="row" style="text-align:left;padding:6px 12px 6px 0;color:#52525b;font-weight:normal;vertical-align:top;white-space:nowrap">${escapeHtml(k)}</th><td style="padding:6px 0">${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
<p style="margin:24px 0 0"><a href="${escapeHtml(m.url)}" style="display:inline-block;padding:10px 16px;background:#18181b;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(w.open)}</a></p>
</td></tr>
<tr><td style="padding:0 24px 24px;font-size:12px;color:#71717a">${escapeHtml(w.footer)}</td></tr>
</table>
</body></html>`;

  return { subject, text, html, headers: { 'X-Vigie-Alert': String(m.alertId), 'X-Vigie-Alert-State': m.transition } };
}
