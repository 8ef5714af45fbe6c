// Test support for coaching: a site's calls in which one agent stands out on AHT, the set-up of the
// coaching router's tests, the digest's coaching lines and the coaching browser test. Pure data, so
// that the browser test can push it through the REST API as the unit tests pass it to the ingest.

/**
 * Six agents near 200 s of handling a call (180–185 s of talk, 20 s of wrap) and SLOW at 900 s,
 * 30 answered inbound calls each, ten minutes apart from `first` (08:00 keeps them on one day),
 * ids `${prefix}${agentRef}-${n}`: SLOW alone is flagged, high on AHT, against the site's others.
 */
export function callsWithSlowAgent(first: Date, prefix = '') {
  return ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'SLOW'].flatMap((agentRef, i) =>
    Array.from({ length: 30 }, (_, n) => ({
      externalId: `${prefix}${agentRef}-${n}`,
      startedAt: new Date(first.getTime() + n * 10 * 60_000).toISOString(),
      direction: 'inbound' as const,
      queue: 'billing',
      waitSeconds: 10,
      talkSeconds: agentRef === 'SLOW' ? 880 : 180 + i,
      holdSeconds: 0,
      wrapSeconds: 20,
      abandoned: false,
      agentRef,
    })),
  );
}
