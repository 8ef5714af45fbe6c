'use client';
// "Coach this agent" on an evaluation's page: opens a coaching session with the evaluation as its
// source (a disputed one as a dispute), then points to the agent's sessions. Shown to the site's
// lead and to administrators, who run coaching.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTimeZone, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useClockNow } from '@/components/ui/use-now';
import { canCoach, defaultDueDate, defaultOwnerOf } from './coaching-defaults';
import { OpenCoachingForm } from './open-coaching-form';

type Props = { siteCode: string; agentRef: string; evaluationId: number; disputed: boolean };

export function agentHref(siteCode: string, agentRef: string): string {
  return `/sites/${encodeURIComponent(siteCode)}/agents/${encodeURIComponent(agentRef)}`;
}

export function CoachEvaluationButton({ siteCode, agentRef, evaluationId, disputed }: Props) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const timeZone = useTimeZone() ?? 'UTC';
  const now = useClockNow();
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions());
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  if (!canCoach(me.data, siteCode)) return null;
  const kind = disputed ? 'dispute' : 'evaluation';
  return (
    <>
      {opened ? (
        <p role="status" className="text-sm text-slate-700">
          {t('opened', { agent: agentRef })}{' '}
          <Link href={agentHref(siteCode, agentRef)} className="text-brand-700 underline underline-offset-2">
            {t('seeAgent')}
          </Link>
        </p>
      ) : null}
      <Button size="sm" onClick={() => setOpen(true)}>
        {t('coachThisAgent')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('openTitle', { agent: agentRef })} closeLabel={tCommon('close')}>
        {open ? (
          <OpenCoachingForm
            siteCode={siteCode}
            agentRef={agentRef}
            source={{ kind, evaluationId }}
            defaultObjective={t(`defaultObjective.${kind}`, { id: evaluationId })}
            defaultOwnerId={defaultOwnerOf(me.data, siteCode)}
            defaultDueDate={defaultDueDate(now, timeZone)}
            onDone={(done) => {
              setOpen(false);
              if (done) setOpened(true);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
