// A zone's UTC offset at an instant, from the runtime's tz data through @date-fns/tz, remembered
// per quarter-hour of UTC. Each look-up is an Intl formatting; ingest asks for every record and
// every page for each site's opening hours around today, always the same few instants. The tz data
// cannot change while the process runs, so a remembered offset stays right.
import { tzOffset } from '@date-fns/tz';

const BUCKET_MS = 15 * 60_000;
const MAX_CACHED = 20_000;
/** Per time zone, the UTC offset of each quarter-hour asked for (its number since the epoch). */
const offsets = new Map<string, Map<number, number>>();

/** The UTC offset in minutes at an instant (NaN for a zone the runtime does not know); cached per quarter-hour that holds no change. */
export function utcOffsetMinutes(timezone: string, ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  const zone = offsets.get(timezone);
  const cached = zone?.get(bucket);
  if (cached !== undefined) return cached;
  const start = tzOffset(timezone, new Date(bucket * BUCKET_MS));
  const end = tzOffset(timezone, new Date((bucket + 1) * BUCKET_MS - 1));
  // A quarter-hour in which the offset changes is never cached: each instant is asked for (so is
  // every instant of a zone the runtime does not know: NaN is never equal to itself).
  if (start !== end) return tzOffset(timezone, new Date(ms));
  if (!zone) offsets.set(timezone, new Map([[bucket, start]]));
  else {
    if (zone.size >= MAX_CACHED) zone.clear();
    zone.set(bucket, start);
  }
  return start;
}
