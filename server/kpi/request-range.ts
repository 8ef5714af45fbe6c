// A requested date range checked for the domain: a bad one is the caller's error (400). Kept out
// of periods.ts so that module stays free of server code and usable from the browser.
import { badRequest } from '@/server/errors';
import { checkRange, type DateRange } from '@/lib/kpi/periods';

export function validRange(from: string, to: string): DateRange {
  const checked = checkRange(from, to);
  if (!checked.ok) throw badRequest(checked.message);
  return checked.range;
}
