import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { WallboardPage } from '../wallboard-page';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ code }, t] = await Promise.all([params, getTranslations('live')]);
  return { title: t('siteTitle', { code: decodeURIComponent(code).toUpperCase() }) };
}

/** `/live/[code]`: one site, big, with its queues. */
export default async function LiveSitePage({ params }: Props) {
  const code = decodeURIComponent((await params).code);
  return <WallboardPage codes={[code]} layout="site" callbackPath={`/live/${encodeURIComponent(code)}`} />;
}
