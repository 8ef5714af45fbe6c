// How e-mail leaves Vigie. SMTP_URL set: nodemailer over SMTP (smtp://user:pass@host:587, smtps://
// for implicit TLS; nodemailer options may ride in the query, e.g. ?ignoreTLS=true). Unset: no
// transport, and the outbox itself is the delivery, read by admins in the app.
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export type OutgoingMail = { to: string; subject: string; html: string; text: string; headers: Record<string, string> };

export type MailTransport = {
  /** Where mail goes, for messages (no password). */
  describe: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

type Env = Record<string, string | undefined>;

/** MAIL_FROM, else no-reply at the host of VIGIE_PUBLIC_URL. */
export function mailFrom(env: Env = process.env): string {
  const configured = env.MAIL_FROM?.trim();
  if (configured) return configured;
  let host = 'localhost';
  try {
    host = new URL(env.VIGIE_PUBLIC_URL || 'http://localhost').hostname || host;
  } catch {
    // keep localhost
  }
  return `Vigie <no-reply@${host}>`;
}

function describeSmtp(url: string): string {
  const options = parseConnectionUrl(url);
  return `SMTP ${options.host ?? 'localhost'}:${options.port ?? (options.secure ? 465 : 587)}`;
}

export function smtpTransport(url: string, from: string): MailTransport {
  // Short timeouts: a tick waits for the server, and an unreachable one must fail, not hang.
  const options = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000, ...parseConnectionUrl(url) };
  const transporter = nodemailer.createTransport(options);
  return {
    describe: describeSmtp(url),
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers });
    },
    close: () => transporter.close(),
  };
}

/** The transport the environment asks for, or null for the embedded outbox. */
export function mailTransportFromEnv(env: Env = process.env): MailTransport | null {
  const url = env.SMTP_URL?.trim();
  return url ? smtpTransport(url, mailFrom(env)) : null;
}

/** Where e-mail goes, for the outbox page: "SMTP host:port", or null for the embedded outbox. */
export function deliveryFromEnv(env: Env = process.env): string | null {
  const url = env.SMTP_URL?.trim();
  return url ? describeSmtp(url) : null;
}
