// Incident categories as the report form offers them, and the label of any stored category
// (reports filed before the list was fixed may carry another word: they read as "other").
import { INCIDENT_CATEGORIES, type IncidentCategory } from '@/lib/reports/incident-categories';

export { INCIDENT_CATEGORIES, type IncidentCategory };

export function incidentLabelKey(category: string): `incidents.${IncidentCategory}` {
  const known = (INCIDENT_CATEGORIES as readonly string[]).includes(category) ? (category as IncidentCategory) : 'other';
  return `incidents.${known}`;
}
