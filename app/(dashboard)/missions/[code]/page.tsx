import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { MissionDetail } from '@/components/missions/mission-detail';
import { requireSignedIn } from '@/server/auth/current-session';
import { missionCode } from '@/lib/missions/mission-input';
import { getServerCaller } from '@/server/trpc/server-caller';

type Props = { params: Promise<{ code: string }> };

/** The mission, or the 404 page when it does not exist or does not involve the reader's site. */
async function visibleMission(raw: string) {
  const parsed = missionCode.safeParse(decodeURIComponent(raw));
  if (!parsed.success) notFound();
  try {
    return await (await getServerCaller()).missions.detail({ code: parsed.data });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('missions');
  const { code } = await params;
  return { title: t('detail.title', { code: decodeURIComponent(code) }) };
}

export default async function MissionPage({ params }: Props) {
  const principal = await requireSignedIn();
  const mission = await visibleMission((await params).code);
  const t = await getTranslations('missions');
  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="mb-2 text-xs">
        <Link href="/missions" className="text-brand-700 underline underline-offset-2">
          {t('title')}
        </Link>
        <span aria-hidden="true" className="px-1 text-slate-500">
          /
        </span>
        <span className="font-mono text-slate-600">{mission.code}</span>
      </nav>
      <PageHeader title={mission.name} />
      <MissionDetail code={mission.code} canEdit={principal.role === 'admin' || principal.role === 'hq_manager'} />
    </>
  );
}
