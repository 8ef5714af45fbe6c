import { describe, expect, it } from 'vitest';
import { isActivePath, navigationFor } from './navigation';

const hrefs = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).flatMap((s) => s.items.map((i) => i.href));

describe('navigation', () => {
  it('offers each settings page only to the roles that may open it', () => {
    expect(hrefs('admin')).toEqual([
      '/',
      '/live',
      '/missions',
      '/reports',
      '/qa',
      '/alerts',
      '/statements',
      '/settings/targets',
      '/settings/alerts',
      '/settings/contracts',
      '/settings/sites',
      '/settings/users',
      '/settings/keys',
      '/settings/displays',
      '/settings/outbox',
      '/settings/audit',
      '/settings/tokens',
      '/settings/digests',
    ]);
    expect(hrefs('hq_manager')).toEqual(['/', '/live', '/missions', '/reports', '/qa', '/alerts', '/statements', '/settings/targets', '/settings/alerts', '/settings/contracts', '/settings/tokens', '/settings/digests']);
    expect(hrefs('site_lead')).toEqual(['/', '/live', '/missions', '/reports', '/qa', '/alerts', '/statements', '/upload', '/settings/tokens', '/settings/digests']);
  });

  it('offers missions and daily reports to every role, under monitor', () => {
    for (const role of ['admin', 'hq_manager', 'site_lead'] as const) {
      expect(navigationFor(role)[0]!.items.map((i) => i.href)).toEqual(expect.arrayContaining(['/missions', '/reports']));
    }
  });

  it('offers the live wallboard to every role (a site lead sees their own site there)', () => {
    for (const role of ['admin', 'hq_manager', 'site_lead'] as const) {
      const live = navigationFor(role)[0]!.items.find((i) => i.href === '/live');
      expect(live?.label).toBe('live');
      expect(isActivePath('/live/TUN', live!)).toBe(true);
    }
  });

  it('offers quality to every role, one entry for all its pages (evaluations, calibration, forms)', () => {
    for (const role of ['admin', 'hq_manager', 'site_lead'] as const) {
      const qa = navigationFor(role)[0]!.items.find((i) => i.href === '/qa');
      expect(qa?.label).toBe('qa');
      expect(isActivePath('/qa/calibration/worklists/CAS/3', qa!)).toBe(true);
    }
    expect(isActivePath('/qa-old', navigationFor('admin')[0]!.items.find((i) => i.href === '/qa')!)).toBe(false);
  });

  it('offers e-mail digests to everyone, the outbox and the audit log to admins only', () => {
    for (const role of ['admin', 'hq_manager', 'site_lead'] as const) {
      expect(navigationFor(role)[1]!.items.find((i) => i.href === '/settings/digests')?.label).toBe('digests');
    }
    expect(hrefs('hq_manager')).not.toContain('/settings/outbox');
    expect(hrefs('site_lead')).not.toContain('/settings/outbox');
    expect(hrefs('hq_manager')).not.toContain('/settings/audit');
    expect(hrefs('site_lead')).not.toContain('/settings/audit');
  });

  it('offers the alerts to every role (a site lead sees their own site\'s), their rules to HQ and admins only', () => {
    for (const role of ['admin', 'hq_manager', 'site_lead'] as const) {
      const alerts = navigationFor(role)[0]!.items.find((i) => i.href === '/alerts');
      expect(alerts?.label).toBe('alerts');
      expect(isActivePath('/alerts/12', alerts!)).toBe(true);
    }
    expect(navigationFor('hq_manager')[1]!.items.find((i) => i.href === '/settings/alerts')?.label).toBe('alertRules');
    expect(navigationFor('admin')[1]!.items.find((i) => i.href === '/settings/alerts')?.label).toBe('alertRules');
    expect(hrefs('site_lead')).not.toContain('/settings/alerts');
  });

  it('offers contracts and every site\'s statements to HQ, and a site lead their own site\'s statement', () => {
    for (const role of ['admin', 'hq_manager'] as const) {
      const [monitor, settings] = navigationFor(role);
      expect(monitor!.items.find((i) => i.href === '/statements')?.label).toBe('statements');
      expect(settings!.items.find((i) => i.href === '/settings/contracts')?.label).toBe('contracts');
      expect(hrefs(role).some((href) => href.endsWith('/statement'))).toBe(false);
    }
    const lead = navigationFor('site_lead', 'CAS').flatMap((s) => s.items);
    expect(lead.find((i) => i.label === 'statement')?.href).toBe('/sites/CAS/statement');
    expect(lead.map((i) => i.href)).not.toContain('/statements');
    expect(lead.map((i) => i.href)).not.toContain('/settings/contracts');
    // Without the code, /statements takes the lead to their own site's statement.
    expect(navigationFor('site_lead')[0]!.items.find((i) => i.label === 'statement')?.href).toBe('/statements');
  });

  it('marks the overview active on / only, and a section on its sub-pages', () => {
    const [monitor, settings] = navigationFor('admin');
    const overview = monitor!.items[0]!;
    const sites = settings!.items.find((i) => i.label === 'sites')!;
    expect(isActivePath('/', overview)).toBe(true);
    expect(isActivePath('/settings/sites', overview)).toBe(false);
    expect(isActivePath('/settings/sites/TUN', sites)).toBe(true);
    expect(isActivePath('/settings/sitesx', sites)).toBe(false);
  });
});
