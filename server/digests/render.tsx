// A digest's content as the e-mail that goes out: subject, HTML (React Email), plain text and the
// headers that give mail clients a one-click unsubscribe (RFC 8058).
import { render } from '@react-email/render';
import { digestTotals, type DigestContent } from './content';
import { DigestEmail } from './email/digest-email';
import { renderDigestText } from './email/digest-text';
import { formatDayRange, formatDayShort } from './email/format';
import { digestStrings } from './email/strings';
import { summaryItems } from './email/summary';

export type RenderedEmail = { subject: string; html: string; text: string; headers: Record<string, string> };

export type RenderOptions = {
  unsubscribeUrl: string;
  /** The recipient's time zone (the subscription's), for instants such as a feed's last push. */
  timeZone: string;
  /** A test send: marked in the subject. */
  test?: boolean;
};

export function digestSubject(content: DigestContent, test = false): string {
  const strings = digestStrings(content.recipient.locale);
  const { from, to } = content.period;
  const period = content.cadence === 'daily' ? formatDayShort(from, strings.intlLocale) : formatDayRange(from, to, strings.intlLocale);
  return `${test ? strings.testPrefix : ''}${strings.subject(content.cadence, period, content.breaches.length)}`;
}

export async function renderDigest(content: DigestContent, options: RenderOptions): Promise<RenderedEmail> {
  const strings = digestStrings(content.recipient.locale);
  const summary = summaryItems(digestTotals(content), strings);
  const preview = summary.length > 0 ? summary.join(', ') : strings.summary.allClear;
  const html = await render(
    <DigestEmail content={content} strings={strings} unsubscribeUrl={options.unsubscribeUrl} preview={preview} timeZone={options.timeZone} />,
  );
  return {
    subject: digestSubject(content, options.test),
    html,
    text: renderDigestText(content, strings, options.unsubscribeUrl, options.timeZone),
    headers: {
      'List-Unsubscribe': `<${options.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
