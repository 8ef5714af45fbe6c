import { describe, expect, it } from 'vitest';
import { formatAlertValue, formatMetricFigure, formulaOf } from './format-alert';

describe('alert figures', () => {
  it('are written in the metric unit and the reader locale, as the KPI pages write them', () => {
    expect(formatMetricFigure('serviceLevel', 0.625, 'en')).toBe('62.5%');
    expect(formatMetricFigure('serviceLevel', 0.625, 'fr')).toBe('62,5\u00a0%');
    expect(formatMetricFigure('asaSeconds', 95, 'en')).toBe('1:35');
    expect(formatMetricFigure('qaScore', 81.25, 'en')).toBe('81.3');
    expect(formatMetricFigure('offered', 1234, 'en')).toBe('1,234');
    expect(formatMetricFigure('feedSilentMinutes', 42.4, 'en')).toBe('42 min');
    expect(formatAlertValue('minutes', null, 'en')).toBe('—');
    expect(formatMetricFigure('serviceLevel', null, 'en')).toBe('—');
  });

  it('counts a metric the catalogue no longer names, and keeps the formula the alert recorded', () => {
    expect(formatMetricFigure('retiredMetric', 3, 'en')).toBe('3');
    expect(formulaOf('serviceLevel')).toBe('inbound handled within the SLA ÷ offered');
    expect(formulaOf('serviceLevel', 'as fired')).toBe('as fired');
    expect(formulaOf('retiredMetric')).toBeNull();
  });
});
