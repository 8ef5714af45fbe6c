// The registry: every importer under its format, and the guess of a file's format from its first
// lines — each sample in samples/<format>/ is recognised as its own format and as no other, and
// Vigie's own CSV and JSON (which need no importer) as none.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, IMPORT_FORMATS, IMPORTERS, isImportFormat } from './index';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');

/** The export files of a format's samples: not its README, not a CSV column mapping. */
function samplesOf(format: string): string[] {
  const dir = path.join(SAMPLES, format);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.mapping.json'))
    .map((f) => path.join(dir, f));
}

describe('IMPORTERS', () => {
  it('holds one importer per format, under its own name', () => {
    expect(Object.keys(IMPORTERS).sort()).toEqual([...IMPORT_FORMATS].sort());
    for (const format of IMPORT_FORMATS) expect(IMPORTERS[format].format).toBe(format);
  });
});

describe('detectFormat', () => {
  it.each(IMPORT_FORMATS.map((f) => [f]))('recognises every sample of %s as that format', (format) => {
    const files = samplesOf(format);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect({ file: path.relative(SAMPLES, file), format: detectFormat(fs.readFileSync(file, 'utf8'), path.basename(file)) }).toEqual({
        file: path.relative(SAMPLES, file),
        format,
      });
    }
  });

  it('finds no other specific format claiming a sample (the mapped CSV takes any delimited text, so it comes last)', () => {
    for (const format of IMPORT_FORMATS) {
      for (const file of samplesOf(format)) {
        const text = fs.readFileSync(file, 'utf8');
        const claims = IMPORT_FORMATS.filter((f) => f !== 'csv' && IMPORTERS[f].detect(text, path.basename(file)));
        expect([path.relative(SAMPLES, file), claims]).toEqual([path.relative(SAMPLES, file), format === 'csv' ? [] : [format]]);
      }
    }
  });

  it('guesses from the text alone, without the file name', () => {
    for (const format of IMPORT_FORMATS) {
      for (const file of samplesOf(format)) expect([path.relative(SAMPLES, file), detectFormat(fs.readFileSync(file, 'utf8'))]).toEqual([path.relative(SAMPLES, file), format]);
    }
  });

  it("gives null for Vigie's own CSV and JSON, which are pushed as they are", () => {
    expect(detectFormat(fs.readFileSync(path.join(SAMPLES, 'calls.csv'), 'utf8'), 'calls.csv')).toBeNull();
    expect(detectFormat(fs.readFileSync(path.join(SAMPLES, 'calls.json'), 'utf8'), 'calls.json')).toBeNull();
  });

  it('reads past a byte-order mark, and gives null for empty or unrelated text', () => {
    const cdr = samplesOf('asterisk-cdr')[0]!;
    expect(detectFormat(`\uFEFF${fs.readFileSync(cdr, 'utf8')}`)).toBe('asterisk-cdr');
    expect(detectFormat('')).toBeNull();
    expect(detectFormat('Monday: call the carrier\nTuesday: nothing\n')).toBeNull();
    expect(detectFormat('{"hello": "world"}')).toBeNull();
  });
});

describe('isImportFormat', () => {
  it('takes the six format names and nothing else', () => {
    for (const format of IMPORT_FORMATS) expect(isImportFormat(format)).toBe(true);
    for (const other of ['', 'asterisk', 'CSV', 'Genesys', 'avaya', 'calls', 'asterisk-queue-log ']) expect(isImportFormat(other)).toBe(false);
  });
});
