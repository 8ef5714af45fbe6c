// The app's router: one sub-router per domain. Each domain adds its line here.
import { createCallerFactory, createTRPCRouter } from './init';
import { healthRouter } from '@/server/health/router';
import { sitesRouter } from '@/server/sites/router';
import { usersRouter } from '@/server/users/router';
import { keysRouter } from '@/server/keys/router';
import { ingestRouter } from '@/server/ingest/router';
import { qaFormsRouter } from '@/server/qa/forms-router';
import { qaRouter } from '@/server/qa/router';
import { kpiRouter } from '@/server/kpi/router';
import { missionsRouter } from '@/server/missions/router';
import { reportsRouter } from '@/server/reports/router';
import { digestsRouter } from '@/server/digests/router';
import { auditRouter } from '@/server/audit/router';
import { intradayRouter } from '@/server/intraday/router';
import { queueStatusRouter } from '@/server/queue-status/router';
import { displaysRouter } from '@/server/displays/router';
import { calendarRouter } from '@/server/calendar/router';
import { liveRouter } from '@/server/live/router';
import { alertsRouter } from '@/server/alerts/router';
import { contractsRouter } from '@/server/contracts/router';
import { importMappingsRouter } from '@/server/importers/router';
import { rosterRouter } from '@/server/roster/router';
import { coachingRouter } from '@/server/coaching/router';
import { agentsRouter } from '@/server/agents/router';

export const appRouter = createTRPCRouter({
  health: healthRouter,
  sites: sitesRouter,
  users: usersRouter,
  keys: keysRouter,
  ingest: ingestRouter,
  qaForms: qaFormsRouter,
  qa: qaRouter,
  kpi: kpiRouter,
  missions: missionsRouter,
  reports: reportsRouter,
  digests: digestsRouter,
  audit: auditRouter,
  intraday: intradayRouter,
  queueStatus: queueStatusRouter,
  displays: displaysRouter,
  calendar: calendarRouter,
  live: liveRouter,
  alerts: alertsRouter,
  contracts: contractsRouter,
  importMappings: importMappingsRouter,
  roster: rosterRouter,
  coaching: coachingRouter,
  agents: agentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
