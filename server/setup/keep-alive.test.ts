import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_ALIVE_SECONDS, KeepAliveSettingError, keepAliveTimeoutMs } from './keep-alive';

describe('keepAliveTimeoutMs', () => {
  it('keeps idle connections 65 s unless told otherwise, longer than the 60 s of common proxies', () => {
    expect(DEFAULT_KEEP_ALIVE_SECONDS).toBe(65);
    expect(keepAliveTimeoutMs({})).toBe(65_000);
    expect(keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: '  ' })).toBe(65_000);
  });

  it('takes whole seconds from VIGIE_KEEP_ALIVE_SECONDS', () => {
    expect(keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: '5' })).toBe(5_000);
    expect(keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: ' 120 ' })).toBe(120_000);
    expect(keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: '3600' })).toBe(3_600_000);
  });

  it.each(['0', '-5', '1.5', '5s', 'abc', '3601', '1e3'])('refuses %j with a message naming the variable', (value) => {
    expect(() => keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: value })).toThrow(KeepAliveSettingError);
    expect(() => keepAliveTimeoutMs({ VIGIE_KEEP_ALIVE_SECONDS: value })).toThrow(`VIGIE_KEEP_ALIVE_SECONDS must be a whole number of seconds from 1 to 3600, not "${value}"`);
  });
});
