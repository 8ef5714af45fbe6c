'use client';
// A rule's or an alert's window in words: "last 60 min", "today", "yesterday", or "now" for a
// metric read as of the moment.
import { useTranslations } from 'next-intl';
import type { AlertWindow } from '@/lib/alerts/rule-input';

export function useWindowLabel(): (window: AlertWindow | null | undefined) => string {
  const t = useTranslations('alerts.window');
  return (window) => {
    if (!window) return t('now');
    if ('trailingMinutes' in window) return t('trailing', { minutes: window.trailingMinutes });
    return t(window.period);
  };
}
