import { redirect } from 'next/navigation';
import { requireAdmin } from '@/server/auth/current-session';

export default async function SettingsIndexPage() {
  await requireAdmin();
  redirect('/settings/sites');
}
