// One subscription's digest for one period, composed and rendered: what the scheduler sends, the
// settings page previews and a test send delivers.
import type { Db } from '@/db/client';
import type { DueCandidate } from '@/db/queries/digests';
import type { DateRange } from '@/lib/kpi/periods';
import { buildDigestContent, type DigestContent } from './content';
import { renderDigest, type RenderedEmail } from './render';
import { signUnsubscribeToken, unsubscribeSecret, unsubscribeUrl } from './unsubscribe-token';

type Env = Record<string, string | undefined>;

/** Where the e-mail's links point: VIGIE_PUBLIC_URL (set by `npm start`), without a trailing slash. */
export function publicUrlFromEnv(env: Env = process.env): string {
  const url = env.VIGIE_PUBLIC_URL?.trim() || env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT || 3000}`;
  return url.replace(/\/+$/, '');
}

export type ComposeArgs = {
  subscription: DueCandidate;
  period: DateRange;
  now: Date;
  publicUrl: string;
  test?: boolean;
};

export async function composeDigest(db: Db, args: ComposeArgs): Promise<{ content: DigestContent; email: RenderedEmail }> {
  const { subscription: s } = args;
  const content = await buildDigestContent(db, {
    recipient: { email: s.email, name: s.name, role: s.role, siteId: s.userSiteId, locale: s.locale },
    cadence: s.cadence,
    period: args.period,
    siteIds: s.siteIds,
    now: args.now,
    publicUrl: args.publicUrl,
  });
  const token = signUnsubscribeToken(await unsubscribeSecret(db), s.id);
  const email = await renderDigest(content, { unsubscribeUrl: unsubscribeUrl(args.publicUrl, token), timeZone: s.timezone, test: args.test });
  return { content, email };
}
