'use client';
// HQ's choice of sites to compare: a disclosure with a checkbox per site. Nothing ticked means
// every active site; the choice goes to the URL.
import { useTranslations } from 'next-intl';
import { usePopover } from '@/components/ui/use-popover';
import { cn } from '@/components/ui/cn';
import { controlClasses } from '@/components/ui/input';

export type FilterSite = { code: string; name: string; active: boolean };

export function SiteFilter({ sites, selected, onChange }: { sites: FilterSite[]; selected: string[]; onChange: (codes: string[]) => void }) {
  const t = useTranslations('overview.filter');
  const { open, setOpen, panelId, containerRef, buttonRef } = usePopover();

  const activeCodes = sites.filter((s) => s.active).map((s) => s.code);
  const isAll = selected.length === 0;
  const checked = new Set(isAll ? activeCodes : selected);

  function toggle(code: string) {
    const next = new Set(checked);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    const list = [...next].sort();
    const sameAsAll = list.length === activeCodes.length && activeCodes.every((c) => next.has(c));
    onChange(sameAsAll || list.length === 0 ? [] : list);
  }

  return (
    <div ref={containerRef} className="relative space-y-1">
      <span className="block text-xs font-medium text-slate-700" aria-hidden="true">
        {t('button')}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className={cn(controlClasses, 'flex h-9 w-48 items-center justify-between gap-2 text-left')}
      >
        <span className="truncate">
          <span className="sr-only">{t('button')}: </span>
          {isAll ? t('all') : selected.length <= 3 ? selected.join(', ') : t('some', { count: selected.length })}
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor">
          <path d="M5.2 7.2a1 1 0 0 1 1.4 0L10 10.6l3.4-3.4a1 1 0 1 1 1.4 1.4l-4.1 4.1a1 1 0 0 1-1.4 0L5.2 8.6a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      <div id={panelId} hidden={!open} className="absolute z-20 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <fieldset>
          <legend className="mb-2 text-xs font-semibold text-slate-700">{t('legend')}</legend>
          <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
            <input type="checkbox" checked={isAll} onChange={() => onChange([])} disabled={isAll} />
            <span className="font-medium">{t('selectAll')}</span>
          </label>
          <ul className="mt-1 max-h-72 overflow-y-auto border-t border-slate-100 pt-1">
            {sites.map((site) => (
              <li key={site.code}>
                <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                  <input type="checkbox" checked={checked.has(site.code)} onChange={() => toggle(site.code)} />
                  <span className="font-mono text-xs font-semibold">{site.code}</span>
                  <span className="truncate text-slate-700">{site.name}</span>
                  {!site.active ? <span className="ml-auto text-[11px] text-slate-500">{t('inactive')}</span> : null}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
    </div>
  );
}
