import crypto from 'crypto';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import type * as MailParser from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { BATAS_ENTRI, inputDigest, waktuDiterimaProblem } from '../plugins/sop/server/src/engine/index';
import {
  dedupeKey,
  malformedReason,
  normaliseMessageId,
  perihalOf,
  pengirimOf,
  receivedTimeOf,
  sha256Hex,
  suggestFromMessage,
} from '../domain/intake';
import { runAsIntake, appendAudit, now as clockNow } from '../plugins/sop/server/src/index';
import { findIntakeRecord, INTAKE_MESSAGE_TABLE } from './store';

// Loaded on first use, not at boot (issue 14's boot budget; see src/api/pengaduan/lib/rate-limit.ts).
const mailParser = (): typeof MailParser => require('mailparser') as typeof MailParser;

const BERITA_UID = 'api::berita.berita';

/** Where a message came from: the IMAP mailbox, or an .eml file the Operator uploaded. */
export type IntakeSource = 'imap' | 'eml';

export type IngestInput = {
  /** the message exactly as received (RFC 5322 bytes) */
  raw: Buffer;
  sumber: IntakeSource;
  /** IMAP INTERNALDATE; for an uploaded file the topmost Received: date (or Date:) is used */
  waktuDiterima?: Date | null;
  /** the uploaded file's name, or the IMAP folder */
  asal: string;
  /** the admin user who uploaded the file (null for the mailbox) */
  oleh?: { id: number; name: string; peran: string } | null;
};

export type IngestResult =
  | { hasil: 'baru'; documentId: string; kunci: string }
  | { hasil: 'duplikat'; documentId: string | null; kunci: string }
  | { hasil: 'gagal'; alasan: string; kunci: string };

/** A message that can never become a berita as it is (kept aside with `message` as its reason). */
class UnusableMessage extends Error {}

