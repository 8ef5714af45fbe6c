// The pages the navigation offers, per role: only pages that exist and that the role may open.
import type { UserPrincipal } from '@/server/auth/principal';

type Role = UserPrincipal['role'];

export type NavItem = { href: string; label: 'overview' | 'live' | 'upload' | 'sites' | 'users' | 'targets' | 'keys' | 'displays' | 'tokens' | 'missions' | 'reports' | 'qa' | 'digests' | 'outbox' | 'audit' | 'alerts' | 'alertRules' | 'contracts' | 'statements' | 'statement'; exact?: boolean };
export type NavSection = { label: 'monitor' | 'settings'; items: NavItem[] };

/** `siteCode`: a site lead's own site, whose monthly statement they read. */
export function navigationFor(role: Role, siteCode: string | null = null): NavSection[] {
  const sections: NavSection[] = [{ label: 'monitor', items: [{ href: '/', label: 'overview', exact: true }, { href: '/live', label: 'live' }, { href: '/missions', label: 'missions' }, { href: '/reports', label: 'reports' }, { href: '/qa', label: 'qa' }, { href: '/alerts', label: 'alerts' }] }];
  // HQ reads every site's monthly statement; a site lead their own site's.
  if (role === 'admin' || role === 'hq_manager') sections[0]!.items.push({ href: '/statements', label: 'statements' });
  // Without their site's code, /statements takes a lead to their own site's statement.
  if (role === 'site_lead') sections[0]!.items.push({ href: siteCode ? `/sites/${siteCode}/statement` : '/statements', label: 'statement' });
  // A site lead whose telephony export is manual uploads it by hand.
  if (role === 'site_lead') sections[0]!.items.push({ href: '/upload', label: 'upload' });
  const settings: NavItem[] = [];
  if (role === 'admin' || role === 'hq_manager') settings.push({ href: '/settings/targets', label: 'targets' }, { href: '/settings/alerts', label: 'alertRules' }, { href: '/settings/contracts', label: 'contracts' });
  if (role === 'admin') {
    settings.push(
      { href: '/settings/sites', label: 'sites' },
      { href: '/settings/users', label: 'users' },
      { href: '/settings/keys', label: 'keys' },
      { href: '/settings/displays', label: 'displays' },
      { href: '/settings/outbox', label: 'outbox' },
      { href: '/settings/audit', label: 'audit' },
    );
  }
  // Everyone may hold personal tokens for the REST API.
  settings.push({ href: '/settings/tokens', label: 'tokens' });
  settings.push({ href: '/settings/digests', label: 'digests' });
  sections.push({ label: 'settings', items: settings });
  return sections;
}

export function isActivePath(pathname: string, item: NavItem): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
