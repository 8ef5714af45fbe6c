// What both wallboard pages do on the server: read the viewer's snapshot through `live.snapshot`
// (the same authorisation as the stream: a user's scope, a paired screen's scope) and hand it to
// the board, which then follows the stream. A site the viewer may not watch is a 404, as on every page.
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { Wallboard, type WallboardLayout } from '@/components/live/wallboard';
import type { WallboardSnapshot } from '@/lib/live/wallboard';
import { requireWallboardViewer } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

async function readSnapshot(codes: string[] | null, callbackPath: string): Promise<WallboardSnapshot> {
  try {
    return await (await getServerCaller()).live.snapshot(codes ? { site: codes } : {});
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === 'UNAUTHORIZED') redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
      // Another site than a lead's own, an unknown code, a malformed one: the 404 page alike.
      if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST') notFound();
    }
    throw error;
  }
}

/** Whether the board holds every site asked for: a paired screen is shown its own scope whatever it asks. */
function coversRequest(snapshot: WallboardSnapshot, codes: string[] | null): boolean {
  if (codes === null) return true;
  const shown = new Set(snapshot.sites.map((s) => s.code));
  return codes.every((code) => shown.has(code.trim().toUpperCase()));
}

export async function WallboardPage({ codes, layout, callbackPath }: { codes: string[] | null; layout: WallboardLayout | 'auto'; callbackPath: string }) {
  // A person signs in (or is sent back to sign in); a screen whose pairing ended goes back to pairing.
  const viewer = await requireWallboardViewer();
  const snapshot = await readSnapshot(codes, callbackPath);
  if (!coversRequest(snapshot, codes)) notFound();
  // A board of one site (a site lead's /live, a screen paired with one site) is drawn as that site's board.
  const drawn: WallboardLayout = layout === 'auto' ? (snapshot.sites.length === 1 ? 'site' : 'network') : layout;
  return <Wallboard initial={snapshot} siteCodes={codes} layout={drawn} exitHref={viewer.kind === 'user' ? '/' : null} />;
}
