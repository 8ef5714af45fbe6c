// E-mails and pages write a figure and its change the same way: both go through lib/kpi/format.ts.
import { describe, expect, it } from 'vitest';
import { formatChange as dashboardChange, formatFigure } from '@/components/kpi/kpi-format';
import { formatGap } from '@/components/qa/qa-format';
import { ROLLUP_METRICS } from '@/lib/kpi/definitions';
import { NO_VALUE } from '@/lib/kpi/format';
import { formatMetric as emailFigure, formatMetricChange as emailChange, verdictOf } from './format';

describe('digest figures', () => {
  it('gives an e-mail the very text of the dashboard, for every metric and both languages', () => {
    const cases = [0.0214, -0.153, 1.5, -12.4, 0, 87.25];
    for (const locale of ['en', 'fr']) {
      for (const metric of ROLLUP_METRICS) {
        for (const value of cases) {
          expect(emailChange(metric, value, locale, NO_VALUE), `${metric} ${value} ${locale}`).toBe(dashboardChange(metric, value, locale, 'pts'));
          expect(emailFigure(metric, value, locale, NO_VALUE)).toBe(formatFigure(metric, value, locale));
        }
      }
    }
    // The QA change an e-mail used to write "+1.5 pts" reads "+1.5", as on the dashboard.
    expect(emailChange('qa_score', 1.5, 'en', NO_VALUE)).toBe('+1.5');
    expect(formatGap(1.5, 'en')).toBe('+1.5');
  });

  it('judges a change by the metric’s direction', () => {
    expect(verdictOf('aht', -12)).toBe('better');
    expect(verdictOf('csat', -0.02)).toBe('worse');
    expect(verdictOf('qa_score', 0.04)).toBe('same');
  });
});
