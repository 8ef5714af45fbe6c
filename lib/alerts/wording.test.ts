// The words and figures of an alert, the same for the /alerts page, the e-mails and the Slack and
// Teams messages: each unit as people read it, in English and French, and the formula in the
// reader's language from the metric.
import { describe, expect, it } from 'vitest';
import { ALERT_METRICS, ALERT_METRIC_DEFINITIONS } from './metrics';
import {
  alertLocale,
  comparisonLabel,
  formatAlertValue,
  formatAlertWindow,
  formatCondition,
  formatScopeName,
  metricFormula,
  metricLabel,
  unitOfMetric,
} from './wording';

// Intl writes French thin and non-breaking spaces; the assertions read them as spaces.
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('alert figures', () => {
  it('are written in the metric unit, as the KPI pages write them, in English and French', () => {
    expect(formatAlertValue('serviceLevel', 0.625, 'en')).toBe('62.5%');
    expect(spaced(formatAlertValue('serviceLevel', 0.724, 'fr'))).toBe('72,4 %');
    expect(formatAlertValue('abandonRate', 0.0512)).toBe('5.1%');
    expect(formatAlertValue('missionProjection', 0.874)).toBe('87.4%');
    expect(formatAlertValue('asaSeconds', 95)).toBe('1:35');
    expect(formatAlertValue('longestWaitSeconds', 42)).toBe('42 s');
    expect(formatAlertValue('qaScore', 81.25)).toBe('81.3');
    expect(spaced(formatAlertValue('qaScore', 81.25, 'fr'))).toBe('81,3');
    expect(formatAlertValue('offered', 1234)).toBe('1,234');
    expect(spaced(formatAlertValue('offered', 1234, 'fr'))).toBe('1 234');
    expect(formatAlertValue('callsWaiting', 12)).toBe('12');
    expect(formatAlertValue('feedSilentMinutes', 38)).toBe('38 min');
    expect(formatAlertValue('feedSilentMinutes', 42.4, 'fr')).toBe('42 min');
  });

  it('show no value as a dash, and a count that is not whole (a threshold of 0.5) without rounding it away', () => {
    expect(formatAlertValue('serviceLevel', null)).toBe('—');
    expect(formatAlertValue('feedSilentMinutes', undefined)).toBe('—');
    expect(formatAlertValue('offered', Number.NaN)).toBe('—');
    expect(formatAlertValue('reportMissing', 0.5)).toBe('0.5');
    expect(formatAlertValue('reportMissing', 0.5, 'fr')).toBe('0,5');
    expect(formatCondition('reportMissing', 'above', 0.5)).toBe('above 0.5');
  });

  it('count a metric the catalogue no longer names', () => {
    expect(unitOfMetric('retiredMetric')).toBe('count');
    expect(formatAlertValue('retiredMetric', 3)).toBe('3');
    expect(metricLabel('retiredMetric', 'fr')).toBe('retiredMetric');
  });
});

describe('alert words', () => {
  it('name every metric and give its formula in both languages, the English formula the catalogue’s own', () => {
    for (const metric of ALERT_METRICS) {
      expect(metricLabel(metric, 'en')).not.toBe(metric);
      expect(metricLabel(metric, 'fr')).not.toBe(metricLabel(metric, 'en'));
      expect(metricFormula(metric, 'en')).toBe(ALERT_METRIC_DEFINITIONS[metric].formula);
      expect(metricFormula(metric, 'fr')).not.toBe(metricFormula(metric, 'en'));
    }
    expect(metricLabel('serviceLevel', 'fr')).toBe('Niveau de service');
    expect(metricFormula('serviceLevel', 'fr')).toBe('entrants traités dans le délai ÷ présentés');
  });

  it('take the formula from the metric, in the reader’s language, not the English an alert recorded', () => {
    expect(metricFormula('serviceLevel', 'fr', 'inbound handled within the SLA ÷ offered')).toBe('entrants traités dans le délai ÷ présentés');
    expect(metricFormula('serviceLevel', 'en', 'as fired')).toBe('inbound handled within the SLA ÷ offered');
    // Only a metric the catalogue no longer names keeps what was recorded.
    expect(metricFormula('retiredMetric', 'fr', 'as fired')).toBe('as fired');
    expect(metricFormula('retiredMetric', 'en')).toBeNull();
  });

  it('say the comparison, the window and the scope', () => {
    expect(comparisonLabel('above', 'fr')).toBe('au-dessus de');
    expect(spaced(formatCondition('serviceLevel', 'below', 0.8, 'fr'))).toBe('sous 80,0 %');
    expect(formatAlertWindow({ trailingMinutes: 60 })).toBe('last 60 min');
    expect(formatAlertWindow({ trailingMinutes: 60 }, 'fr')).toBe('60 dernières min');
    expect(formatAlertWindow({ period: 'today' }, 'fr')).toBe('aujourd’hui');
    expect(formatAlertWindow({ period: 'yesterday' })).toBe('yesterday');
    expect(formatAlertWindow(null)).toBe('now');
    expect(formatScopeName({ code: 'CAS', name: 'Casablanca' }, 'billing')).toBe('Casablanca (CAS) · billing');
    expect(formatScopeName(null, null, 'fr')).toBe('Réseau');
  });

  it('read any French locale as French and anything else as English', () => {
    expect([alertLocale('fr'), alertLocale('fr-CA'), alertLocale('en-GB'), alertLocale('de'), alertLocale(undefined)]).toEqual(['fr', 'fr', 'en', 'en', 'en']);
    expect(metricLabel('feedSilentMinutes', 'fr-FR')).toBe('Flux muet');
  });
});
