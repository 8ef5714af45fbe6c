// The JSON export reader: records are found, with their line and position, however the export is
// laid out (a list page written one record per line or pretty-printed, a bare array, JSON lines,
// objects back to back), and a broken record or list is named where it breaks.
import { describe, expect, it } from 'vitest';
import { readJsonRecords } from './json-records';

function read(text: string, keys: readonly string[] = ['calls', 'events']) {
  const records: [number, number, string | null, unknown][] = [];
  const problems = readJsonRecords(text, keys, (value, key, place) => records.push([place.line, place.record, key, value]));
  return { records, problems: problems.map((p) => [p.line, p.record, p.reason]) };
}

describe('readJsonRecords', () => {
  it('reads a list page written one record per line, and its paging fields are not records', () => {
    const text = '{"calls":[\n{"sid":"CA1","n":"}{"},\n{"sid":"CA2","n":[1,{"d":2}]}\n],"page":0,"next_page_uri":null}\n';
    expect(read(text)).toEqual({
      records: [
        [2, 1, 'calls', { sid: 'CA1', n: '}{' }],
        [3, 2, 'calls', { sid: 'CA2', n: [1, { d: 2 }] }],
      ],
      problems: [],
    });
  });

  it('reads a pretty-printed page, where records span lines and hold objects on lines of their own', () => {
    const text = '{\n  "events": [\n    {\n      "sid": "EV1",\n      "event_data": {"a": 1}\n    },\n    {"sid": "EV2"}\n  ],\n  "calls": []\n}';
    expect(read(text)).toEqual({
      records: [
        [3, 1, 'events', { sid: 'EV1', event_data: { a: 1 } }],
        [7, 2, 'events', { sid: 'EV2' }],
      ],
      problems: [],
    });
  });

  it('reads a bare array, JSON lines (a page per line too) and objects back to back', () => {
    expect(read('[{"a":1},\n {"b":"x\\"y"}]').records).toEqual([
      [1, 1, null, { a: 1 }],
      [2, 2, null, { b: 'x"y' }],
    ]);
    expect(read('{"a":1}\n\n{"calls":[{"b":2},{"c":3}]}\n').records).toEqual([
      [1, 1, null, { a: 1 }],
      [3, 2, 'calls', { b: 2 }],
      [3, 3, 'calls', { c: 3 }],
    ]);
    expect(read('{"a":1}{"b":2} {"c":3}').records).toEqual([
      [1, 1, null, { a: 1 }],
      [1, 2, null, { b: 2 }],
      [1, 3, null, { c: 3 }],
    ]);
  });

  it('names a JSON line that is not JSON, and keeps the others', () => {
    expect(read('{"a":1}\n{"b": nope}\n{"c":3}\n')).toEqual({
      records: [
        [1, 1, null, { a: 1 }],
        [3, 3, null, { c: 3 }],
      ],
      problems: [[2, 2, 'This record is not valid JSON']],
    });
  });

  it('names a record that is not JSON inside a page, and a list cut short where it breaks', () => {
    expect(read('{"calls":[\n{"a":1},\n{"b":nope},\n{"c":3}\n]}')).toEqual({
      records: [
        [2, 1, 'calls', { a: 1 }],
        [4, 3, 'calls', { c: 3 }],
      ],
      problems: [[3, 2, 'This record is not valid JSON']],
    });
    expect(read('{"calls":[\n{"a":1},\n{"b":2},\n{"c":')).toEqual({
      records: [
        [2, 1, 'calls', { a: 1 }],
        [3, 2, 'calls', { b: 2 }],
      ],
      problems: [[4, 3, 'The "calls" list is cut short or broken here']],
    });
  });

  it('names stray text between records by its line', () => {
    expect(read('[{"a":1}]\nhello\n{"b":2}\n')).toEqual({
      records: [
        [1, 1, null, { a: 1 }],
        [3, 2, null, { b: 2 }],
      ],
      problems: [[2, undefined, 'This line is not a JSON record']],
    });
  });

  it('gives each record an excerpt of its own text, spaces folded', () => {
    const excerpts: string[] = [];
    readJsonRecords('{"calls":[\n{"sid":  "CA1"},\n{\n "sid": "CA2"\n}\n]}', ['calls'], (_v, _k, place) => excerpts.push(place.where().excerpt));
    expect(excerpts).toEqual(['{"sid": "CA1"}', '{ "sid": "CA2" }']);
  });
});
