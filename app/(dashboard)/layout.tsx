import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { navigationFor } from '@/components/layout/navigation';
import { TRPCReactProvider } from '@/components/providers/trpc-provider';
import { requireSignedIn } from '@/server/auth/current-session';
import { getServerCaller } from '@/server/trpc/server-caller';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requireSignedIn();
  const me = await (await getServerCaller()).users.me();
  return (
    <TRPCReactProvider>
      <AppShell user={{ name: me.name, email: me.email, role: me.role, site: me.site }} navigation={navigationFor(principal.role, me.site?.code ?? null)}>
        {children}
      </AppShell>
    </TRPCReactProvider>
  );
}
