import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula } from './safe-cell';

describe('neutraliseFormula', () => {
  it('prefixes every character a spreadsheet starts a formula with', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${lead}1+1`), JSON.stringify(lead)).toBe(`'${lead}1+1`);
    }
  });

  it('leaves other text alone, including those characters further in', () => {
    for (const text of ['Tunis = Lac', 'a-b', 'x@y.test', '', ' =1', "'=already", '\n=1', '1+1']) {
      expect(neutraliseFormula(text), JSON.stringify(text)).toBe(text);
    }
  });
});

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tTab')).toBe("'\tTab");
    expect(csvCell('\rCR')).toBe(`"'\rCR"`);
    expect(csvCell('Tunis = Lac')).toBe('Tunis = Lac');
  });

  it('quotes commas, quotes and line breaks, after neutralising', () => {
    expect(csvCell('Tunis, Lac')).toBe('"Tunis, Lac"');
    expect(csvCell('The "new" site')).toBe('"The ""new"" site"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
