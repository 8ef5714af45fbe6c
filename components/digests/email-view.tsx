'use client';
// An e-mail as its recipient sees it: the HTML part in a sandboxed frame (no scripts, no access to
// the app), or the plain-text part, one tab each.
import { useId, useState } from 'react';
import { cn } from '@/components/ui/cn';

type Labels = { html: string; text: string; frameTitle: string };

export function EmailView({ html, text, labels, className }: { html: string; text: string; labels: Labels; className?: string }) {
  const [tab, setTab] = useState<'html' | 'text'>('html');
  const id = useId();
  const tabs = [
    { key: 'html' as const, label: labels.html },
    { key: 'text' as const, label: labels.text },
  ];
  return (
    <div className={className}>
      <div role="tablist" aria-label={labels.frameTitle} className="flex gap-1 border-b border-slate-200">
        {tabs.map((item) => (
          <button
            key={item.key}
            type="button"
            role="tab"
            id={`${id}-${item.key}-tab`}
            aria-selected={tab === item.key}
            aria-controls={`${id}-${item.key}`}
            tabIndex={tab === item.key ? 0 : -1}
            onClick={() => setTab(item.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = tab === 'html' ? 'text' : 'html';
                setTab(next);
                document.getElementById(`${id}-${next}-tab`)?.focus();
              }
            }}
            className={cn(
              '-mb-px border-b-2 px-3 py-1.5 text-xs font-medium',
              tab === item.key ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
            )}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${tab}`} aria-labelledby={`${id}-${tab}-tab`} className="pt-3">
        {tab === 'html' ? (
          <iframe title={labels.frameTitle} srcDoc={html} sandbox="" referrerPolicy="no-referrer" className="h-[70vh] min-h-[28rem] w-full rounded-md border border-slate-200 bg-slate-100" />
        ) : (
          <pre className="h-[70vh] min-h-[28rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-800">
            {text}
          </pre>
        )}
      </div>
    </div>
  );
}
