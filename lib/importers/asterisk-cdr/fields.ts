// Splitting Master.csv into lines and quoted fields. cdr_csv writes every field in double quotes,
// doubling a quote inside one ("""Alice"" <0612345678>"), one CDR per line, no header; unquoted
// fields (cdr_custom without CSV_QUOTE) are read too. Hand-written rather than a CSV library so that a
// broken line stays one rejected line with its own number instead of swallowing the ones after it.

/** The fields of one line, or the reason it cannot be split. */
export type SplitLine = { fields: string[] } | { error: string };

export function splitCdrLine(line: string): SplitLine {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return { error: 'a quoted field is not closed (the line looks cut short)' };
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += line.slice(from, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) return { error: 'a quote appears inside an unquoted field' };
      fields.push(value);
      i = end;
    }
    if (i >= n) return { fields };
    if (line.charCodeAt(i) !== 44 /* , */) return { error: 'text follows a closing quote' };
    i += 1;
    if (i === n) {
      fields.push('');
      return { fields };
    }
  }
}

/** Lines of a text with their 1-based numbers, CR LF or LF. */
export function* numberedLines(text: string): Generator<[number, string]> {
  let start = 0;
  let number = 1;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    yield [number, line];
    number += 1;
    start = end + 1;
  }
}
