// `vigie follow`'s options from the command line and from the environment a systemd unit gives it
// (VIGIE_URL, VIGIE_KEY, STATE_DIRECTORY), and the usage errors a site lead meets.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateFile, followOptionsFrom } from './options';

const base = { format: 'asterisk-queue-log', url: 'https://vigie.example.com', key: 'vk_site' };
const file = ['/var/log/asterisk/queue_log'];

describe('followOptionsFrom', () => {
  it('takes the flags, with a 5 s interval and the queue status on by default', () => {
    expect(followOptionsFrom(base, file, {})).toEqual({
      format: 'asterisk-queue-log',
      path: '/var/log/asterisk/queue_log',
      url: 'https://vigie.example.com',
      key: 'vk_site',
      stateFile: path.join(process.cwd(), 'follow-queue_log.json'),
      intervalMs: 5000,
      queueStatus: true,
    });
  });

  it('takes the URL and the key from the environment, so the key is not on the command line, and the state in StateDirectory', () => {
    const options = followOptionsFrom({ format: 'asterisk-queue-log' }, file, {
      VIGIE_URL: 'https://hq.example',
      VIGIE_KEY: 'vk_env',
      STATE_DIRECTORY: '/var/lib/vigie-follow',
    });
    expect(options).toMatchObject({ url: 'https://hq.example', key: 'vk_env', stateFile: '/var/lib/vigie-follow/follow-queue_log.json' });
    expect(followOptionsFrom({ ...base, state: '/tmp/s.json', interval: '0.2', 'queue-status': 'off' }, file, { VIGIE_KEY: 'ignored' })).toMatchObject({
      key: 'vk_site',
      stateFile: '/tmp/s.json',
      intervalMs: 200,
      queueStatus: false,
    });
    expect(defaultStateFile('/var/log/asterisk/cdr-csv/Master.csv', { STATE_DIRECTORY: '/a:/b' })).toBe('/a/follow-Master.csv.json');
  });

  it('takes asterisk-cdr with its time zone, context rule and default queue, and no queue status', () => {
    expect(
      followOptionsFrom({ ...base, format: 'asterisk-cdr', timezone: 'Africa/Tunis', 'inbound-context': '^from-', 'default-queue': 'sales' }, ['/var/log/asterisk/cdr-csv/Master.csv'], {}),
    ).toMatchObject({ format: 'asterisk-cdr', timeZone: 'Africa/Tunis', inboundContext: '^from-', defaultQueue: 'sales', queueStatus: false });
  });

  it.each([
    [{ ...base, format: 'genesys' }, file, /--format is asterisk-queue-log or asterisk-cdr, not "genesys": follow reads a log that grows; .*vigie push --format/],
    [{ ...base, format: undefined }, file, /--format is required/],
    [{ ...base, url: undefined }, file, /--url \(or VIGIE_URL\) is required/],
    [{ ...base, url: 'vigie.example.com' }, file, /must be an http\(s\) address/],
    [{ ...base, key: undefined }, file, /--key \(or VIGIE_KEY/],
    [base, [], /Name exactly one file/],
    [{ ...base, interval: '0' }, file, /--interval is a number of seconds/],
    [{ ...base, 'queue-status': 'yes' }, file, /--queue-status is on or off/],
    [{ ...base, timezone: 'Europe/Paris' }, file, /are for asterisk-cdr/],
    [{ ...base, format: 'asterisk-cdr' }, file, /asterisk-cdr needs --timezone/],
    [{ ...base, format: 'asterisk-cdr', timezone: 'Mars/Olympus' }, file, /not an IANA time zone/],
    [{ ...base, format: 'asterisk-cdr', timezone: 'UTC', 'inbound-context': '(' }, file, /not a regular expression/],
    [{ ...base, format: 'asterisk-cdr', timezone: 'UTC', 'queue-status': 'on' }, file, /gives no queue status/],
  ])('refuses %j %j with a usage error', (values, positionals, message) => {
    let error: unknown;
    try {
      followOptionsFrom(values, positionals, {});
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe('UsageError');
    expect((error as Error).message).toMatch(message);
  });
});
