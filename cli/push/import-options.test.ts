// The importer flags of `vigie push`: checked before anything is read, each refusal one sentence.
import { describe, expect, it } from 'vitest';
import { checkFlagsFor, hasImportFlags, readImportFlags } from './import-options';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('readImportFlags', () => {
  it('reads the format and the options the importers take', () => {
    expect(readImportFlags({ format: 'asterisk-cdr', timezone: 'Africa/Casablanca', 'inbound-context': '^from-sip', 'default-queue': 'accueil' })).toEqual({
      format: 'asterisk-cdr',
      mapping: null,
      options: { timeZone: 'Africa/Casablanca', inboundContext: '^from-sip', defaultQueue: 'accueil' },
    });
    expect(readImportFlags({})).toEqual({ format: null, mapping: null, options: {} });
  });

  it('takes a mapping as naming the mapped CSV', () => {
    expect(readImportFlags({ mapping: 'pbx-fr' })).toEqual({ format: 'csv', mapping: 'pbx-fr', options: {} });
  });

  it('refuses an unknown format, zone or rule, and flags another format reads', () => {
    expect(refusal(() => readImportFlags({ format: 'avaya' }))).toMatch(/--format is one of asterisk-queue-log, .*, csv \(not "avaya"\)/);
    expect(refusal(() => readImportFlags({ format: 'genesys', timezone: '+01:00' }))).toMatch(/--timezone is an IANA zone/);
    expect(refusal(() => readImportFlags({ format: 'asterisk-cdr', 'inbound-context': '[' }))).toMatch(/--inbound-context is not a valid regular expression/);
    expect(refusal(() => readImportFlags({ format: 'twilio', 'inbound-context': '^from-' }))).toMatch(/twilio does not read it/);
    expect(refusal(() => readImportFlags({ format: 'genesys', mapping: 'pbx-fr' }))).toMatch(/--mapping goes with --format csv, not genesys/);
    expect(refusal(() => readImportFlags({ format: 'csv', mapping: '  ' }))).toMatch(/--mapping needs a value/);
    expect(refusal(() => readImportFlags({ 'default-queue': 'q'.repeat(101) }))).toMatch(/at most 100 characters/);
  });
});

describe('checkFlagsFor', () => {
  it('asks for what the importer needs', () => {
    expect(refusal(() => checkFlagsFor('asterisk-cdr', ['timeZone'], readImportFlags({})))).toMatch(/asterisk-cdr times carry no offset: .*--timezone/);
    expect(refusal(() => checkFlagsFor('csv', ['mapping'], readImportFlags({})))).toMatch(/csv needs the column mapping/);
    expect(() => checkFlagsFor('asterisk-cdr', ['timeZone'], readImportFlags({ timezone: 'Europe/Paris' }))).not.toThrow();
  });

  it('refuses, once a file is recognised, flags its format does not read', () => {
    expect(refusal(() => checkFlagsFor('asterisk-queue-log', [], readImportFlags({ 'inbound-context': '^from-' })))).toMatch(/asterisk-queue-log does not read it/);
  });
});

describe('hasImportFlags', () => {
  it('tells whether any importer flag was given', () => {
    expect(hasImportFlags({ url: 'u', key: 'k' })).toBe(false);
    expect(hasImportFlags({ timezone: 'Europe/Paris' })).toBe(true);
  });
});
