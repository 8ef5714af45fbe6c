import { describe, expect, it } from 'vitest';
import { asLocale, localeFromAcceptLanguage, resolveLocale } from './locale';

describe('locale resolution', () => {
  it("prefers the user's own choice over the cookie and the browser", () => {
    expect(resolveLocale({ userLocale: 'fr', cookieLocale: 'en', acceptLanguage: 'en-GB' })).toBe('fr');
    expect(resolveLocale({ userLocale: 'en', cookieLocale: 'fr', acceptLanguage: 'fr-FR' })).toBe('en');
  });

  it('falls back to the cookie, then Accept-Language, then English', () => {
    expect(resolveLocale({ userLocale: null, cookieLocale: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(resolveLocale({ cookieLocale: 'de', acceptLanguage: 'fr-CA,fr;q=0.9,en;q=0.8' })).toBe('fr');
    expect(resolveLocale({ acceptLanguage: 'de-DE,de;q=0.9' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
  });

  it('reads Accept-Language by quality, then by order, skipping q=0 and unsupported languages', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('ar-TN, fr;q=0.7, en;q=0.7')).toBe('fr');
    expect(localeFromAcceptLanguage('fr;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage('*')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
  });

  it('accepts only the supported locales, whatever their case', () => {
    expect(asLocale('FR')).toBe('fr');
    expect(asLocale(' en ')).toBe('en');
    expect(asLocale('es')).toBeNull();
    expect(asLocale(undefined)).toBeNull();
  });
});
