// Missions: defining them (HQ) and reading their progress (everyone, within their site scope).
// Each write and its audit row commit together.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  findMissionByCode,
  findSitesByCodes,
  insertMission,
  listMissionDays,
  listMissions,
  listMissionSites,
  replaceMissionTargets,
  updateMissionRow,
  type MissionPatch,
  type MissionSiteRow,
} from '@/db/queries/missions';
import { findSiteByCode } from '@/db/queries/sites';
import type { Mission } from '@/db/schema';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { badRequest, conflict, notFound } from '@/server/errors';
import { shiftDay, todayIn } from '@/lib/kpi/periods';
import {
  createMissionInput,
  MAX_MISSION_DAYS,
  updateMissionInput,
  type CreateMissionInput,
  type UpdateMissionInput,
} from '@/lib/missions/mission-input';
import { closedDaysBySite } from '@/server/calendar/working-days';
import { cumulativeByDay, overallProgress, siteProgress, windowDays, type OverallProgress, type SiteProgress } from '@/lib/missions/progress';

export type MissionProgress = {
  code: string;
  name: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  successOutcomes: string[];
  windowDays: number;
  overall: OverallProgress;
  sites: SiteProgress[];
};

export type MissionTargetRow = { site: string; target: number };

export type MissionDefinitionAnswer = {
  code: string;
  name: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  successOutcomes: string[];
  targets: MissionTargetRow[];
};

function audit(db: Db, actor: Actor, action: string, mission: Mission, details: Record<string, unknown>) {
  return insertAudit(db, { ...actor, action, entity: 'mission', entityId: mission.code, details });
}

