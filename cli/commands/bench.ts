import type { BenchDriver } from '../bench/databases';
import { serverUrlFrom } from '../bench/databases';
import { IMPORT_FORMATS } from '@/lib/importers/types';
import type { Command } from '../command';
import { UsageError } from '../errors';

function int(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} is a whole number ≥ 1`);
  return n;
}

function drivers(value: unknown): BenchDriver[] {
  if (value === undefined || value === 'both') return ['pglite', 'postgres'];
  if (value === 'pglite' || value === 'postgres') return [value];
  throw new UsageError('--driver is pglite, postgres or both');
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run a benchmark and print its table (ingest, dashboard, load, live, tz-rebuild, pages, alerts, importers, agents)',
  usage:
    'bench ingest [--records 50000] [--batch 2000] [--concurrency 4] [--driver both|pglite|postgres] [--database-url URL]\n' +
    '  bench dashboard [--sites 20] [--days 365] [--calls-per-day 1500] [--runs 30] [--database-url URL]\n' +
    '  bench load [--pushers 50] [--batch 1000] [--readers 20] [--seconds 60] [--calls-per-day 2000] [--database-url URL] [--url URL-of-a-running-server]\n' +
    '  bench live [--screens 200] [--pushers 20] [--seconds 60] [--readers 4] [--batch 20] [--interval-ms 1000] [--database-url URL]\n' +
    '  bench tz-rebuild [--records 1000000] [--sites 20] [--days 365] [--batch-days 31] [--driver postgres|pglite] [--demo] [--database-url URL]\n' +
    '  bench pages [--runs 10] [--site CAS] [--driver both|pglite|postgres] [--database-url URL]\n' +
    '  bench alerts [--rules 100] [--sites 20] [--ticks 20] [--calls-per-day 1500] [--driver both|pglite|postgres] [--database-url URL]\n' +
    `  bench importers [--calls 100000] [--runs 5] [--format ${IMPORT_FORMATS.join('|')}] [--push]\n` +
    '  bench agents [--agents 300] [--days 90] [--sites 4] [--runs 200] [--driver both|pglite|postgres] [--database-url URL]',
  options: {
    records: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    driver: { type: 'string' },
    'database-url': { type: 'string' },
    sites: { type: 'string' },
    days: { type: 'string' },
    'calls-per-day': { type: 'string' },
    runs: { type: 'string' },
    pushers: { type: 'string' },
    readers: { type: 'string' },
    seconds: { type: 'string' },
    url: { type: 'string' },
    'batch-days': { type: 'string' },
    demo: { type: 'boolean' },
    site: { type: 'string' },
    screens: { type: 'string' },
    'interval-ms': { type: 'string' },
    rules: { type: 'string' },
    ticks: { type: 'string' },
    calls: { type: 'string' },
    format: { type: 'string' },
    push: { type: 'boolean' },
    agents: { type: 'string' },
  },
  positionals: true,
  async run(values, positionals) {
    const which = positionals[0];
    const serverUrl = serverUrlFrom(values);
    if (which === 'ingest') {
      // Measure the path itself, not the per-key push limit that protects a shared server.
      process.env.VIGIE_PUSH_RATE_PER_MINUTE ??= '1000000';
      process.env.VIGIE_PUSH_BURST ??= '1000000';
      const { benchIngest } = await import('../bench/ingest');
      console.log(
        await benchIngest({
          records: int(values.records, 'records', 50_000),
          batch: Math.min(5000, int(values.batch, 'batch', 2000)),
          concurrency: int(values.concurrency, 'concurrency', 4),
          drivers: drivers(values.driver),
          serverUrl,
        }),
      );
      return;
    }
    if (which === 'dashboard') {
      const { benchDashboard } = await import('../bench/dashboard');
      console.log(
        await benchDashboard({
          sites: int(values.sites, 'sites', 20),
          days: int(values.days, 'days', 365),
          callsPerDay: int(values['calls-per-day'], 'calls-per-day', 1500),
          runs: int(values.runs, 'runs', 30),
          serverUrl,
        }),
      );
      return;
    }
    if (which === 'load') {
      // The server keeps its own push limits (VIGIE_PUSH_RATE_PER_MINUTE / VIGIE_PUSH_BURST from the
      // environment, else the defaults): one key per site, as in production.
      const { benchLoad } = await import('../bench/load');
      const { report, errors } = await benchLoad({
        pushers: int(values.pushers, 'pushers', 50),
        batch: Math.min(5000, int(values.batch, 'batch', 1000)),
        readers: int(values.readers, 'readers', 20),
        seconds: int(values.seconds, 'seconds', 60),
        callsPerDay: int(values['calls-per-day'], 'calls-per-day', 2000),
        serverUrl,
        url: typeof values.url === 'string' ? values.url : undefined,
      });
      console.log(report);
      // A load that produces errors fails, so that CI can run a bounded one as a check.
      return errors > 0 ? 1 : 0;
    }
    if (which === 'live') {
      // The server keeps its own push limits, as in production: each site pushes once a second.
      const { benchLive } = await import('../bench/live');
      const { report, errors } = await benchLive({
        screens: int(values.screens, 'screens', 200),
        pushers: int(values.pushers, 'pushers', 20),
        seconds: int(values.seconds, 'seconds', 60),
        readers: int(values.readers, 'readers', 4),
        batch: Math.min(5000, int(values.batch, 'batch', 20)),
        intervalMs: int(values['interval-ms'], 'interval-ms', 1000),
        serverUrl,
      });
      console.log(report);
      // Failed requests or streams fail the command (as bench load); times are printed, never judged.
      return errors > 0 ? 1 : 0;
    }
    if (which === 'tz-rebuild') {
      const driver = values.driver ?? 'postgres';
      if (driver !== 'postgres' && driver !== 'pglite') throw new UsageError('--driver is postgres or pglite for bench tz-rebuild');
      const { benchTzRebuild } = await import('../bench/tz-rebuild');
      console.log(
        await benchTzRebuild({
          records: int(values.records, 'records', 1_000_000),
          sites: int(values.sites, 'sites', 20),
          days: int(values.days, 'days', 365),
          batchDays: int(values['batch-days'], 'batch-days', 31),
          driver,
          demo: values.demo === true,
          serverUrl,
        }),
      );
      return;
    }
    if (which === 'pages') {
      const site = typeof values.site === 'string' ? values.site.toUpperCase() : 'CAS';
      if (!/^[A-Z]{2,8}$/.test(site)) throw new UsageError('--site is a site code of the demo, e.g. CAS');
      const { benchPages } = await import('../bench/pages');
      console.log(await benchPages({ runs: int(values.runs, 'runs', 10), drivers: drivers(values.driver), serverUrl, site }));
      return;
    }
    if (which === 'alerts') {
      const { benchAlerts } = await import('../bench/alerts');
      console.log(
        await benchAlerts({
          drivers: drivers(values.driver),
          serverUrl,
          rules: int(values.rules, 'rules', 100),
          sites: Math.min(26 * 26, int(values.sites, 'sites', 20)),
          ticks: int(values.ticks, 'ticks', 20),
          callsPerSite: int(values['calls-per-day'], 'calls-per-day', 1500),
        }),
      );
      return;
    }
    if (which === 'importers') {
      const formats = values.format === undefined ? [...IMPORT_FORMATS] : IMPORT_FORMATS.filter((f) => f === values.format);
      if (formats.length === 0) throw new UsageError(`--format is one of ${IMPORT_FORMATS.join(', ')}`);
      // The end-to-end push measures the import and the ingest path, not the per-key push limit.
      if (values.push === true) {
        process.env.VIGIE_PUSH_RATE_PER_MINUTE ??= '1000000';
        process.env.VIGIE_PUSH_BURST ??= '1000000';
      }
      const { benchImporters } = await import('../bench/importers');
      console.log(
        await benchImporters({
          calls: int(values.calls, 'calls', 100_000),
          runs: int(values.runs, 'runs', 5),
          formats,
          push: values.push === true,
          serverUrl,
        }),
      );
      return;
    }
    if (which === 'agents') {
      const { benchAgents } = await import('../bench/agents');
      console.log(
        await benchAgents({
          agents: int(values.agents, 'agents', 300),
          days: Math.min(400, int(values.days, 'days', 90)),
          // The sites beside the measured one, for the network medians.
          otherSites: Math.min(26 * 26, int(values.sites, 'sites', 4)),
          runs: int(values.runs, 'runs', 200),
          drivers: drivers(values.driver),
          serverUrl,
        }),
      );
      return;
    }
    throw new UsageError('Name a benchmark: bench ingest, bench dashboard, bench load, bench live, bench tz-rebuild, bench pages, bench alerts, bench importers or bench agents');
  },
};
