// The demo's rosters (site_agents) for two sites, so that the agents' pages show names, teams and
// tenure: every agent reference the site's calls carry (db/seed/demo-calls.ts agentRefsOf), with
// a start date before the history begins (an agent takes calls from their first day), plus two
// people still in training (no calls yet) and three who left during the last year (attrition).
// Reproducible: drawn from the seed and the site's today.
import { addDays } from '@/db/local-time';
import type { RosterEntry } from '@/lib/agents/roster-csv';
import { agentRefsOf } from './demo-calls';
import type { SiteProfile } from './demo-network';
import { createRandom, hashString } from './random';

/** The sites with a roster in the demo, their people's names and their teams. */
export const DEMO_ROSTERS: Record<string, { names: readonly string[]; teams: readonly string[] }> = {
  TUN: {
    names: [
      'Amina Ben Salah', 'Karim Trabelsi', 'Leïla Mansouri', 'Youssef Gharbi', 'Sarra Jlassi', 'Mehdi Ayari', 'Ines Bouazizi', 'Walid Hamdi',
      'Nour Chaabane', 'Rania Khelifi', 'Hichem Zouari', 'Salma Dridi', 'Omar Baccouche', 'Yasmine Ferchichi', 'Anis Mejri', 'Mariem Sassi',
      'Bilel Riahi', 'Emna Kefi', 'Skander Belhadj', 'Olfa Jebali', 'Fares Mabrouk', 'Hana Chebbi', 'Aymen Tlili', 'Dorra Ghannouchi',
    ],
    teams: ['Facturation', 'Support technique', 'Fidélisation'],
  },
  DKR: {
    names: [
      'Awa Diallo', 'Mamadou Ndiaye', 'Fatou Sow', 'Cheikh Fall', 'Aminata Ba', 'Ousmane Diop', 'Khady Faye', 'Ibrahima Sarr',
      'Mariama Cissé', 'Abdoulaye Gueye', 'Ndeye Mbaye', 'Moussa Kane', 'Astou Seck', 'Babacar Thiam', 'Coumba Niang', 'Lamine Diouf',
      'Rokhaya Sy', 'Pape Camara', 'Adama Touré', 'Bineta Wade',
    ],
    teams: ['Recouvrement', 'Service client'],
  },
};

export function generateSiteRoster(profile: SiteProfile, today: string, historyDays: number, seed: number): RosterEntry[] {
  const roster = DEMO_ROSTERS[profile.code];
  if (!roster) return [];
  const random = createRandom(seed ^ hashString(`${profile.code}:roster`));
  const nameOf = (i: number) => roster.names[i % roster.names.length]!;
  const people: RosterEntry[] = agentRefsOf(profile).map((agentRef, i) => ({
    agentRef,
    name: nameOf(i),
    team: roster.teams[i % roster.teams.length]!,
    // From just before the history (the 3–6 months band, with the default 120 days) to four years.
    startDate: addDays(today, -random.int(historyDays + 5, 4 * 365)),
    endDate: null,
  }));
  const offset = people.length;
  for (let i = 0; i < 2; i++) {
    people.push({ agentRef: `${profile.code}-${201 + i}`, name: nameOf(offset + i), team: roster.teams[i % roster.teams.length]!, startDate: addDays(today, -random.int(7, 60)), endDate: null });
  }
  for (let i = 0; i < 3; i++) {
    const endDate = addDays(today, -random.int(20, 330));
    people.push({ agentRef: `${profile.code}-0${51 + i}`, name: nameOf(offset + 2 + i), team: roster.teams[(i + 1) % roster.teams.length]!, startDate: addDays(endDate, -random.int(120, 900)), endDate });
  }
  return people;
}
