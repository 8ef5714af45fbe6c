import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { WallboardPage } from './wallboard-page';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('live');
  return { title: t('title') };
}

/** `/live`: the network, or the sites named by `?site=CODE&site=CODE`. */
export default async function LiveNetworkPage({ searchParams }: Props) {
  const query = await searchParams;
  const named = query.site === undefined ? [] : Array.isArray(query.site) ? query.site : [query.site];
  const codes = named.length > 0 ? named : null;
  const callback = codes ? `/live?${codes.map((c) => `site=${encodeURIComponent(c)}`).join('&')}` : '/live';
  return <WallboardPage codes={codes} layout="auto" callbackPath={callback} />;
}
