import type { ReactNode } from 'react';
import { AppShell } from '@/components/layout/app-shell';
import { navigationFor } from '@/components/layout/navigation';
import { TRPCReactProvider } from '@/components/providers/trpc-provider';
import { requireSignedIn } from '@/server/auth/current-session';
import { HydrateClient, prefetch, serverTRPC } from '@/server/trpc/rsc';
import { getServerCaller } from '@/server/trpc/server-caller';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requireSignedIn();
  // The bell's count comes with the HTML: no request of its own while the page's sections hydrate.
  const bell = serverTRPC.alerts.unread.queryOptions();
  const [me] = await Promise.all([(await getServerCaller()).users.me(), prefetch(bell)]);
  return (
    <TRPCReactProvider>
      <HydrateClient only={[bell.queryKey]}>
        <AppShell user={{ name: me.name, email: me.email, role: me.role, site: me.site }} navigation={navigationFor(principal.role, me.site?.code ?? null)}>
          {children}
        </AppShell>
      </HydrateClient>
    </TRPCReactProvider>
  );
}
