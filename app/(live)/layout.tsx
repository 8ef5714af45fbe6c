// The wallboards' own layout: the whole screen for the board, without the dashboard's navigation,
// so that a wall screen or a browser in full screen shows figures and nothing else.
import type { ReactNode } from 'react';

export const dynamic = 'force-dynamic';

export default function LiveLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-slate-950">{children}</div>;
}
