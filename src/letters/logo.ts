import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import { readStored } from '../files/storage';

/** Pixels of the square the logo is fitted into (≈ 2.3 cm at 560 dpi: sharp on paper, small in the .docx). */
export const LOGO_PX = 512;

export type LogoMedia = { id: number; url: string; hash?: string | null; updatedAt?: string | null; mime?: string | null } | null | undefined;

/** Any image → a square PNG, orientation applied, transparent margins, metadata (EXIF, GPS …) dropped. */
export const normaliseLogo = (input: Buffer): Promise<Buffer> =>
  sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .resize(LOGO_PX, LOGO_PX, { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 0 } })
    .png({ compressionLevel: 9 })
    .toBuffer();

const normalised = new Map<string, Promise<Buffer>>();
let fallback: { file: string; bytes: Promise<Buffer> } | null = null;

export const defaultLogo = (templatesDir: string): Promise<Buffer> => {
  const file = path.join(templatesDir, 'logo-default.png');
  if (!fallback || fallback.file !== file) fallback = { file, bytes: fs.promises.readFile(file) };
  return fallback.bytes;
};

const readMedia = async (strapi: Core.Strapi, media: NonNullable<LogoMedia>): Promise<Buffer> => {
  if (/^https?:\/\//i.test(media.url)) {
    const response = await fetch(media.url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
  return readStored(strapi, media.url);
};

/**
 * The instansi's logo normalised for the letterhead, computed once per uploaded file;
 * the bundled default logo while none is uploaded or when it cannot be read.
 */
export const logoInstansi = async (strapi: Core.Strapi, media: LogoMedia, templatesDir: string): Promise<Buffer> => {
  if (!media?.url) return defaultLogo(templatesDir);
  const key = `${media.id}:${media.hash ?? ''}:${media.updatedAt ?? ''}`;
  let pending = normalised.get(key);
  if (!pending) {
    pending = readMedia(strapi, media).then(normaliseLogo);
    normalised.clear(); // only the current logo is ever needed again
    normalised.set(key, pending);
  }
  try {
    return await pending;
  } catch (error: unknown) {
    normalised.delete(key);
    strapi.log.warn(`[dokumen] Logo instansi tidak dapat dibaca (${error instanceof Error ? error.message : String(error)}); logo bawaan dipakai.`);
    return defaultLogo(templatesDir);
  }
};
