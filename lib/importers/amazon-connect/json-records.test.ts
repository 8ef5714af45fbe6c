import { describe, expect, it } from 'vitest';
import { readJsonRecords } from './json-records';

const summary = (text: string) => readJsonRecords(text).map((r) => ('error' in r ? [r.line, r.record, r.error] : [r.line, r.record, r.value]));

describe('contact records found in a delivery', () => {
  it('one per line, back to back, in arrays, with braces and quotes inside strings', () => {
    const text = '{"a":"}{"}\n{"b":"say \\"hi\\" {"}{"c":[1,{"d":2}]}\n[\n  {"e":1},\n  {"f":2}\n]\n';
    expect(summary(text)).toEqual([
      [1, 1, { a: '}{' }],
      [2, 2, { b: 'say "hi" {' }],
      [2, 3, { c: [1, { d: 2 }] }],
      [4, 4, { e: 1 }],
      [5, 5, { f: 2 }],
    ]);
  });

  it('a record cut short does not swallow the next line, even inside a string', () => {
    expect(summary('{"a":1,"b":{"c":\n{"d":1}\n{"e":"unfinished\n{"f":2}\n')).toEqual([
      [1, 1, 'This record is cut short: its braces do not close'],
      [2, 2, { d: 1 }],
      [3, 3, 'This record is cut short: its braces do not close'],
      [4, 4, { f: 2 }],
    ]);
  });

  it('names what is not an object, and invalid JSON, at its line', () => {
    const out = summary('42\n\n{"a": nope}\n{"ok":true}');
    expect(out[0]).toEqual([1, 1, 'This is not a JSON object (a contact record starts with "{")']);
    expect(out[1]?.[0]).toBe(3);
    expect(String(out[1]?.[2])).toMatch(/^This record is not valid JSON: /);
    expect(out[2]).toEqual([4, 3, { ok: true }]);
  });

  it('an indented object spans its lines', () => {
    expect(summary('{\n  "a": {\n    "b": 1\n  }\n}\n{"c":2}')).toEqual([
      [1, 1, { a: { b: 1 } }],
      [6, 2, { c: 2 }],
    ]);
  });
});
