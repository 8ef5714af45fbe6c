// Next.js calls register() once when a server starts. The build does not serve, so it skips.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // First, before anything slow: every request from now on carries its socket's address.
  const { installPeerAddressStamp } = await import('./server/security/client-address');
  installPeerAddressStamp();
  const { boot } = await import('./server/boot');
  await boot();
}
