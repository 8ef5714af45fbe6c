// Secrets: their shape, their hash, and the one comparison every secret, signature or token check
// uses (safeEqual), with a scan that keeps plain === comparisons of secrets out of the code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, kindOfSecret, safeEqual } from './secrets';

describe('safeEqual', () => {
  it('is true for equal strings only', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('é€😀', 'é€😀')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'ABC')).toBe(false);
  });

  it('is false for a prefix, an extension or another length, without throwing', () => {
    // crypto.timingSafeEqual throws on buffers of different lengths; safeEqual must not.
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('abcd', 'abc')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    const signature = 'x'.repeat(43);
    expect(safeEqual(signature, `${signature}=`)).toBe(false);
  });
});

describe('secrets', () => {
  it('makes prefixed 32-byte secrets, recognised by kind and stored as their SHA-256', () => {
    const key = generateSecret('site_key');
    expect(key.secret).toMatch(/^vk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 10));
    expect(key.hash).toBe(hashSecret(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(kindOfSecret(key.secret)).toBe('site_key');
    expect(kindOfSecret(generateSecret('user_token').secret)).toBe('user_token');
    expect(kindOfSecret('Bearer nothing')).toBeNull();
    expect(generateSecret('site_key').secret).not.toBe(key.secret);
  });
});

/** Source files of the app, the server and the CLI, tests aside. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.(test|e2e)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Comparisons that are not checks of a secret, and why. */
const NOT_SECRET_CHECKS: Record<string, string> = {
  // The new password and its confirmation, both just typed, compared in the admin's own browser.
  'components/users/reset-password-form.tsx': 'password !== confirmation',
  // The same in a user's own change-password form.
  'components/users/change-my-password-form.tsx': 'newPassword !== confirmation',
};

describe('comparisons of secrets', () => {
  it('never compares a secret, signature, hash or token with === or !==', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = [...['app', 'server', 'cli', 'db', 'components'].flatMap((d) => sourceFiles(path.join(root, d))), path.join(root, 'proxy.ts')];
    // A name that holds a secret on one side of ===, and on the other anything but a literal.
    const secretName = String.raw`[\w.]*(?:secret|signature|hash|token|password|hmac|digest)\w*`;
    const notLiteral = String.raw`(?!\s*(?:null|undefined|true|false|'|"|\x60|\d))`;
    const pattern = new RegExp(String.raw`(?:${secretName}\s*[!=]==${notLiteral})|(?:[!=]==\s*${secretName}\b(?!\s*\())`, 'i');
    const offenders = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && pattern.test(line))
        .filter(({ at, line }) => !line.includes(NOT_SECRET_CHECKS[at.split(':')[0]!] ?? '\0'))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
