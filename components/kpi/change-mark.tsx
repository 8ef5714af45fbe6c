// The change against the previous period: an arrow for the direction the value moved, the delta,
// and a colour for whether that is good news for this figure (spoken too, for screen readers).
import { useLocale, useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import { changeVerdict, formatChange, type ChangeVerdict } from './kpi-format';
import type { Figure } from './metrics';

const tones: Record<ChangeVerdict, string> = {
  better: 'text-emerald-700',
  worse: 'text-red-700',
  same: 'text-slate-500',
  neutral: 'text-slate-500',
};

export function ChangeMark({ figure, delta, title, className }: { figure: Figure; delta: number | null; title?: string; className?: string }) {
  const t = useTranslations('kpi.change');
  const locale = useLocale();
  const verdict = changeVerdict(figure, delta);
  if (verdict === null || delta === null) return null;
  const text = formatChange(figure, delta, locale, t('points'));
  const up = verdict !== 'same' && delta > 0;
  const down = verdict !== 'same' && delta < 0;
  return (
    <span className={cn('inline-flex items-center gap-0.5 text-[11px] font-medium whitespace-nowrap', tones[verdict], className)} title={title}>
      {up || down ? (
        <svg aria-hidden="true" viewBox="0 0 12 12" className="size-2.5" fill="currentColor">
          <path d={up ? 'M6 1.5 11 9H1L6 1.5Z' : 'M6 10.5 1 3h10L6 10.5Z'} />
        </svg>
      ) : null}
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">
        {up ? `${t('up')} ` : down ? `${t('down')} ` : ''}
        {text}, {t(verdict)}
      </span>
    </span>
  );
}
