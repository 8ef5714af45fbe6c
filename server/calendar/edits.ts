// HQ's changes to a site's calendar: weekly hours, the out-of-hours setting of service level, a
// decision on each public holiday (confirm, move, drop, restore), closures and special periods.
// Each change and its audit row commit together; a refusal changes nothing.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  deleteSiteCalendarPeriod,
  findSiteCalendarPeriod,
  findSiteHolidayForUpdate,
  insertSiteCalendarPeriod,
  setSiteSlExclusion,
  setSiteWeeklyHours,
  updateSiteCalendarPeriod,
  updateSiteHoliday,
  type CalendarPeriodValues,
  type HolidayStatus,
} from '@/db/queries/calendar-edits';
import { findSiteByCode } from '@/db/queries/sites';
import type { Site, SiteCalendarPeriodRow, SiteHolidayRow, WeeklyHours } from '@/db/schema';
import {
  CALENDAR_MESSAGES,
  createPeriodInput,
  deletePeriodInput,
  holidayDecisionInput,
  moveHolidayInput,
  setSlExclusionInput,
  setWeeklyHoursInput,
  updatePeriodInput,
} from '@/lib/calendar/inputs';
import type { Actor } from '@/server/auth/principal';
import { DomainError, notFound } from '@/server/errors';
import { publishSiteChange } from '@/server/live/bus';
import type { z } from 'zod';
import { ensureHolidayYears } from './holidays';

type AuditEntry = { action: string; entity: string; entityId: string; details: Record<string, unknown> };

/**
 * Runs a change on a site found by its code, with its audit row, in one transaction; once it is
 * committed, the site's wallboards are told (its opening state may have changed).
 */
async function onSite<T>(db: Db, actor: Actor, code: string, change: (tx: Db, site: Site) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
  const { result, siteId } = await db.transaction(async (tx) => {
    const site = await findSiteByCode(tx, code);
    if (!site) throw notFound('Site');
    const { result, audit } = await change(tx, site);
    await insertAudit(tx, { ...actor, ...audit, siteId: site.id, details: { site: site.code, ...audit.details } });
    return { result, siteId: site.id };
  });
  publishSiteChange(siteId);
  return result;
}

/** A refused field, named as zod names it, so that REST callers and forms read the same `path`. */
function refusedField(path: string, message: string): DomainError {
  return new DomainError('BAD_REQUEST', `${path}: ${message}`);
}

export async function setWeeklyHours(db: Db, actor: Actor, input: z.input<typeof setWeeklyHoursInput>): Promise<{ weeklyHours: WeeklyHours | null }> {
  const { site: code, weeklyHours } = setWeeklyHoursInput.parse(input);
  return onSite(db, actor, code, async (tx, site) => {
    await setSiteWeeklyHours(tx, site.id, weeklyHours);
    return {
      result: { weeklyHours },
      audit: { action: 'calendar.hours.set', entity: 'site', entityId: String(site.id), details: { from: site.weeklyHours, to: weeklyHours } },
    };
  });
}

export async function setSlExclusion(db: Db, actor: Actor, input: z.input<typeof setSlExclusionInput>): Promise<{ excludeOutOfHours: boolean }> {
  const { site: code, excludeOutOfHours } = setSlExclusionInput.parse(input);
  return onSite(db, actor, code, async (tx, site) => {
    await setSiteSlExclusion(tx, site.id, excludeOutOfHours);
    return {
      result: { excludeOutOfHours },
      audit: {
        action: 'calendar.outOfHours.set',
        entity: 'site',
        entityId: String(site.id),
        details: { from: site.slExcludesOutOfHours, to: excludeOutOfHours },
      },
    };
  });
}

export type HolidayDecision = 'confirm' | 'drop' | 'restore';

/** The status each decision leaves: a restored holiday is proposed again, as the library gave it. */
const STATUS_AFTER: Record<HolidayDecision, HolidayStatus> = { confirm: 'confirmed', drop: 'dropped', restore: 'proposed' };

async function holidayOf(tx: Db, siteId: number, holidayKey: string): Promise<SiteHolidayRow> {
  const holiday = await findSiteHolidayForUpdate(tx, siteId, holidayKey);
  if (!holiday) throw notFound('Holiday');
  return holiday;
}

/** The holiday's year is materialised first, so that a decision can be taken on any year the page shows. */
async function ensureYearOfKey(tx: Db, site: Site, holidayKey: string) {
  const year = Number(holidayKey.slice(0, 4));
  if (Number.isInteger(year)) await ensureHolidayYears(tx, [site], [year]);
}

