// The fixed list of incident categories a daily report may carry; shared by validation and the form.
export const INCIDENT_CATEGORIES = ['telecom', 'it_outage', 'power', 'staffing', 'weather', 'strike', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
