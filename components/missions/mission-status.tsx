'use client';
// A mission's (or one site's) standing in a word: upcoming, on track, at risk, behind, or, once
// the window is over, whether the target was met.
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { PaceStatus } from '@/lib/kpi/definitions';
import type { WindowPhase } from '@/lib/missions/progress';

export type Standing = 'upcoming' | 'not_measured' | PaceStatus | 'met' | 'missed';

export function standingOf(phase: WindowPhase, status: PaceStatus | null, completion: number | null): Standing {
  if (phase === 'upcoming') return 'upcoming';
  if (phase === 'ended') return completion !== null && completion >= 1 ? 'met' : 'missed';
  return status ?? 'not_measured';
}

const tones: Record<Standing, BadgeTone> = {
  upcoming: 'blue',
  not_measured: 'neutral',
  on_track: 'green',
  at_risk: 'amber',
  behind: 'red',
  met: 'green',
  missed: 'red',
};

export function MissionStatusBadge({ phase, status, completion }: { phase: WindowPhase; status: PaceStatus | null; completion: number | null }) {
  const t = useTranslations('missions.standing');
  const standing = standingOf(phase, status, completion);
  // A target missed narrowly (within the at-risk band) reads amber, like its bar.
  const tone = standing === 'missed' && status === 'at_risk' ? 'amber' : tones[standing];
  return <Badge tone={tone}>{t(standing)}</Badge>;
}