export async function decideHoliday(
  db: Db,
  actor: Actor,
  decision: HolidayDecision,
  input: z.input<typeof holidayDecisionInput>,
): Promise<SiteHolidayRow> {
  const { site: code, holidayKey } = holidayDecisionInput.parse(input);
  return onSite(db, actor, code, async (tx, site) => {
    await ensureYearOfKey(tx, site, holidayKey);
    const before = await holidayOf(tx, site.id, holidayKey);
    const holiday = await updateSiteHoliday(tx, site.id, holidayKey, { status: STATUS_AFTER[decision] });
    if (!holiday) throw notFound('Holiday');
    return {
      result: holiday,
      audit: {
        action: `calendar.holiday.${decision}`,
        entity: 'site_holiday',
        entityId: holidayKey,
        details: { name: holiday.name, observedOn: holiday.observedOn, from: before.status, to: holiday.status },
      },
    };
  });
}

/**
 * Observes a holiday on another day of the same year (the library's year of the holiday): moon
 * sighting moves Islamic holidays by a day or two. Moving is HQ's decision on the holiday, so it
 * is confirmed as well; moving it back to the library's date keeps it confirmed.
 */
export async function moveHoliday(db: Db, actor: Actor, input: z.input<typeof moveHolidayInput>): Promise<SiteHolidayRow> {
  const { site: code, holidayKey, observedOn } = moveHolidayInput.parse(input);
  return onSite(db, actor, code, async (tx, site) => {
    await ensureYearOfKey(tx, site, holidayKey);
    const before = await holidayOf(tx, site.id, holidayKey);
    if (Number(observedOn.slice(0, 4)) !== before.year) {
      throw refusedField('observedOn', `${CALENDAR_MESSAGES.sameYear} (${before.year})`);
    }
    const holiday = await updateSiteHoliday(tx, site.id, holidayKey, { observedOn, status: 'confirmed' });
    if (!holiday) throw notFound('Holiday');
    return {
      result: holiday,
      audit: {
        action: 'calendar.holiday.move',
        entity: 'site_holiday',
        entityId: holidayKey,
        details: { name: holiday.name, libraryDate: holiday.libraryDate, from: before.observedOn, to: observedOn, status: holiday.status },
      },
    };
  });
}

function periodValues(input: { kind: 'closed' | 'special'; name: string; startsOn: string; endsOn: string; hours: WeeklyHours | null }): CalendarPeriodValues {
  return { kind: input.kind, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, hours: input.hours };
}

const periodAudit = (row: SiteCalendarPeriodRow) => ({ kind: row.kind, name: row.name, startsOn: row.startsOn, endsOn: row.endsOn, hours: row.hours });

export async function createCalendarPeriod(db: Db, actor: Actor, input: z.input<typeof createPeriodInput>): Promise<SiteCalendarPeriodRow> {
  const parsed = createPeriodInput.parse(input);
  return onSite(db, actor, parsed.site, async (tx, site) => {
    const row = await insertSiteCalendarPeriod(tx, site.id, periodValues(parsed));
    return { result: row, audit: { action: 'calendar.period.create', entity: 'site_calendar_period', entityId: String(row.id), details: periodAudit(row) } };
  });
}

export async function updateCalendarPeriod(db: Db, actor: Actor, input: z.input<typeof updatePeriodInput>): Promise<SiteCalendarPeriodRow> {
  const parsed = updatePeriodInput.parse(input);
  return onSite(db, actor, parsed.site, async (tx, site) => {
    const before = await findSiteCalendarPeriod(tx, site.id, parsed.id);
    if (!before) throw notFound('Calendar period');
    const row = await updateSiteCalendarPeriod(tx, site.id, parsed.id, periodValues(parsed));
    if (!row) throw notFound('Calendar period');
    return {
      result: row,
      audit: { action: 'calendar.period.update', entity: 'site_calendar_period', entityId: String(row.id), details: { from: periodAudit(before), to: periodAudit(row) } },
    };
  });
}

export async function deleteCalendarPeriod(db: Db, actor: Actor, input: z.input<typeof deletePeriodInput>): Promise<{ id: number }> {
  const { site: code, id } = deletePeriodInput.parse(input);
  return onSite(db, actor, code, async (tx, site) => {
    const row = await deleteSiteCalendarPeriod(tx, site.id, id);
    if (!row) throw notFound('Calendar period');
    return { result: { id }, audit: { action: 'calendar.period.delete', entity: 'site_calendar_period', entityId: String(id), details: periodAudit(row) } };
  });
}
