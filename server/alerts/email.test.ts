// The alert e-mails in both languages: what fired and where in the subject, the figures and the
// formula in the body, a link to the alert, and the text safe in HTML.
import { describe, expect, it } from 'vitest';
import type { AlertRow } from '@/db/schema';
import { renderAlertEmail } from './email';
import { alertMessage, type AlertTransition } from './payloads';

const ALERT: AlertRow = {
  id: 9,
  ruleId: 2,
  ruleName: 'Feed <silent>',
  scopeKey: 'TUN',
  siteId: 1,
  queue: null,
  metric: 'feedSilentMinutes',
  severity: 'warning',
  status: 'resolved',
  firedAt: new Date('2026-12-03T09:00:00Z'),
  resolvedAt: new Date('2026-12-03T09:40:00Z'),
  value: 31,
  resolvedValue: 0,
  threshold: 30,
  comparison: 'above',
  window: null,
  figures: { formula: 'opening minutes since the last accepted push', detail: 'last push 08:29 UTC' },
};

const message = (transition: AlertTransition) =>
  alertMessage({ alert: ALERT, rule: { id: 2, name: ALERT.ruleName }, transition, sequence: transition === 'renotify' ? 1 : 0, site: { code: 'TUN', name: 'Tunis' }, at: new Date('2026-12-03T09:40:00Z') }, 'https://vigie.example');

describe('renderAlertEmail', () => {
  it('firing, in English: the subject says what and where, the body the value, the formula and the link', () => {
    const email = renderAlertEmail(message('firing'), 'en');
    expect(email.subject).toBe('[Vigie] Alert (warning) · Feed silent above 30 min — Tunis (TUN): 31 min');
    expect(email.text).toContain('Value: 31 min');
    expect(email.text).toContain('Formula: opening minutes since the last accepted push');
    expect(email.text).toContain('Detail: last push 08:29 UTC');
    expect(email.text).toContain('Open the alert in Vigie: https://vigie.example/alerts/9');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('Feed &lt;silent&gt;');
    expect(email.html).not.toContain('Feed <silent>');
    expect(email.headers).toEqual({ 'X-Vigie-Alert': '9', 'X-Vigie-Alert-State': 'firing' });
  });

  it('resolved and reminder, in French', () => {
    const resolved = renderAlertEmail(message('resolved'), 'fr');
    expect(resolved.subject).toBe('[Vigie] Résolue · Flux muet au-dessus de 30 min — Tunis (TUN) : 0 min');
    expect(resolved.text).toContain('Valeur au déclenchement: 31 min');
    expect(resolved.text).toContain("Formule: minutes d’ouverture depuis le dernier envoi accepté");
    expect(resolved.html).toContain('<html lang="fr">');
    const reminder = renderAlertEmail(message('renotify'), 'fr');
    expect(reminder.subject.startsWith('[Vigie] Toujours en alerte (avertissement) · ')).toBe(true);
    expect(reminder.text).toContain('Cette alerte est toujours active (rappel 1).');
  });
});