const isUniqueViolation = (error: unknown): boolean => {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

/** Errors that say something about the message (too large, refused by validation), not about the server. */
const isContentError = (error: unknown): error is Error =>
  error instanceof UnusableMessage ||
  error instanceof errors.ValidationError ||
  error instanceof errors.PayloadTooLargeError ||
  (error instanceof errors.ApplicationError && !(error instanceof errors.ForbiddenError));

const safeName = (name: string | undefined | null, fallback: string): string => {
  const base = path
    .basename(String(name ?? '').replace(/[\\/]/g, '_'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (base || fallback).slice(0, 200);
};

type UploadedFile = { id: number; url: string; name: string; provider?: string } & Record<string, unknown>;
type UploadService = {
  upload: (input: { data: { fileInfo: Record<string, unknown>[] }; files: Record<string, unknown>[] }) => Promise<UploadedFile[]>;
};

/**
 * Stores the .eml and the attachments through the upload plugin (inside the caller's
 * transaction, so the file rows commit with the berita). Types the upload settings deny
 * (HTML, SVG, executables) are stored as application/octet-stream, never served as such.
 */
const uploadFiles = async (strapi: Core.Strapi, files: { name: string; mime: string; content: Buffer }[]): Promise<UploadedFile[]> => {
  if (files.length === 0) return [];
  const denied = new Set(
    ((strapi.config.get('plugin::upload') as { security?: { deniedTypes?: string[] } } | undefined)?.security?.deniedTypes ?? []).map((type) =>
      type.toLowerCase()
    )
  );
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meja-intake-'));
  try {
    const prepared = await Promise.all(
      files.map(async (file, index) => {
        const filepath = path.join(dir, `${index}-${crypto.randomBytes(4).toString('hex')}`);
        await fs.writeFile(filepath, file.content);
        const mime = denied.has(file.mime.toLowerCase()) ? 'application/octet-stream' : file.mime || 'application/octet-stream';
        return { filepath, originalFilename: file.name, mimetype: mime, size: file.content.length };
      })
    );
    const service = strapi.plugin('upload').service('upload') as UploadService;
    return await service.upload({ data: { fileInfo: files.map((file) => ({ name: file.name })) }, files: prepared });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
};

/** Removes stored files of a rolled-back intake (their rows went with the transaction). */
const discardFiles = async (strapi: Core.Strapi, files: UploadedFile[]): Promise<void> => {
  const provider = (strapi.plugin('upload') as unknown as { provider?: { delete?: (file: unknown) => Promise<unknown> } }).provider;
  for (const file of files) {
    await Promise.resolve(provider?.delete?.(file)).catch((error: unknown) =>
      strapi.log.warn(`[kotak-surat] berkas sementara ${file.name} tidak terhapus: ${error instanceof Error ? error.message : String(error)}`)
    );
  }
};

const headerValues = (parsed: ParsedMail, name: string): string[] => {
  const value = parsed.headers.get(name);
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
};

/** Keeps a message aside with its reason and raw bytes (idempotent on the key). */
const recordFailure = async (
  strapi: Core.Strapi,
  input: IngestInput,
  fields: { kunci: string; sha256: string; messageId: string | null; alasan: string; perihal: string | null }
): Promise<IngestResult> => {
  const knex = strapi.db.connection;
  await knex(INTAKE_MESSAGE_TABLE)
    .insert({
      kunci: fields.kunci,
      sha256: fields.sha256,
      message_id: fields.messageId,
      hasil: 'gagal',
      alasan: fields.alasan,
      perihal: fields.perihal,
      nama_berkas: input.sumber === 'eml' ? safeName(input.asal, 'pesan.eml') : null,
      mentah: input.raw,
      sumber: input.sumber,
      waktu: clockNow().toISOString(),
    })
    .onConflict('kunci')
    .ignore();
  strapi.log.warn(`[kotak-surat] pesan disisihkan (${input.asal}): ${fields.alasan}`);
  const recorded = await findIntakeRecord(knex, fields.kunci);
  if (recorded?.hasil === 'berita') return { hasil: 'duplikat', documentId: recorded.berita_document_id, kunci: fields.kunci };
  return { hasil: 'gagal', alasan: recorded?.alasan ?? fields.alasan, kunci: fields.kunci };
};

/**
 * The one pipeline from a raw message to a berita at `diterima`, for the IMAP intake and
 * for uploaded .eml files alike. Exactly once: the message's key (`dedupeKey`: Message-ID,
 * else SHA-256 of the bytes) is inserted into a unique column in the same transaction as
 * the berita, its files and its audit row — a retry after a crash, a second process or a
 * second upload finds the key and answers `duplikat`. A message that cannot become a berita
 * is kept aside (`gagal`, with its reason and raw bytes) and never dropped.
 * Throws only on server trouble (database down …): then nothing was committed and the
 * caller must leave the message where it is, to be tried again.
 */
export const ingestMessage = async (strapi: Core.Strapi, input: IngestInput): Promise<IngestResult> => {
  const knex = strapi.db.connection;
  const sha256 = sha256Hex(input.raw);
  let parsed: ParsedMail | null = null;
  let parseError: string | null = null;
  try {
    parsed = await mailParser().simpleParser(input.raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (error: unknown) {
    parseError = `Pesan tidak dapat diurai: ${error instanceof Error ? error.message : String(error)}`;
  }
  const messageId = normaliseMessageId(parsed?.messageId);
  const kunci = dedupeKey(messageId, input.raw);
  const seen = await findIntakeRecord(knex, kunci);
  if (seen?.hasil === 'gagal') return { hasil: 'gagal', alasan: seen.alasan ?? '', kunci };
  if (seen) return { hasil: 'duplikat', documentId: seen.berita_document_id, kunci };

  const from = parsed?.from?.value?.[0];
  const reason = parseError ?? (parsed ? malformedReason(parsed.headers.size, from) : 'Pesan kosong.');
  const perihal = perihalOf(parsed?.subject);
  if (reason || !parsed) return recordFailure(strapi, input, { kunci, sha256, messageId, alasan: reason ?? 'Pesan kosong.', perihal });

  const mail = parsed;
  const now = clockNow();
  const stamped = input.waktuDiterima ?? receivedTimeOf(headerValues(mail, 'received'), mail.date, now);
  // the message has arrived: a time ahead of ours is a mail server's clock running fast, and is taken as now
  const waktuDiterima = stamped.getTime() > now.getTime() ? now : stamped;
  // one more than ten years back (a forged or broken header) is set aside, as a berita typed with it would be refused
  const implausible = waktuDiterimaProblem(waktuDiterima.getTime(), now, BATAS_ENTRI);
  if (implausible) {
    return recordFailure(strapi, input, { kunci, sha256, messageId, alasan: `${implausible} (${waktuDiterima.toISOString()}).`, perihal });
  }
  const saran = suggestFromMessage(mail.subject, mail.text);
  const body = (mail.text ?? '').replace(/\s+/g, ' ').trim();
  const uploaded: UploadedFile[] = [];
  try {
    const documentId = await runAsIntake(() =>
      strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        // Claim the key first: a second process with the same message waits here, then fails on the unique key.
        await trx(INTAKE_MESSAGE_TABLE).insert({
          kunci,
          sha256,
          message_id: messageId,
          hasil: 'berita',
          perihal,
          nama_berkas: input.sumber === 'eml' ? safeName(input.asal, 'pesan.eml') : null,
          sumber: input.sumber,
          waktu: clockNow().toISOString(),
        });
        const files = await uploadFiles(strapi, [
          { name: `sanapati-${sha256.slice(0, 16)}.eml`, mime: 'message/rfc822', content: input.raw },
          ...mail.attachments.map((attachment, index) => ({
            name: safeName(attachment.filename, `lampiran-${index + 1}`),
            mime: attachment.contentType || 'application/octet-stream',
            content: attachment.content,
          })),
        ]);
        uploaded.push(...files);
        const [eml, ...lampiran] = files;
        const created = (await strapi.documents(BERITA_UID as never).create({
          data: {
            perihal,
            pengirim: pengirimOf(from),
            waktuDiterima: waktuDiterima.toISOString(),
            emlAsli: eml.id,
            emlSha256: sha256,
            messageId: messageId ? messageId.slice(0, 1000) : null,
            saranNomorSurat: saran.nomorSurat,
            saranTanggalSurat: saran.tanggalSurat,
            isiRingkas: body ? (body.length > 2000 ? `${body.slice(0, 1999)}…` : body) : null,
            lampiran: lampiran.map((file) => file.id),
          },
        } as never)) as { documentId: string };
        await trx(INTAKE_MESSAGE_TABLE).where({ kunci }).update({ berita_document_id: created.documentId });
        await appendAudit(trx, {
          model: 'berita',
          documentId: created.documentId,
          dari: null,
          ke: 'diterima',
          aktorId: input.oleh?.id ?? null,
          aktorNama: input.oleh?.name ?? 'Kotak surat Sanapati (IMAP)',
          aktorPeran: input.oleh?.peran ?? 'Sistem',
          waktu: clockNow().toISOString(),
          catatan:
            input.sumber === 'imap'
              ? `Diterima otomatis dari kotak surat Sanapati (folder ${input.asal}).`
              : `Diterima dari e-mail Sanapati yang diunggah sebagai berkas .eml (${safeName(input.asal, 'pesan.eml')}).`,
          digest: inputDigest({ sumber: input.sumber, kunci, sha256, messageId }),
        });
        return created.documentId;
      })
    );
    return { hasil: 'baru', documentId, kunci };
  } catch (error: unknown) {
    await discardFiles(strapi, uploaded);
    if (isUniqueViolation(error)) {
      const recorded = await findIntakeRecord(knex, kunci);
      if (recorded) return { hasil: 'duplikat', documentId: recorded.berita_document_id, kunci };
    }
    if (isContentError(error)) {
      return recordFailure(strapi, input, { kunci, sha256, messageId, alasan: `Pesan tidak dapat dijadikan berita: ${error.message}`, perihal });
    }
    throw error;
  }
};
