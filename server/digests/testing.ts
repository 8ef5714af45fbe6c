// Test support for digests: a real SMTP server in-process (smtp-server on 127.0.0.1, a free
// port, no TLS) that records what it receives and can refuse attempts, and a reader for the
// MIME messages nodemailer writes (headers, the text and HTML parts).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
};

export type SmtpPeer = {
  url: string;
  received: ReceivedMail[];
  /** Attempts refused so far. */
  refused: number;
  /** Refuse the next `n` messages with a temporary error (451). */
  refuseNext(n: number): void;
  close(): Promise<void>;
};

export async function startSmtpPeer(): Promise<SmtpPeer> {
  let toRefuse = 0;
  const peer = { received: [] as ReceivedMail[], refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          peer.refused += 1;
          callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        peer.received.push({
          ...parseMessage(raw),
          raw,
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    get received() {
      return peer.received;
    },
    get refused() {
      return peer.refused;
    },
    refuseNext(n: number) {
      toRefuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ── A small MIME reader, enough for what nodemailer writes ────────────────────────────────────

function splitHeaderBody(raw: string): { head: string; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0 ? { head: raw, body: '' } : { head: raw.slice(0, at), body: raw.slice(at + 4) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const text = body.replace(/=\r\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes subjects. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

type Part = { headers: Map<string, string>; body: string };

function partsOf(headers: Map<string, string>, body: string): Part[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [{ headers, body }];
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => {
      const { head, body: inner } = splitHeaderBody(chunk.replace(/^\r\n/, ''));
      return partsOf(parseHeaders(head), inner.replace(/\r\n$/, ''));
    });
}

export function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
  const { head, body } = splitHeaderBody(raw);
  const headers = parseHeaders(head);
  const parts = partsOf(headers, body);
  const find = (type: string) => {
    const part = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
    return part ? decodeBody(part.body, part.headers.get('content-transfer-encoding')) : '';
  };
  return { headers, subject: decodeHeader(headers.get('subject') ?? ''), text: find('text/plain'), html: find('text/html') };
}

// ── A small network to digest ─────────────────────────────────────────────────────────────────

export type CallSpec = { waitSeconds: number; talkSeconds: number; abandoned?: boolean; resolved?: boolean | null; csat?: number | null; missionCode?: string; outcome?: string };

/** `count` inbound calls on a site-local day (at 10:00 + i minutes, with the site's UTC offset). */
export function callsOn(prefix: string, day: string, offset: string, count: number, spec: CallSpec) {
  return Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${day}-${i}`,
    startedAt: `${day}T10:${String(i % 60).padStart(2, '0')}:00${offset}`,
    direction: 'inbound',
    queue: 'billing',
    waitSeconds: spec.waitSeconds,
    talkSeconds: spec.talkSeconds,
    holdSeconds: 0,
    wrapSeconds: 30,
    abandoned: spec.abandoned ?? false,
    resolved: spec.resolved ?? true,
    csat: spec.csat ?? 5,
    missionCode: spec.missionCode ?? null,
    outcome: spec.outcome ?? null,
  }));
}
