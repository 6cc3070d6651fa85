import { createHash, createHmac, timingSafeEqual } from 'crypto';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { inputDigest } from '../plugins/sop/server/src/engine/index';
import { fileAccess, type FileReader, type FileRelation, type FileVerdict, mayReadPlaintext } from '../domain/berkas';
import { mayReadFields } from '../domain/roles';
import type { StaffActor } from '../plugins/sop/server/src/index';
import { appendAudit, now as clockNow } from '../plugins/sop/server/src/index';
import { loadFileRelations, loadStoredFile, type StoredFile } from './relations';
import { BERKAS_PREFIX } from './storage';

/** Seconds a signed link (`/berkas/<name>?token=…`) stays valid. */
export const SIGNED_URL_SECONDS = 300;

const readerOf = (actor: StaffActor | null): FileReader => (actor ? { id: actor.id, roles: actor.roles, isSuperAdmin: actor.isSuperAdmin } : null);

/**
 * The one access check of a stored file: the record rules of src/domain/berkas.ts with the
 * app's own grant (mayReadFields) and need-to-know (mayReadPlaintext) rules plugged in.
 */
export const checkFileAccess = async (
  strapi: Core.Strapi,
  file: StoredFile,
  actor: StaffActor | null
): Promise<{ verdict: FileVerdict; relations: FileRelation[] }> => {
  const relations = (await loadFileRelations(strapi, [file.id])).get(file.id) ?? [];
  const verdict = fileAccess(relations, file.createdBy, readerOf(actor), {
    mayReadField: (uid, field) => (actor ? mayReadFields(actor, { uid, fields: [field] }) : false),
    mayReadPlaintext: (sandimanId) => (actor ? mayReadPlaintext(actor, sandimanId) : false),
  });
  return { verdict, relations };
};

/**
 * One audit row per Rahasia / Sangat Rahasia record the file belongs to, committed before
 * a byte leaves the server (same shape as a document download: `ke` = `berkas_diunduh`).
 */
export const auditFileDownload = async (
  strapi: Core.Strapi,
  records: readonly FileRelation[],
  actor: StaffActor,
  file: StoredFile,
  bytes: Buffer
): Promise<void> => {
  if (records.length === 0) return;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const waktu = clockNow().toISOString();
  await strapi.db.transaction(async ({ trx }) => {
    for (const record of records) {
      await appendAudit(trx, {
        model: record.model,
        documentId: record.documentId,
        dari: record.tahap,
        ke: 'berkas_diunduh',
        aktorId: actor.id,
        aktorNama: actor.name,
        aktorPeran: actor.peran,
        waktu,
        catatan: `Berkas #${file.id} (${record.field}) diunduh.`,
        digest: inputDigest({ berkas: file.id, field: record.field, sha256 }),
      });
    }
  });
};

// ---------------------------------------------------------------------------
// Signed links: the admin panel shows files with <img src> and <a href>, which cannot
// carry the Bearer token. A link names the file, the user and an expiry, under an HMAC
// of a key derived from ADMIN_JWT_SECRET; GET /berkas/:nama still applies the access
// check for that user on every download.

const signingKey = (strapi: Core.Strapi): Buffer =>
  createHmac('sha256', String(strapi.config.get('admin.auth.secret') ?? ''))
    .update('meja-sandi:berkas-url')
    .digest();

const signature = (strapi: Core.Strapi, name: string, userId: number, expires: number): string =>
  createHmac('sha256', signingKey(strapi)).update(`${name}\n${userId}\n${expires}`).digest('base64url');

/** `userId.expires.signature` for the stored name (expires in Unix seconds). */
export const signToken = (strapi: Core.Strapi, name: string, userId: number, now = Date.now()): string => {
  const expires = Math.floor(now / 1000) + SIGNED_URL_SECONDS;
  return `${userId}.${expires}.${signature(strapi, name, userId, expires)}`;
};

/** The admin user id a valid, unexpired token was issued to; null otherwise. */
export const verifyToken = (strapi: Core.Strapi, name: string, token: string, now = Date.now()): number | null => {
  const match = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const expires = Number(match[2]);
  if (expires * 1000 < now || expires * 1000 > now + SIGNED_URL_SECONDS * 1000 + 60_000) return null;
  const expected = Buffer.from(signature(strapi, name, userId, expires));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
};

type RequestState = { state?: { user?: { id?: unknown }; auth?: { strategy?: { name?: string } } } };

/**
 * The provider's `getSignedUrl` (Strapi calls it for every file URL it returns, since the
 * provider is private): for a signed-in admin user, the file's link with a token for that
 * user; for anyone else the bare link, which only a public file answers.
 */
export const signFileUrl =
  (strapi: Core.Strapi) =>
  async (file: { url?: string }): Promise<{ url: string }> => {
    const url = String(file.url ?? '');
    if (!url.startsWith(BERKAS_PREFIX)) return { url };
    const ctx = strapi.requestContext.get() as RequestState | undefined;
    const userId = ctx?.state?.auth?.strategy?.name === 'admin' ? Number(ctx.state.user?.id) : NaN;
    if (!Number.isInteger(userId)) return { url };
    const name = decodeURIComponent(url.slice(BERKAS_PREFIX.length).split(/[?#]/)[0]);
    return { url: `${url.split(/[?#]/)[0]}?token=${signToken(strapi, name, userId)}` };
  };

/**
 * The file row and the variant (the original, or one of its resized formats) a stored
 * name stands for: `abc.jpg` is a file, `thumbnail_abc.jpg` the thumbnail of `abc.jpg`.
 */
export const fileByStoredName = async (
  strapi: Core.Strapi,
  name: string
): Promise<{ file: StoredFile; variant: { url: string; mime: string | null } } | null> => {
  const url = `${BERKAS_PREFIX}${encodeURIComponent(name)}`;
  const ext = path.extname(name);
  const base = ext ? name.slice(0, -ext.length) : name;
  const own = await loadStoredFile(strapi, { hash: base });
  if (own && own.url === url) return { file: own, variant: { url, mime: own.mime } };
  const format = /^([A-Za-z0-9-]+)_(.+)$/.exec(base);
  if (!format) return null;
  const parent = await loadStoredFile(strapi, { hash: format[2] });
  const variant = parent?.formats?.[format[1]];
  if (!parent || !variant || variant.url !== url) return null;
  return { file: parent, variant: { url, mime: variant.mime ?? parent.mime } };
};
