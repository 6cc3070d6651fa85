import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** URL prefix of privately stored files (providers/upload-private); GET /berkas/:nama serves them. */
export const BERKAS_PREFIX = '/berkas/';

/** Absolute directory of the private upload store: `BERKAS_DIR` (default `berkas`), relative to the project. */
export const berkasDir = (strapi: Core.Strapi): string => {
  const options = (strapi.config.get('plugin::upload') as { providerOptions?: { root?: string } } | undefined)?.providerOptions;
  return path.resolve(strapi.dirs.app.root, options?.root || 'berkas');
};

/** The stored name of a `/berkas/<name>` URL (query and fragment dropped), or null for another URL. */
export const storedName = (url: string): string | null => {
  const pathname = url.split(/[?#]/)[0];
  if (!pathname.startsWith(BERKAS_PREFIX)) return null;
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(BERKAS_PREFIX.length));
  } catch {
    return null;
  }
  return name && name === path.basename(name) && !name.startsWith('.') ? name : null;
};

/**
 * The file on disk behind a stored URL: a `/berkas/<name>` URL in the private store, or a
 * legacy `/uploads/<name>` URL in `public/uploads` (before start-up moved it). Never a
 * path outside those folders. Throws for any other URL (a remote provider's).
 */
export const storedPath = (strapi: Core.Strapi, url: string): string => {
  const name = storedName(url);
  if (name) return path.join(berkasDir(strapi), name);
  const root = path.resolve(strapi.dirs.static.public, 'uploads');
  const target = path.resolve(strapi.dirs.static.public, `.${decodeURIComponent(url.split(/[?#]/)[0])}`);
  if (url.startsWith('/uploads/') && target.startsWith(`${root}${path.sep}`)) return target;
  throw new Error(`Berkas tidak tersimpan di server ini: ${url}`);
};

/** The bytes of a stored URL (see storedPath). */
export const readStored = (strapi: Core.Strapi, url: string): Promise<Buffer> => fs.readFile(storedPath(strapi, url));
