/**
 * The one door every e-mail of the app goes through (workflow notifications, the daily
 * digest, complaint receipts and answers).
 *
 * The product writes plain text. Strapi's nodemailer provider copies `text` into `html`
 * when no `html` is given, so user text (a complainant's `nama`, a berita's `perihal`)
 * would reach mail clients as live markup: a phishing link sent from the office's own
 * address, a tracking pixel in staff mail. Every message therefore carries its own
 * HTML part, built here from the escaped text: paragraphs at blank lines, `<br>` at
 * line breaks, no links, no attributes.
 */
import type { Core } from '@strapi/strapi';
import { escapeHtml } from './public/html';

/** A message as the app writes it: plain text, no markup. */
export type TextMail = { to: string; subject: string; text: string };

/**
 * The HTML alternative of a plain-text message: every character escaped, a `<p>` per
 * paragraph (separated by a blank line), `<br>` for the other line breaks (LF, CRLF or CR).
 * Takes and returns a string; never throws.
 */
export const textToHtml = (text: string): string => {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${paragraphs.join('\n')}\n</body></html>\n`;
};

/**
 * Sends one plain-text message with its escaped HTML part through Strapi's email plugin
 * (the configured provider: SMTP, or the log without SMTP). Rejects when the provider does.
 */
export const sendTextMail = async (strapi: Core.Strapi, mail: TextMail): Promise<void> => {
  await strapi
    .plugin('email')
    .service('email')
    .send({ to: mail.to, subject: mail.subject, text: mail.text, html: textToHtml(mail.text) });
};
