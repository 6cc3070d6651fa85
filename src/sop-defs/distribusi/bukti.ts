import crypto from 'crypto';
import fs from 'fs/promises';
import sharp, { type Metadata } from 'sharp';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { loadFileRelations, loadStoredFile } from '../../files/relations';
import { storedPath } from '../../files/storage';
import type { StaffActor } from '../../plugins/sop/server/src/index';

const FILE_UID = 'plugin::upload.file';

/** The accepted images and the sharp format their content must have. */
const IMAGE_FORMAT: Readonly<Record<string, 'jpeg' | 'png' | 'webp'>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const PDF_MIME = 'application/pdf';

type UploadFileRow = {
  id: number;
  mime: string;
  url: string;
  size: number;
  width: number | null;
  height: number | null;
  formats: Record<string, { url?: string }> | null;
};

export type BuktiNormalised = { id: number; mime: string; size: number; width: number | null; height: number | null; diubah: boolean };

const invalid = (message: string): never => {
  throw new errors.ValidationError(message, { field: 'data.bukti' });
};

/** The file on this server behind a stored URL (the private store, src/files/storage.ts); a 500 for another provider's. */
export const localUploadPath = (strapi: Core.Strapi, url: string): string => {
  try {
    return storedPath(strapi, url);
  } catch {
    throw new errors.ApplicationError(
      'Bukti tanda terima tidak tersimpan di server ini (penyedia unggahan bukan lokal), sehingga metadatanya tidak dapat dibersihkan.'
    );
  }
};

/**
 * One proof file serves one receipt: `fileId` must be an upload of the person recording the
 * receipt, attached to no record yet (not another copy's proof, not a lampiran, not a
 * kriptogram file). Reads inside `trx` when given. 400 otherwise.
 */
export const checkBuktiMayBeUsed = async (strapi: Core.Strapi, fileId: number, actor: StaffActor, trx?: Knex.Transaction): Promise<void> => {
  const file = await loadStoredFile(strapi, { id: fileId });
  if (!file) return invalid(`Berkas bukti #${fileId} tidak ditemukan; unggah foto atau pindaian tanda terima terlebih dahulu.`);
  const relations = (await loadFileRelations(strapi, [fileId], trx)).get(fileId) ?? [];
  // A receipt is final, so a proof already on a copy belongs to another, recorded receipt.
  if (relations.some((relation) => relation.uid === 'api::distribusi.distribusi' && relation.field === 'bukti')) {
    return invalid(
      `Berkas bukti #${fileId} sudah menjadi bukti tanda terima salinan lain; satu berkas bukti hanya untuk satu tanda terima. Unggah foto tanda terima yang baru.`
    );
  }
  if (relations.length > 0) {
    return invalid(`Berkas #${fileId} sudah dilampirkan pada naskah lain dan tidak dapat dipakai sebagai bukti tanda terima.`);
  }
  if (!actor.isSuperAdmin && file.createdBy !== actor.id) {
    return invalid(`Berkas bukti #${fileId} bukan unggahan Anda; unggah sendiri foto atau pindaian tanda terima.`);
  }
};

/**
 * checkBuktiMayBeUsed inside the receipt's transaction; on PostgreSQL the file row is
 * locked first, so two receipts racing for the same file cannot both take it. 400 otherwise.
 */
export const assertBuktiFree = async (strapi: Core.Strapi, trx: Knex.Transaction, fileId: number, actor: StaffActor): Promise<void> => {
  if (String(trx.client.config.client).startsWith('p')) {
    await trx(strapi.getModel(FILE_UID).collectionName).where({ id: fileId }).forUpdate().first();
  }
  await checkBuktiMayBeUsed(strapi, fileId, actor, trx);
};

const readStoredFile = async (file: string): Promise<Buffer> => {
  try {
    return await fs.readFile(file);
  } catch {
    return invalid('Berkas bukti tidak ditemukan di penyimpanan; unggah ulang foto atau pindaian tanda terima.');
  }
};

/** Writes next to the target, then renames: a reader never sees half a file. */
const replaceFile = async (file: string, content: Buffer): Promise<void> => {
  const temporary = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temporary, content);
  try {
    await fs.rename(temporary, file);
  } catch (error: unknown) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
};

/**
 * Re-encodes an image with its EXIF orientation applied and no metadata (sharp drops
 * EXIF, XMP, IPTC and the ICC profile unless asked to keep them). Returns null when
 * the image carries none, so normalising twice does not re-compress a JPEG again.
 */
export const stripImage = async (input: Buffer, format: 'jpeg' | 'png' | 'webp'): Promise<{ data: Buffer; width: number; height: number } | null> => {
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    return invalid('Berkas bukti bukan gambar yang dapat dibaca.');
  }
  if (metadata.format !== format) return invalid(`Isi berkas bukti tidak sesuai jenisnya (${format.toUpperCase()}).`);
  const clean = !metadata.exif && !metadata.xmp && !metadata.iptc && !metadata.icc && !metadata.comments?.length && (metadata.orientation ?? 1) === 1;
  if (clean) return null;
  const pipeline = sharp(input).rotate();
  const encoded =
    format === 'jpeg' ? pipeline.jpeg({ quality: 90 }) : format === 'png' ? pipeline.png({ compressionLevel: 9 }) : pipeline.webp({ quality: 90 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/**
 * Checks `data.bukti` of a receipt — an uploaded photo (JPEG, PNG, WebP) or PDF scan of
 * the signed tanda terima — and strips the metadata of images in place: the stored file
 * (and its resized formats) is overwritten and the file row gets its new size and
 * dimensions. A missing or unsuitable file is a 400.
 */
export const normaliseBukti = async (strapi: Core.Strapi, fileId: number): Promise<BuktiNormalised> => {
  const row = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } })) as UploadFileRow | null;
  if (!row) return invalid(`Berkas bukti #${fileId} tidak ditemukan; unggah foto atau pindaian tanda terima terlebih dahulu.`);
  const mime = String(row.mime ?? '').toLowerCase();
  const format = IMAGE_FORMAT[mime];
  if (!format && mime !== PDF_MIME) {
    return invalid('Bukti tanda terima harus berupa foto (JPEG, PNG, atau WebP) atau pindaian PDF.');
  }
  const original = await readStoredFile(localUploadPath(strapi, row.url));
  if (!format) {
    if (original.subarray(0, 5).toString('latin1') !== '%PDF-') invalid('Isi berkas bukti bukan PDF yang sah.');
    return { id: row.id, mime, size: row.size, width: null, height: null, diubah: false };
  }

  const stripped = await stripImage(original, format);
  if (stripped) await replaceFile(localUploadPath(strapi, row.url), stripped.data);
  for (const variant of Object.values(row.formats ?? {})) {
    if (!variant?.url) continue;
    const file = localUploadPath(strapi, variant.url);
    const content = await fs.readFile(file).catch(() => null);
    const cleaned = content ? await stripImage(content, format).catch(() => null) : null;
    if (cleaned) await replaceFile(file, cleaned.data);
  }
  if (!stripped) return { id: row.id, mime, size: row.size, width: row.width, height: row.height, diubah: false };

  const size = Math.round((stripped.data.length / 1024) * 100) / 100; // Strapi stores kB with two decimals
  await strapi.db.query(FILE_UID).update({
    where: { id: row.id },
    data: { size, width: stripped.width, height: stripped.height, mime },
  });
  return { id: row.id, mime, size, width: stripped.width, height: stripped.height, diubah: true };
};
