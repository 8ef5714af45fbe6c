import { describe, expect, it } from 'vitest';
import { changeVerdict, displayedChange, formatChange, formatDay, formatDuration, formatFigure, NO_VALUE } from './kpi-format';

// French separates with narrow no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('formatFigure', () => {
  it('formats each unit in the reader’s locale', () => {
    expect(formatFigure('service_level', 0.8123, 'en')).toBe('81.2%');
    expect(plain(formatFigure('service_level', 0.8123, 'fr'))).toBe('81,2 %');
    expect(formatFigure('offered', 5557, 'en')).toBe('5,557');
    expect(plain(formatFigure('offered', 5557, 'fr'))).toBe('5 557');
    expect(formatFigure('qa_score', 82.449, 'en')).toBe('82.4');
    expect(formatFigure('qa_score', 82.449, 'fr')).toBe('82,4');
    expect(formatFigure('aht', 312.4, 'en')).toBe('5:12');
    expect(formatFigure('asa', 18.6, 'en')).toBe('19 s');
  });

  it('shows a missing value as a dash, never 0', () => {
    expect(formatFigure('csat', null, 'en')).toBe(NO_VALUE);
    expect(formatFigure('aht', Number.NaN, 'fr')).toBe(NO_VALUE);
  });
});

describe('formatDuration', () => {
  it('reads seconds, minutes and hours', () => {
    expect(formatDuration(0, 'en')).toBe('0 s');
    expect(formatDuration(59.4, 'en')).toBe('59 s');
    expect(formatDuration(59.6, 'en')).toBe('1:00');
    expect(formatDuration(605, 'en')).toBe('10:05');
    expect(formatDuration(3725, 'en')).toBe('1:02:05');
    expect(formatDuration(-75, 'en')).toBe('-1:15');
  });
});

describe('changes', () => {
  it('formats a change in the unit a reader compares: points, seconds, score, count', () => {
    expect(formatChange('service_level', 0.0214, 'en', 'pts')).toBe('+2.1 pts');
    expect(plain(formatChange('service_level', -0.0214, 'fr', 'pts'))).toBe('-2,1 pts');
    expect(formatChange('aht', 12.4, 'en', 'pts')).toBe('+12 s');
    expect(formatChange('qa_score', -1.26, 'en', 'pts')).toBe('-1.3');
    expect(formatChange('offered', 120, 'en', 'pts')).toBe('+120');
    expect(formatChange('fcr', 0.00001, 'en', 'pts')).toBe('0.0 pts');
    expect(formatChange('fcr', null, 'en', 'pts')).toBe(NO_VALUE);
  });

  it('judges a change by the metric’s direction, as displayed', () => {
    expect(changeVerdict('service_level', 0.02)).toBe('better');
    expect(changeVerdict('service_level', -0.02)).toBe('worse');
    expect(changeVerdict('aht', -10)).toBe('better');
    expect(changeVerdict('aht', 10)).toBe('worse');
    expect(changeVerdict('abandon_rate', 0.01)).toBe('worse');
    expect(changeVerdict('csat', 0.0004)).toBe('same');
    expect(changeVerdict('handled', 50)).toBe('neutral');
    expect(changeVerdict('qa_score', null)).toBeNull();
    expect(displayedChange('csat', 0.0004)).toBe(0);
  });
});

describe('formatDay', () => {
  it('shows a site-local day as that date in any zone', () => {
    expect(formatDay('2025-03-01', 'en')).toBe('Mar 1');
    expect(formatDay('2025-03-01', 'fr')).toBe('1 mars');
  });
});
