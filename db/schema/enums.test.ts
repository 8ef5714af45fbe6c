// The enums of the schema and the lists the pure modules in lib/ validate and display with must
// name the same values: the browser cannot import the schema, so each list is written twice.
import { describe, expect, it } from 'vitest';
import { CADENCES } from '@/lib/digests/periods';
import { KPI_METRICS } from '@/lib/kpi/definitions';
import { QA_CATEGORIES } from '@/lib/qa/form-input';
import { SITE_KINDS } from '@/lib/sites/site-input';
import { digestCadence, kpiMetric, qaCategory, siteKind } from './index';

describe('schema enums and the lists of lib/', () => {
  it('name the same values in the same order', () => {
    expect([...KPI_METRICS]).toEqual(kpiMetric.enumValues);
    expect([...QA_CATEGORIES]).toEqual(qaCategory.enumValues);
    expect([...CADENCES]).toEqual(digestCadence.enumValues);
    expect([...SITE_KINDS]).toEqual(siteKind.enumValues);
  });
});
