'use client';
// The coaching schemas' messages (lib/agents/coaching-input.ts COACHING_MESSAGES) in the reader's
// language: a form looks up the English sentence its resolver returns.
import { useTranslations } from 'next-intl';
import { COACHING_MESSAGES, type CoachingMessageKey } from '@/lib/agents/coaching-input';

const KEY_OF = new Map<string, CoachingMessageKey>(Object.entries(COACHING_MESSAGES).map(([key, message]) => [message, key as CoachingMessageKey]));

export function useCoachingError(): (message: string | undefined) => string | null {
  const t = useTranslations('coaching.errors');
  return (message) => {
    if (!message) return null;
    const key = KEY_OF.get(message);
    return key ? t(key) : message;
  };
}
