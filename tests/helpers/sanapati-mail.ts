import crypto from 'crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

/** A tiny valid PDF, as a Sanapati letter would carry. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Builds an RFC 5322 message as a Sanapati server would deliver it (nodemailer's composer: RFC 2047 subjects, MIME parts). */
export const composeMail = async (options: {
  subject?: string;
  from?: string;
  text?: string;
  html?: string;
  messageId?: string | null;
  date?: Date;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}): Promise<Buffer> => {
  const composer = new MailComposer({
    from: options.from ?? 'Badan Siber dan Sandi Negara <tu@bssn.go.id>',
    to: 'persandian@pekalongankota.go.id',
    subject: options.subject,
    text: options.text,
    html: options.html,
    date: options.date ?? new Date('2026-11-23T03:00:00Z'),
    messageId: options.messageId === null ? undefined : (options.messageId ?? `<${crypto.randomBytes(8).toString('hex')}@sanapati.bssn.go.id>`),
    attachments: options.attachments,
  });
  const built = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message)))
  );
  if (options.messageId !== null) return built;
  // The composer always adds a Message-ID; some servers deliver mail without one.
  return Buffer.from(built.toString('latin1').replace(/^Message-ID:.*\r\n/im, ''), 'latin1');
};

/** A file that is not an e-mail message at all (no header section). */
export const MALFORMED_MAIL = Buffer.from('\r\n\r\nini bukan pesan e-mail, hanya teks tanpa kepala pesan\r\n');

/** A numbered plain message (for volume tests), each with its own Message-ID. */
export const numberedMail = (i: number, tag: string): Buffer =>
  Buffer.from(
    [
      'From: Badan Siber dan Sandi Negara <tu@bssn.go.id>',
      'To: persandian@pekalongankota.go.id',
      `Subject: Berita uji ${tag} nomor ${i}`,
      `Message-ID: <uji-${tag}-${i}@sanapati.bssn.go.id>`,
      'Date: Mon, 23 Nov 2026 10:00:00 +0700',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Nomor: B-${i}/BSSN/11/2026`,
      `Isi berita uji ${i}.`,
      '',
    ].join('\r\n')
  );
