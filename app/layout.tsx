import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PublicPasswordBanner } from '@/components/layout/public-password-banner';
import { ZodWithoutEval } from '@/components/providers/zod-without-eval';
import { publicPasswordBanner } from '@/server/setup/public-password';
import './globals.css';

// Every page depends on who is reading (language, session): nothing is rendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: { default: 'Vigie', template: '%s · Vigie' }, description: t('description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Every page, signed in or not: anyone who knows the demo password can sign in.
  const publicPassword = await publicPasswordBanner();
  return (
    <html lang={locale}>
      <body>
        <ZodWithoutEval />
        <NextIntlClientProvider>
          {publicPassword ? <PublicPasswordBanner /> : null}
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
