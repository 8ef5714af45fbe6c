// The pages the navigation offers, per role: only pages that exist and that the role may open.
import type { UserPrincipal } from '@/server/auth/principal';

type Role = UserPrincipal['role'];

export type NavItem = { href: string; label: 'overview' | 'sites' | 'users'; exact?: boolean };
export type NavSection = { label: 'monitor' | 'settings'; items: NavItem[] };

export function navigationFor(role: Role): NavSection[] {
  const sections: NavSection[] = [{ label: 'monitor', items: [{ href: '/', label: 'overview', exact: true }] }];
  if (role === 'admin') {
    sections.push({
      label: 'settings',
      items: [
        { href: '/settings/sites', label: 'sites' },
        { href: '/settings/users', label: 'users' },
      ],
    });
  }
  return sections;
}

export function isActivePath(pathname: string, item: NavItem): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
