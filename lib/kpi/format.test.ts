import { describe, expect, it } from 'vitest';
import { changeVerdict, formatChange, formatDuration, formatFigureValue, NO_VALUE } from './format';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('KPI formatting', () => {
  it('writes a change in the unit of its figure: points for a ratio, seconds, plain score points', () => {
    expect(formatChange('ratio', 0.0214, 'en', 'pts')).toBe('+2.1 pts');
    expect(formatChange('seconds', -12.4, 'en', 'pts')).toBe('-12 s');
    expect(formatChange('score', 1.5, 'en', 'pts')).toBe('+1.5');
    expect(plain(formatChange('score', -1.26, 'fr', 'pts'))).toBe('-1,3');
    expect(formatChange('count', 120, 'en', 'pts')).toBe('+120');
    expect(formatChange('ratio', -0.00001, 'en', 'pts')).toBe('0.0 pts');
    expect(formatChange('score', null, 'en', 'pts')).toBe(NO_VALUE);
  });

  it('writes durations m:ss, h:mm:ss from an hour, seconds under a minute', () => {
    expect(formatDuration(42.4, 'en')).toBe('42 s');
    expect(formatDuration(301.5, 'en')).toBe('5:02');
    expect(formatDuration(3725, 'en')).toBe('1:02:05');
    expect(formatFigureValue('seconds', null, 'en')).toBe(NO_VALUE);
  });

  it('judges a change by the metric’s direction, from the KPI module', () => {
    expect(changeVerdict('seconds', 'lower', -12)).toBe('better');
    expect(changeVerdict('ratio', 'higher', -0.02)).toBe('worse');
    expect(changeVerdict('ratio', 'higher', 0.0004)).toBe('same');
    expect(changeVerdict('count', null, 5)).toBe('neutral');
  });
});
