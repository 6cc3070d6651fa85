import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'net';

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; html: string | null };

/**
 * Every part of every message is checked, not only the text part: an HTML part may hold
 * only the markup the app's mail door (src/mail.ts) builds — paragraphs and line breaks,
 * no attribute but the charset, everything else escaped. Markup from user text (a link, an
 * image, a script) in any HTML part makes the test that sent it fail.
 */
const ALLOWED_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'body', 'p', 'br']);

export const htmlMarkupFaults = (html: string): string[] => {
  const faults: string[] = [];
  for (const match of html.matchAll(/<\s*(\/?)\s*([!a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>/g)) {
    const [tag, , name, attributes] = match;
    const lower = name.toLowerCase();
    if (!ALLOWED_TAGS.has(lower)) faults.push(`tag ${tag}`);
    else if (lower === 'meta' ? !/^\s*charset="utf-8"\s*\/?\s*$/i.test(attributes) : lower !== '!doctype' && attributes.trim() !== '')
      faults.push(`attributes in ${tag}`);
  }
  if (/<!--|<!\[CDATA\[/i.test(html)) faults.push('comment or CDATA');
  return faults;
};

export type TestSmtp = {
  port: number;
  messages: ReceivedMail[];
  /** messages whose parts broke the rule above; `waitFor` and `close` fail while any is here */
  faults: string[];
  /** the env that points the app's email provider at this server */
  env: Record<string, string>;
  waitFor: (predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
};

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export const startSmtp = async (): Promise<TestSmtp> => {
  const messages: ReceivedMail[] = [];
  const faults: string[] = [];
  const failOnFaults = (): void => {
    if (faults.length) throw new Error(`test SMTP server: unescaped markup in a message: ${faults.join(' | ')}`);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
          };
          const htmlParts = [
            ...(mail.html !== null ? [mail.html] : []),
            ...parsed.attachments.filter((part) => part.contentType === 'text/html').map((part) => part.content.toString('utf8')),
          ];
          for (const part of htmlParts) {
            const found = htmlMarkupFaults(part);
            if (found.length) faults.push(`"${mail.subject}" to ${mail.to.join(',')}: ${found.join(', ')}`);
          }
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    faults,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURE: 'false', SMTP_IGNORE_TLS: 'true' },
    waitFor: async (predicate, timeoutMs = 10000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        failOnFaults();
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching mail within ${timeoutMs} ms; got: ${messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ')}`);
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      failOnFaults();
    },
  };
};
