import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback';

describe('safeCallbackUrl', () => {
  it('keeps paths on this site and refuses anything that leaves it', () => {
    expect(safeCallbackUrl('/settings/users?x=1')).toBe('/settings/users?x=1');
    expect(safeCallbackUrl('https://evil.example/')).toBe('/');
    expect(safeCallbackUrl('//evil.example/')).toBe('/');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/');
    expect(safeCallbackUrl('/login?callbackUrl=/x')).toBe('/');
    expect(safeCallbackUrl(undefined)).toBe('/');
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/a');
  });

  it('refuses what a browser would read as another host once it drops tabs and newlines or turns backslashes', () => {
    // As the login page receives them: the query string already decoded once.
    for (const raw of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '\t//evil.example',
      ' //evil.example',
      '\\\\evil.example',
      '\\/evil.example',
      '/\t\\evil.example',
      '/.//evil.example',
      '/a/../..//evil.example',
      '/%2e//evil.example',
      'https:evil.example',
      'https://vigie.invalid@evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/log\tin',
      '/./login?x=1',
    ]) {
      expect(safeCallbackUrl(raw), JSON.stringify(raw)).toBe('/');
    }
  });

  it('keeps what stays on the site, encoded forms as they are, without the control characters', () => {
    expect(safeCallbackUrl('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeCallbackUrl('/%5Cevil.example')).toBe('/%5Cevil.example');
    expect(safeCallbackUrl('/%09/evil.example')).toBe('/%09/evil.example');
    expect(safeCallbackUrl('/qa/evaluations/TUN/12?tab=a#score')).toBe('/qa/evaluations/TUN/12?tab=a#score');
    expect(safeCallbackUrl('/reports\t?x=1')).toBe('/reports?x=1');
    expect(safeCallbackUrl('/sites/PAR/../TUN')).toBe('/sites/TUN');
  });

  it('resolves against the origin it is given, keeping absolute addresses on that origin only', () => {
    const origin = 'http://localhost:3000';
    expect(safeCallbackUrl('http://localhost:3000/reports?x=1', origin)).toBe('/reports?x=1');
    expect(safeCallbackUrl('/missions', origin)).toBe('/missions');
    expect(safeCallbackUrl('http://localhost:3001/reports', origin)).toBe('/');
    expect(safeCallbackUrl('https://localhost:3000/reports', origin)).toBe('/');
    expect(safeCallbackUrl('http://localhost:3000\t/\t/evil.example', origin)).toBe('/');
    expect(safeCallbackUrl('/\t/evil.example', origin)).toBe('/');
  });
});