async function resolveTargets(db: Db, targets: { site: string; target: number }[]) {
  const found = await findSitesByCodes(
    db,
    targets.map((t) => t.site),
  );
  const idOf = new Map(found.map((s) => [s.code, s.id]));
  const unknown = targets.filter((t) => !idOf.has(t.site)).map((t) => t.site);
  if (unknown.length > 0) throw badRequest(`Unknown site code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return targets.map((t) => ({ siteId: idOf.get(t.site)!, target: t.target }));
}

async function definitionOf(db: Db, mission: Mission): Promise<MissionDefinitionAnswer> {
  const rows = await listMissionSites(db, [mission.id], { all: true });
  return {
    code: mission.code,
    name: mission.name,
    description: mission.description,
    startsOn: mission.startsOn,
    endsOn: mission.endsOn,
    successOutcomes: mission.successOutcomes,
    targets: rows.map((r) => ({ site: r.code, target: r.target })),
  };
}

export async function createMission(db: Db, actor: Actor, input: CreateMissionInput): Promise<MissionDefinitionAnswer> {
  const values = createMissionInput.parse(input);
  return db.transaction(async (tx) => {
    if (await findMissionByCode(tx, values.code)) throw conflict(`A mission with code ${values.code} already exists`);
    const targets = await resolveTargets(tx, values.targets);
    const mission = await insertMission(tx, {
      code: values.code,
      name: values.name,
      description: values.description || null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      successOutcomes: values.successOutcomes,
      createdBy: actor.actorType === 'user' || actor.actorType === 'user_token' ? actor.actorId : null,
    });
    await replaceMissionTargets(tx, mission.id, targets);
    await audit(tx, actor, 'mission.create', mission, { ...values });
    return definitionOf(tx, mission);
  });
}

export async function updateMission(db: Db, actor: Actor, input: UpdateMissionInput): Promise<MissionDefinitionAnswer> {
  const { code, targets, ...fields } = updateMissionInput.parse(input);
  return db.transaction(async (tx) => {
    const before = await findMissionByCode(tx, code);
    if (!before) throw notFound('Mission');
    const startsOn = fields.startsOn ?? before.startsOn;
    const endsOn = fields.endsOn ?? before.endsOn;
    if (endsOn < startsOn) throw badRequest('The mission cannot end before it starts');
    if (windowDays({ startsOn, endsOn }) > MAX_MISSION_DAYS) throw badRequest(`A mission lasts at most ${MAX_MISSION_DAYS} days`);

    const patch: MissionPatch = {};
    if (fields.name !== undefined) patch.name = fields.name;
    if (fields.description !== undefined) patch.description = fields.description || null;
    if (fields.startsOn !== undefined) patch.startsOn = fields.startsOn;
    if (fields.endsOn !== undefined) patch.endsOn = fields.endsOn;
    if (fields.successOutcomes !== undefined) patch.successOutcomes = fields.successOutcomes;
    const mission = (await updateMissionRow(tx, before.id, patch)) ?? before;

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(patch) as (keyof MissionPatch)[]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(mission[key])) changes[key] = { from: before[key], to: mission[key] };
    }
    if (targets !== undefined) {
      const previous = (await definitionOf(tx, before)).targets;
      await replaceMissionTargets(tx, mission.id, await resolveTargets(tx, targets));
      const sorted = [...targets].sort((a, b) => a.site.localeCompare(b.site));
      if (JSON.stringify(previous) !== JSON.stringify(sorted)) changes.targets = { from: previous, to: sorted };
    }
    await audit(tx, actor, 'mission.update', mission, { changes });
    return definitionOf(tx, mission);
  });
}

/** Progress per site, pace and projection counted in the working days of each site's calendar. */
async function progressOf(db: Db, mission: Mission, rows: MissionSiteRow[], now: Date): Promise<MissionProgress> {
  const window = { startsOn: mission.startsOn, endsOn: mission.endsOn };
  const closed = await closedDaysBySite(
    db,
    rows.map((r) => r.siteId),
    window.startsOn,
    window.endsOn,
  );
  const sites = rows.map((row) => siteProgress(window, { ...row, closedDays: closed.get(row.siteId) ?? new Set() }, now));
  return {
    code: mission.code,
    name: mission.name,
    description: mission.description,
    startsOn: mission.startsOn,
    endsOn: mission.endsOn,
    successOutcomes: mission.successOutcomes,
    windowDays: windowDays(window),
    overall: overallProgress(sites),
    sites,
  };
}

/** Every mission the scope may see, with each visible site's progress (a site lead: their own row). */
export async function listMissionProgress(db: Db, scope: SiteScope, now: Date): Promise<MissionProgress[]> {
  const list = await listMissions(db, scope);
  const rows = await listMissionSites(
    db,
    list.map((m) => m.id),
    scope,
  );
  return Promise.all(
    list.map((mission) =>
      progressOf(
        db,
        mission,
        rows.filter((r) => r.missionId === mission.id),
        now,
      ),
    ),
  );
}

/** One mission's progress; a mission the scope may not see is not found, as if it did not exist. */
export async function getMissionProgress(db: Db, scope: SiteScope, code: string, now: Date): Promise<MissionProgress> {
  const mission = await findMissionByCode(db, code);
  if (!mission) throw notFound('Mission');
  const rows = await listMissionSites(db, [mission.id], scope);
  if (!scope.all && rows.length === 0) throw notFound('Mission');
  return progressOf(db, mission, rows, now);
}

export type MissionSeries = {
  code: string;
  startsOn: string;
  endsOn: string;
  /** Every day of the window, in order. */
  days: string[];
  sites: { code: string; name: string; target: number; today: string; cumulative: number[] }[];
};

/** Cumulative successes per site and window day, up to each site's own today. */
export async function getMissionSeries(db: Db, scope: SiteScope, code: string, now: Date): Promise<MissionSeries> {
  const mission = await findMissionByCode(db, code);
  if (!mission) throw notFound('Mission');
  const rows = await listMissionSites(db, [mission.id], scope);
  if (!scope.all && rows.length === 0) throw notFound('Mission');
  const daily = await listMissionDays(db, mission, scope);
  const window = { startsOn: mission.startsOn, endsOn: mission.endsOn };
  const length = windowDays(window);
  return {
    code: mission.code,
    startsOn: mission.startsOn,
    endsOn: mission.endsOn,
    days: Array.from({ length }, (_, i) => shiftDay(mission.startsOn, i)),
    sites: rows.map((row) => {
      const today = todayIn(now, row.timezone);
      return {
        code: row.code,
        name: row.name,
        target: row.target,
        today,
        cumulative: cumulativeByDay(
          window,
          daily.filter((d) => d.siteId === row.siteId),
          today,
        ),
      };
    }),
  };
}

/** The missions that give one site a target, with that site's progress in each. */
export async function listSiteMissions(db: Db, scope: SiteScope, siteCode: string, now: Date) {
  const site = await findSiteByCode(db, siteCode);
  // The same answer for a site that does not exist and one outside the scope.
  if (!site || (!scope.all && scope.siteId !== site.id)) throw notFound('Site');
  const filter = { all: false as const, siteId: site.id };
  const list = await listMissions(db, filter);
  const rows = await listMissionSites(
    db,
    list.map((m) => m.id),
    filter,
  );
  return Promise.all(
    list.map(async (mission) => {
      const progress = await progressOf(
        db,
        mission,
        rows.filter((r) => r.missionId === mission.id),
        now,
      );
      return { code: progress.code, name: progress.name, startsOn: progress.startsOn, endsOn: progress.endsOn, site: progress.sites[0]! };
    }),
  );
}

/** Running missions with at least one site at risk or behind pace, worst first, with only those sites. */
export async function listMissionsBehindPace(db: Db, scope: SiteScope, now: Date): Promise<MissionProgress[]> {
  const all = await listMissionProgress(db, scope, now);
  const slow = all
    .map((m) => ({ ...m, sites: m.sites.filter((s) => s.phase === 'active' && (s.status === 'behind' || s.status === 'at_risk')) }))
    .filter((m) => m.sites.length > 0);
  for (const m of slow) m.sites.sort((a, b) => (a.pace ?? 0) - (b.pace ?? 0));
  return slow.sort((a, b) => (a.sites[0]?.pace ?? 0) - (b.sites[0]?.pace ?? 0));
}
