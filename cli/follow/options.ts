// `vigie follow`'s command line and environment, checked, as runFollow's options. Pure: the
// environment is passed in, so that the systemd unit's way (VIGIE_URL, VIGIE_KEY, STATE_DIRECTORY)
// is tested like the flags.
import path from 'node:path';
import { UsageError } from '../errors';
import type { FollowOptions } from './run-follow';
import { FOLLOW_FORMATS, type FollowFormat } from './state-store';

export const FOLLOW_USAGE =
  'follow --format asterisk-queue-log|asterisk-cdr --url URL --key KEY [--state FILE] [--interval 5] [--queue-status on|off] ' +
  '[--timezone ZONE] [--inbound-context REGEX] [--default-queue NAME] FILE';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;
type Env = Record<string, string | undefined>;

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The state file when --state is not given: in systemd's StateDirectory when there is one, named after the log. */
export function defaultStateFile(logPath: string, env: Env): string {
  const dir = env.STATE_DIRECTORY?.split(':')[0] || process.cwd();
  return path.join(dir, `follow-${path.basename(logPath)}.json`);
}

export function followOptionsFrom(values: Values, positionals: string[], env: Env): FollowOptions {
  const format = text(values, 'format');
  if (!format) throw new UsageError('--format is required: asterisk-queue-log or asterisk-cdr');
  if (!(FOLLOW_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `--format is asterisk-queue-log or asterisk-cdr, not "${format}": follow reads a log that grows; ` +
        'exports of the other formats are sent whole with vigie push --format.',
    );
  }
  const url = text(values, 'url') ?? env.VIGIE_URL?.trim();
  if (!url) throw new UsageError('--url (or VIGIE_URL) is required: the Vigie server, e.g. https://vigie.example.com');
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--url must be an http(s) address, not "${url}"`);
  const key = text(values, 'key') ?? env.VIGIE_KEY?.trim();
  if (!key) throw new UsageError("--key (or VIGIE_KEY, which keeps it off the command line) is required: the site's key");
  if (positionals.length !== 1) throw new UsageError('Name exactly one file to follow, e.g. /var/log/asterisk/queue_log');
  const logPath = path.resolve(positionals[0]!);

  const interval = text(values, 'interval') === undefined ? 5 : Number(text(values, 'interval'));
  if (!Number.isFinite(interval) || interval < 0.1 || interval > 3600) throw new UsageError('--interval is a number of seconds from 0.1 to 3600');

  const cdr = format === 'asterisk-cdr';
  const queueStatus = text(values, 'queue-status');
  if (queueStatus !== undefined && queueStatus !== 'on' && queueStatus !== 'off') throw new UsageError('--queue-status is on or off');
  if (cdr && queueStatus === 'on') throw new UsageError('asterisk-cdr gives no queue status (a CDR is written when a call ends): leave --queue-status out');

  const timeZone = text(values, 'timezone');
  const inboundContext = text(values, 'inbound-context');
  const defaultQueue = text(values, 'default-queue');
  if (!cdr && (timeZone || inboundContext || defaultQueue)) {
    throw new UsageError('--timezone, --inbound-context and --default-queue are for asterisk-cdr (queue_log times are Unix epochs)');
  }
  if (cdr && !timeZone) throw new UsageError("asterisk-cdr needs --timezone: Master.csv's times are the PBX's local time (e.g. --timezone Africa/Tunis)");
  if (timeZone && !isTimeZone(timeZone)) throw new UsageError(`--timezone "${timeZone}" is not an IANA time zone (e.g. Europe/Paris)`);
  if (inboundContext) {
    try {
      new RegExp(inboundContext);
    } catch (error) {
      throw new UsageError(`--inbound-context is not a regular expression: ${(error as Error).message}`);
    }
  }

  return {
    format: format as FollowFormat,
    path: logPath,
    url,
    key,
    stateFile: path.resolve(text(values, 'state') ?? defaultStateFile(logPath, env)),
    intervalMs: Math.round(interval * 1000),
    queueStatus: !cdr && queueStatus !== 'off',
    ...(timeZone ? { timeZone } : {}),
    ...(inboundContext ? { inboundContext } : {}),
    ...(defaultQueue ? { defaultQueue } : {}),
  };
}
