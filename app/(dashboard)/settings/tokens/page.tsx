import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MyTokens } from '@/components/credentials/my-tokens';
import { PageHeader } from '@/components/layout/page-header';
import { requireSignedIn } from '@/server/auth/current-session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('credentials.tokens');
  return { title: t('title') };
}

export default async function TokensSettingsPage() {
  await requireSignedIn();
  const t = await getTranslations('credentials.tokens');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <MyTokens />
    </>
  );
}
