'use client';
// "How is this computed?": a button beside a figure that opens a panel with the formula in words,
// the target, and the counts behind each figure shown (numerator / denominator). Built on the
// HTML popover: it opens above everything (tables scroll sideways and would clip it), closes on
// Escape or a click elsewhere, and gives focus back to its button.
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import { METRICS, withoutSlExclusion, type KpiParts, type SlExclusion, type TargetBounds } from '@/lib/kpi/definitions';
import { formatFigure } from './kpi-format';
import { isRollupMetric, type Figure } from './metrics';
import { usePartsText } from './use-parts-text';

export type KpiInfoRow = {
  key: string;
  label: string;
  value: number | null;
  parts: KpiParts;
  /** The site's SLA threshold; null for the network, where each site keeps its own. */
  slaSeconds: number | null;
  /** Calls the row's service level leaves out (offered outside opening hours, by the site's settings). */
  slExcluded?: SlExclusion | null;
};

/** The parts a row's figure is computed from: for the service level, less what it leaves out. */
function countedParts(figure: Figure, row: KpiInfoRow): KpiParts {
  return figure === 'service_level' ? withoutSlExclusion(row.parts, row.slExcluded) : row.parts;
}

const PANEL_WIDTH = 416;

export function useFigureName(): (figure: Figure) => string {
  const t = useTranslations('kpi');
  const locale = useLocale() as 'en' | 'fr';
  return (figure) => (isRollupMetric(figure) ? METRICS[figure].label[locale] : t(`countNames.${figure}`));
}

export function KpiInfo({ figure, rows, target }: { figure: Figure; rows: KpiInfoRow[]; target?: TargetBounds | null }) {
  const t = useTranslations('kpi');
  const locale = useLocale() as 'en' | 'fr';
  const figureName = useFigureName();
  const partsText = usePartsText();
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const name = figureName(figure);

  useEffect(() => {
    const panel = panelRef.current;
    const button = buttonRef.current;
    if (!panel || !button) return;
    const close = () => {
      if (panel.matches(':popover-open')) panel.hidePopover();
    };
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== 'open') {
        window.removeEventListener('scroll', close, true);
        window.removeEventListener('resize', close);
        return;
      }
      const rect = button.getBoundingClientRect();
      const width = Math.min(PANEL_WIDTH, window.innerWidth - 16);
      panel.style.width = `${width}px`;
      panel.style.left = `${Math.max(8, Math.min(rect.left - 12, window.innerWidth - width - 8))}px`;
      const below = rect.bottom + 6;
      const room = window.innerHeight - below - 8;
      panel.style.top = room > 220 ? `${below}px` : `${Math.max(8, rect.top - 6 - Math.min(panel.scrollHeight, window.innerHeight * 0.7))}px`;
      panel.focus();
      // The panel is placed once; scrolling would leave it behind, so it closes.
      window.addEventListener('scroll', close, true);
      window.addEventListener('resize', close);
    };
    panel.addEventListener('toggle', onToggle);
    return () => {
      panel.removeEventListener('toggle', onToggle);
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, []);

  const explanation = isRollupMetric(figure) ? METRICS[figure].explanation[locale] : t(`countExplanations.${figure}`);
  const direction = isRollupMetric(figure) ? METRICS[figure].direction : null;
  const showShortAbandons = figure === 'offered' || figure === 'service_level' || figure === 'abandon_rate';
  const excluding = figure === 'service_level' ? rows.filter((r) => r.slExcluded && r.key !== 'network').map((r) => r.label) : [];

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        popoverTarget={id}
        aria-label={t('info.open', { figure: name })}
        title={t('info.open', { figure: name })}
        className="inline-grid size-4 shrink-0 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-700"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
          <path d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 6.5a1 1 0 0 0-1 1V14a1 1 0 1 0 2 0V9.5a1 1 0 0 0-1-1Zm0-3a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Z" />
        </svg>
      </button>
      <div
        ref={panelRef}
        id={id}
        popover="auto"
        role="dialog"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        className="fixed m-0 max-h-[70vh] overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 text-left text-sm font-normal tracking-normal whitespace-normal text-slate-800 normal-case shadow-xl"
      >
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {name}
        </h3>
        <p className="mt-0.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t('info.formula')}</p>
        <p className="mt-1 text-sm text-slate-700">{explanation}</p>
        {excluding.length > 0 ? <p className="mt-1 text-sm text-slate-700">{t('info.slExcludedAt', { codes: excluding.join(', ') })}</p> : null}
        {direction ? (
          <p className="mt-2 text-xs text-slate-600">
            <span className="font-medium">{t('info.target')}: </span>
            {target
              ? t(direction === 'higher' ? 'info.targetHigher' : 'info.targetLower', {
                  green: formatFigure(figure, target.green, locale),
                  amber: formatFigure(figure, target.amber, locale),
                })
              : t('info.noTarget')}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <table className="mt-3 w-full border-t border-slate-200 text-xs">
            <caption className="pt-2 pb-1 text-left text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t('info.counts')}</caption>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className="border-b border-slate-100 align-top last:border-0">
                  <th scope="row" className="py-1.5 pr-2 text-left font-medium whitespace-nowrap text-slate-700">
                    {row.label}
                  </th>
                  <td className="py-1.5 pr-2 text-right font-semibold whitespace-nowrap tabular-nums">
                    {row.value === null ? <span title={t('info.noData')}>{formatFigure(figure, null, locale)}</span> : formatFigure(figure, row.value, locale)}
                  </td>
                  <td className="py-1.5 text-slate-600 tabular-nums">
                    = {partsText(figure, countedParts(figure, row), row.slaSeconds)}
                    {figure === 'service_level' && row.slExcluded ? (
                      <span className="block text-[11px] text-slate-500">{t('info.slExcluded', { count: row.slExcluded.offered })}</span>
                    ) : null}
                    {showShortAbandons && row.parts.shortAbandons > 0 ? (
                      <span className="block text-[11px] text-slate-500">{t('info.shortAbandons', { count: row.parts.shortAbandons })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </>
  );
}
