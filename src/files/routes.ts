import fs from 'fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { loadActor, type StaffActor, keepRefusalMessages } from '../plugins/sop/server/src/index';
import { auditFileDownload, checkFileAccess, fileByStoredName, verifyToken } from './access';
import { loadStoredFile, type StoredFile } from './relations';
import { storedName, storedPath } from './storage';

type Ctx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { user?: { id: number } };
  status: number;
  body: unknown;
  type: string;
  set: (name: string, value: string) => void;
  attachment: (filename: string, options?: { type?: 'inline' | 'attachment' }) => void;
};

/** A refusal, not to be cached: throws `error` for `strapi::errors` to answer. */
const gagal = (ctx: Ctx, error: Error): never => {
  ctx.set('Cache-Control', 'no-store');
  throw error;
};

const NOT_FOUND = 'Berkas tidak ditemukan.';

/** Images and PDF open in the browser (the admin panel's previews); everything else downloads. */
const INLINE = /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/;

/**
 * Applies the access check, writes the audit rows of a classified record, and sends the
 * bytes. An unreadable file answers as missing to someone not signed in.
 */
const serve = async (
  strapi: Core.Strapi,
  ctx: Ctx,
  file: StoredFile,
  variant: { url: string; mime: string | null },
  actor: StaffActor | null
): Promise<void> => {
  const { verdict } = await checkFileAccess(strapi, file, actor);
  if (!verdict.allowed) {
    return gagal(ctx, verdict.status === 401 ? new errors.UnauthorizedError(verdict.reason) : new errors.ForbiddenError(verdict.reason));
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(storedPath(strapi, variant.url));
  } catch {
    return gagal(ctx, new errors.NotFoundError('Isi berkas tidak ada di penyimpanan server.'));
  }
  if (actor) await auditFileDownload(strapi, verdict.audit, actor, file, bytes);
  const mime = variant.mime ?? 'application/octet-stream';
  ctx.status = 200;
  ctx.attachment(file.name, { type: INLINE.test(mime) ? 'inline' : 'attachment' });
  ctx.type = mime;
  ctx.set('Cache-Control', verdict.public ? 'public, max-age=300' : 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.body = bytes;
};

const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const tokenQuery = z.object({ token: z.string().max(200).optional() }).passthrough();

/**
 * The only ways a stored file leaves the server (the files are outside `public/`):
 * - `GET /berkas/:nama` — no login: a public file (src/domain/berkas.ts PUBLIC_MEDIA_FIELDS),
 *   or a short-lived signed link `?token=` the server gave a signed-in admin user, checked
 *   again for that user;
 * - `GET /sop/berkas/:id/unduh` — admin Bearer token: the file by id, for programs.
 */
export const berkasRoutes = (strapi: Core.Strapi) => [
  {
    method: 'GET',
    path: '/berkas/:nama',
    handler: keepRefusalMessages(async (ctx: Ctx) => {
      const name = storedName(`/berkas/${ctx.params.nama ?? ''}`);
      const query = tokenQuery.safeParse(ctx.query);
      if (!name || !query.success) return gagal(ctx, new errors.NotFoundError(NOT_FOUND));
      const found = await fileByStoredName(strapi, name);
      if (!found) return gagal(ctx, new errors.NotFoundError(NOT_FOUND));
      let actor: StaffActor | null = null;
      if (query.data.token !== undefined) {
        const userId = verifyToken(strapi, name, query.data.token);
        actor = userId === null ? null : await loadActor(strapi, userId);
        if (!actor) return gagal(ctx, new errors.UnauthorizedError('Tautan berkas tidak sah atau sudah kedaluwarsa; buka kembali dari panel admin.'));
      }
      await serve(strapi, ctx, found.file, found.variant, actor);
    }),
    config: { auth: false },
  },
  {
    method: 'GET',
    path: '/sop/berkas/:id/unduh',
    handler: keepRefusalMessages(async (ctx: Ctx) => {
      const actor = ctx.state.user ? await loadActor(strapi, ctx.state.user.id) : null;
      if (!actor) return gagal(ctx, new errors.ForbiddenError('Akun Anda tidak aktif atau tidak dikenal.'));
      const id = idParam.safeParse(ctx.params.id);
      if (!id.success) return gagal(ctx, new errors.ValidationError('Nomor berkas tidak sah.'));
      const file = await loadStoredFile(strapi, { id: id.data });
      if (!file) return gagal(ctx, new errors.NotFoundError(NOT_FOUND));
      await serve(strapi, ctx, file, { url: file.url, mime: file.mime }, actor);
    }),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
];
