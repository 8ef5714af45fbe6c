// Typed message keys: a key missing from the English messages (messages/en/) fails the type check.
import type messages from '../messages/en';
import type { AppLocale } from './locale';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
