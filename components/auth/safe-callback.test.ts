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
});
