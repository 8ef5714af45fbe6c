// Next.js calls register() once when a server starts. The build does not serve, so it skips.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./server/boot');
  await boot();
}
