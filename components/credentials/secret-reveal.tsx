'use client';
// A new key's or token's secret, shown once: read-only, selectable, with a copy button and an
// example of how it is sent.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { controlClasses } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';

export function SecretReveal({ secret, usage, example, onDone }: { secret: string; usage: string; example: string; onDone: () => void }) {
  const t = useTranslations('credentials');
  const id = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <div className="space-y-4">
      <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {t('shownOnce')}
      </p>
      <div className="space-y-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {t('secret')}
        </label>
        <div className="flex gap-2">
          <input
            id={id}
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className={cn(controlClasses, 'h-9 font-mono text-xs')}
            data-secret
          />
          <Button variant="secondary" onClick={() => void copySecret()}>
            {copy === 'copied' ? t('copied') : t('copy')}
          </Button>
        </div>
        <p aria-live="polite" className="text-xs text-red-700">
          {copy === 'failed' ? t('copyFailed') : ''}
        </p>
      </div>
      <div>
        <p className="text-xs text-slate-600">{usage}</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-[11px] leading-relaxed text-slate-100">{example}</pre>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>{t('done')}</Button>
      </div>
    </div>
  );
}
