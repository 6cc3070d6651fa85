/**
 * Files of the media library are private (issue 10 item 2). The pieces, each the one place
 * of its rule:
 * - storage: providers/upload-private keeps every file outside `public/` (BERKAS_DIR);
 * - who may read a file: src/domain/berkas.ts fileAccess, applied by src/files/access.ts
 *   checkFileAccess in the only routes that serve files (src/files/routes.ts);
 * - which files nobody may change: src/domain/berkas.ts lockingRelation, applied by
 *   src/files/guard.ts to every media-library route and to media fields of governed records;
 * - one proof per receipt: src/sop-defs/distribusi/bukti.ts assertBuktiFree, in the receipt step.
 */
import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { signFileUrl } from './access';
import { createMediaFieldGuard, guardUploadRoutes } from './guard';
import { FILE_UID } from './relations';
import { berkasRoutes } from './routes';
import { BERKAS_PREFIX, berkasDir } from './storage';

/** From register(): signed links, the media-library guard, the media-field guard and the download routes. */
export const registerFiles = (strapi: Core.Strapi): void => {
  const provider = strapi.plugin('upload').provider as unknown as { extend: (methods: Record<string, unknown>) => void };
  provider.extend({ getSignedUrl: signFileUrl(strapi) });
  guardUploadRoutes(strapi);
  strapi.documents.use(createMediaFieldGuard(strapi) as never);
  strapi.server.routes({ type: 'admin', prefix: '', routes: berkasRoutes(strapi) } as never);
};

type LegacyFile = {
  id: number;
  hash: string;
  ext: string | null;
  url: string;
  formats: Record<string, { hash: string; ext?: string | null; url: string }> | null;
};

/**
 * From bootstrap(): moves files an older release stored in `public/uploads` (where
 * `strapi::public` served them to anyone) into the private store and points their rows
 * there. Idempotent; logs how many it moved.
 */
export const moveLegacyUploads = async (strapi: Core.Strapi): Promise<void> => {
  const provider = String((strapi.config.get('plugin::upload') as { provider?: string }).provider ?? '');
  const rows = (await strapi.db.query(FILE_UID).findMany({
    where: { url: { $startsWith: '/uploads/' } },
    select: ['id', 'hash', 'ext', 'url', 'formats'],
  })) as LegacyFile[];
  if (rows.length === 0) return;
  const target = berkasDir(strapi);
  const publicDir = path.resolve(strapi.dirs.static.public);
  const move = async (url: string, name: string): Promise<string> => {
    const from = path.resolve(publicDir, `.${decodeURIComponent(url.split(/[?#]/)[0])}`);
    if (from.startsWith(`${path.join(publicDir, 'uploads')}${path.sep}`)) {
      await fs.rename(from, path.join(target, name)).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === 'EXDEV') {
          await fs.copyFile(from, path.join(target, name));
          await fs.rm(from);
        } else if (error.code !== 'ENOENT') throw error;
      });
    }
    return `${BERKAS_PREFIX}${encodeURIComponent(name)}`;
  };
  for (const row of rows) {
    const formats = row.formats ? { ...row.formats } : null;
    for (const [key, format] of Object.entries(formats ?? {})) {
      if (format?.url?.startsWith('/uploads/')) formats![key] = { ...format, url: await move(format.url, `${format.hash}${format.ext ?? ''}`) };
    }
    const url = await move(row.url, `${row.hash}${row.ext ?? ''}`);
    await strapi.db.query(FILE_UID).update({ where: { id: row.id }, data: { url, formats, provider } });
  }
  strapi.log.warn(`[berkas] ${rows.length} berkas dipindahkan dari public/uploads ke penyimpanan privat (${target}).`);
};
