// Twilio's dates: RFC 2822 ("Tue, 10 Nov 2026 09:15:02 +0000") from the Calls API, ISO 8601 from
// BulkExport. Two per call in a 100,000-call export: the RFC 2822 form the API writes is read by
// hand (Date.parse's legacy-format parser is slow), anything else goes to Date.parse.

const RFC_2822 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** The RFC 2822 instant in milliseconds, or undefined when it is not the API's exact form or a field is out of range. */
function rfc2822(value: string): number | undefined {
  const m = RFC_2822.exec(value);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = MONTHS[m[2]!]!;
  const year = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const offsetHours = Number(m[8]);
  const offsetMinutes = Number(m[9]);
  // Out of range values are left to Date.parse, which has its own ways with them.
  const monthDays = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (year < 1000 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year, month, day, hour, minute, second) - offset;
}

/** The instant in milliseconds; null when absent, 'bad' when it is no date. */
export function instant(value: string | null | undefined): number | null | 'bad' {
  if (value == null || value === '') return null;
  const at = rfc2822(value) ?? Date.parse(value);
  return Number.isNaN(at) ? 'bad' : at;
}
