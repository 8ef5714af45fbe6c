// The app's router: one sub-router per domain. Each domain adds its line here.
import { createCallerFactory, createTRPCRouter } from './init';
import { healthRouter } from '@/server/health/router';

export const appRouter = createTRPCRouter({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
