import { describe, expect, it } from 'vitest';
import { isActivePath, navigationFor } from './navigation';

const hrefs = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).flatMap((s) => s.items.map((i) => i.href));

describe('navigation', () => {
  it('offers the settings pages to administrators only', () => {
    expect(hrefs('admin')).toEqual(['/', '/settings/sites', '/settings/users']);
    expect(hrefs('hq_manager')).toEqual(['/']);
    expect(hrefs('site_lead')).toEqual(['/']);
  });

  it('marks the overview active on / only, and a section on its sub-pages', () => {
    const [monitor, settings] = navigationFor('admin');
    const overview = monitor!.items[0]!;
    const sites = settings!.items[0]!;
    expect(isActivePath('/', overview)).toBe(true);
    expect(isActivePath('/settings/sites', overview)).toBe(false);
    expect(isActivePath('/settings/sites/TUN', sites)).toBe(true);
    expect(isActivePath('/settings/sitesx', sites)).toBe(false);
  });
});
