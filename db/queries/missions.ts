// Missions, their per-site targets, and what each site achieved. Achieved counts come from the
// site_mission_day rollup only (calls per site-local day, mission code and outcome), so a call
// counts whenever it arrived and a corrected outcome moves it at the next ingest.
import { and, asc, between, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { missions, missionTargets, siteMissionDay, sites, type Mission } from '../schema';
import type { SiteFilter } from './sites';

export type NewMissionValues = Pick<Mission, 'code' | 'name' | 'description' | 'startsOn' | 'endsOn' | 'successOutcomes'> & {
  createdBy: number | null;
};
export type MissionPatch = Partial<Pick<Mission, 'name' | 'description' | 'startsOn' | 'endsOn' | 'successOutcomes'>>;

export async function findMissionByCode(db: Db, code: string): Promise<Mission | null> {
  const [row] = await db.select().from(missions).where(eq(missions.code, code)).limit(1);
  return row ?? null;
}

export async function insertMission(db: Db, values: NewMissionValues): Promise<Mission> {
  const [row] = await db.insert(missions).values(values).returning();
  if (!row) throw new Error('Inserting a mission returned no row');
  return row;
}

export async function updateMissionRow(db: Db, id: number, patch: MissionPatch): Promise<Mission | null> {
  const [row] = await db
    .update(missions)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(missions.id, id))
    .returning();
  return row ?? null;
}

/** Replaces a mission's whole set of targets. */
export async function replaceMissionTargets(db: Db, missionId: number, targets: { siteId: number; target: number }[]): Promise<void> {
  await db.delete(missionTargets).where(eq(missionTargets.missionId, missionId));
  if (targets.length > 0) await db.insert(missionTargets).values(targets.map((t) => ({ missionId, ...t })));
}

function targetScope(filter: SiteFilter): SQL | undefined {
  return filter.all ? undefined : eq(missionTargets.siteId, filter.siteId);
}

/**
 * Missions ordered by start (latest first). A site-scoped filter keeps only the missions that
 * give that site a target: a site lead never learns of campaigns run elsewhere.
 */
export async function listMissions(db: Db, filter: SiteFilter): Promise<Mission[]> {
  const order = [sql`${missions.endsOn} desc`, sql`${missions.startsOn} desc`, asc(missions.code)];
  if (filter.all) return db.select().from(missions).orderBy(...order);
  return db
    .select({ mission: missions })
    .from(missions)
    .innerJoin(missionTargets, and(eq(missionTargets.missionId, missions.id), eq(missionTargets.siteId, filter.siteId)))
    .orderBy(...order)
    .then((rows) => rows.map((r) => r.mission));
}

export type MissionSiteRow = {
  missionId: number;
  siteId: number;
  code: string;
  name: string;
  timezone: string;
  active: boolean;
  target: number;
  /** Calls with the mission's code and one of its success outcomes on a window day. */
  achieved: number;
};

/** Each targeted site of the given missions, with its target and what it achieved, by site code. */
export async function listMissionSites(db: Db, missionIds: number[], filter: SiteFilter): Promise<MissionSiteRow[]> {
  if (missionIds.length === 0) return [];
  return db
    .select({
      missionId: missionTargets.missionId,
      siteId: missionTargets.siteId,
      code: sites.code,
      name: sites.name,
      timezone: sites.timezone,
      active: sites.active,
      target: missionTargets.target,
      achieved: sql<number>`coalesce(sum(${siteMissionDay.calls}), 0)::int8`.mapWith(Number),
    })
    .from(missionTargets)
    .innerJoin(missions, eq(missions.id, missionTargets.missionId))
    .innerJoin(sites, eq(sites.id, missionTargets.siteId))
    .leftJoin(
      siteMissionDay,
      and(
        eq(siteMissionDay.siteId, missionTargets.siteId),
        eq(siteMissionDay.missionCode, missions.code),
        sql`${siteMissionDay.outcome} = any(${missions.successOutcomes})`,
        between(siteMissionDay.day, missions.startsOn, missions.endsOn),
      ),
    )
    .where(and(inArray(missionTargets.missionId, missionIds), targetScope(filter)))
    .groupBy(missionTargets.missionId, missionTargets.siteId, missionTargets.target, sites.id)
    .orderBy(asc(missionTargets.missionId), asc(sites.code));
}

export type MissionDayRow = { siteId: number; day: string; calls: number };

/** Successes per targeted site and site-local day of the window, for the cumulative chart. */
export async function listMissionDays(db: Db, mission: Mission, filter: SiteFilter): Promise<MissionDayRow[]> {
  return db
    .select({
      siteId: siteMissionDay.siteId,
      day: siteMissionDay.day,
      calls: sql<number>`sum(${siteMissionDay.calls})::int8`.mapWith(Number),
    })
    .from(siteMissionDay)
    .innerJoin(missionTargets, and(eq(missionTargets.siteId, siteMissionDay.siteId), eq(missionTargets.missionId, mission.id)))
    .where(
      and(
        eq(siteMissionDay.missionCode, mission.code),
        inArray(siteMissionDay.outcome, mission.successOutcomes),
        between(siteMissionDay.day, mission.startsOn, mission.endsOn),
        targetScope(filter),
      ),
    )
    .groupBy(siteMissionDay.siteId, siteMissionDay.day)
    .orderBy(asc(siteMissionDay.day));
}

export async function findSitesByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select({ id: sites.id, code: sites.code }).from(sites).where(inArray(sites.code, codes));
}
