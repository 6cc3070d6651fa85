import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { rolesListableBy } from '../sop-defs/workflows';
import { sopRegistryOf } from '../plugins/sop/server/src/services/registry';
import { ROLE_KEYS, type RoleKey } from '../domain/roles';
import { loadActor, usersWithRole, type StaffActor } from '../plugins/sop/server/src/services/actor';
import { verifyAuditTrail } from '../plugins/sop/server/src/services/tables';
import { readSalinanPlaintext } from './salinan';
import { performKoreksi } from './koreksi';
import { keepRefusalMessages } from './errors';
import { performTransition } from './transition';
import { definitionsView, diagramSvg, mayRead, recordView } from './views';
import { unduhAgenda, unduhDokumen } from '../letters/unduh';
import { intakeFailureRaw, intakeFailures, intakeStatus, uploadEmlFiles } from '../intake/http';

type Ctx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: unknown };
  state: { user?: { id: number } };
  status: number;
  body: unknown;
  type: string;
  set: (name: string, value: string) => void;
};

/** A body that does not match its schema: ValidationError naming each field, `details.issues`. */
const parseBody = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new errors.ValidationError(`Permintaan tidak sah: ${issues.map((issue) => `${issue.path || 'body'} (${issue.message})`).join('; ')}.`, {
    issues,
  });
};

const transitionBody = z
  .object({
    ke: z.string().min(1).max(60),
    catatan: z.string().max(2000).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict();

const koreksiBody = z
  .object({
    catatan: z.string().max(2000).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict();

const withActor =
  (strapi: Core.Strapi, handler: (ctx: Ctx, actor: StaffActor) => Promise<void>) =>
  async (ctx: Ctx): Promise<void> => {
    const actor = ctx.state.user ? await loadActor(strapi, ctx.state.user.id) : null;
    if (!actor) throw new errors.ForbiddenError('Akun Anda tidak aktif atau tidak dikenal.');
    return handler(ctx, actor);
  };

/** The model of the address is known (else NotFoundError) and the actor may read it (else ForbiddenError). */
const guardModel = (strapi: Core.Strapi, ctx: Ctx, actor: StaffActor): void => {
  const definition = sopRegistryOf(strapi).workflow(ctx.params.model);
  if (!definition) throw new errors.NotFoundError(`Jenis naskah "${ctx.params.model}" tidak dikenal.`);
  if (!mayRead(actor, definition.uid)) throw new errors.ForbiddenError('Peran Anda tidak berwenang membuka naskah ini.');
};

/**
 * The admin-authenticated `/sop` API (Bearer token from POST /admin/login). Handlers throw
 * `@strapi/utils` errors or `ConflictError` (src/sop/errors.ts); `strapi::errors` answers them.
 */
export const sopRoutes = (strapi: Core.Strapi) => {
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Ctx, actor: StaffActor) => Promise<void>) => ({
    method,
    path,
    handler: keepRefusalMessages(withActor(strapi, handler)),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  return [
    // Sanapati mailbox intake (src/intake); before '/sop/:model/:documentId', which '/sop/intake/gagal' would match.
    route('GET', '/sop/intake', async (ctx) => {
      ctx.body = { data: await intakeStatus(strapi) };
    }),
    route('GET', '/sop/intake/gagal', async (ctx, actor) => {
      const failures = await intakeFailures(strapi, actor);
      ctx.body = { data: failures.data, meta: { jumlah: failures.jumlah } };
    }),
    route('GET', '/sop/intake/gagal/:id/eml', async (ctx, actor) => {
      const raw = await intakeFailureRaw(strapi, actor, ctx.params.id);
      ctx.type = 'message/rfc822';
      ctx.set('Content-Disposition', `attachment; filename="${raw.namaBerkas.replace(/[^\w.-]/g, '_')}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = raw.mentah;
    }),
    route('POST', '/sop/intake/eml', async (ctx, actor) => {
      const results = await uploadEmlFiles(strapi, actor, ctx.request.files);
      ctx.status = results.some((result) => result.hasil === 'baru') ? 201 : 200;
      ctx.body = { data: results };
    }),
    route('GET', '/sop/definitions', async (ctx) => {
      ctx.body = { data: definitionsView(strapi) };
    }),
    route('GET', '/sop/audit/verify', async (ctx) => {
      const verdict = await verifyAuditTrail(strapi.db.connection);
      ctx.body = { data: verdict };
    }),
    // Need to know: the users of a role only for whoever assigns them (the Kasi: Caraka, Sandiman);
    // someone holding the role sees only themselves; anyone else 403.
    route('GET', '/sop/pengguna', async (ctx, actor) => {
      const peran = String(ctx.query.peran ?? '');
      if (!ROLE_KEYS.includes(peran as RoleKey)) {
        throw new errors.ValidationError(`Peran "${peran}" tidak dikenal; gunakan salah satu dari: ${ROLE_KEYS.join(', ')}.`);
      }
      if (!actor.isSuperAdmin && !rolesListableBy(actor.roles).has(peran as RoleKey)) {
        if (!actor.roles.includes(peran as RoleKey)) {
          throw new errors.ForbiddenError('Peran Anda tidak memerlukan daftar pengguna peran ini.');
        }
        ctx.body = { data: [{ id: actor.id, nama: actor.name }] };
        return;
      }
      const users = await usersWithRole(strapi, peran as RoleKey);
      ctx.body = { data: users.map((user) => ({ id: user.id, nama: user.name })) };
    }),
    route('GET', '/sop/diagram/:model', async (ctx, actor) => {
      const definition = sopRegistryOf(strapi).workflow(ctx.params.model);
      if (!definition || !mayRead(actor, definition.uid)) throw new errors.NotFoundError('Diagram tidak ditemukan.');
      const current = typeof ctx.query.tahap === 'string' ? ctx.query.tahap : undefined;
      ctx.type = 'image/svg+xml';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = diagramSvg(strapi, ctx.params.model, current);
    }),
    route('GET', '/sop/kriptogram/:documentId/isi', async (ctx, actor) => {
      const result = await readSalinanPlaintext(strapi, ctx.params.documentId, actor);
      if (result === 'not-found') throw new errors.NotFoundError('Salinan kriptogram ini belum ada.');
      if (result === 'forbidden') throw new errors.ForbiddenError('Hanya Sandiman yang ditugaskan dan Kasi yang berwenang membaca isi salinan.');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: result };
    }),
    // Before '/sop/:model/:documentId', which '/sop/agenda/surat-masuk' would match too.
    route('GET', '/sop/agenda/:buku', (ctx, actor) => unduhAgenda(strapi, ctx, actor)),
    route('GET', '/sop/:model/:documentId/dokumen/:jenis', async (ctx, actor) => {
      guardModel(strapi, ctx, actor);
      await unduhDokumen(strapi, ctx, actor);
    }),
    route('GET', '/sop/:model/:documentId', async (ctx, actor) => {
      guardModel(strapi, ctx, actor);
      const view = await recordView(strapi, ctx.params.model, ctx.params.documentId, actor);
      if (!view) throw new errors.NotFoundError('Naskah tidak ditemukan.');
      ctx.body = { data: view };
    }),
    route('POST', '/sop/:model/:documentId/koreksi', async (ctx, actor) => {
      guardModel(strapi, ctx, actor);
      const body = parseBody(koreksiBody, ctx.request.body);
      const result = await performKoreksi(strapi, {
        model: ctx.params.model,
        documentId: ctx.params.documentId,
        actorId: actor.id,
        request: { catatan: body.catatan ?? null, data: body.data ?? undefined },
      });
      const view = await recordView(strapi, ctx.params.model, ctx.params.documentId, actor);
      ctx.body = { data: view, meta: { perubahan: result.perubahan } };
    }),
    route('POST', '/sop/:model/:documentId/transisi', async (ctx, actor) => {
      guardModel(strapi, ctx, actor);
      const body = parseBody(transitionBody, ctx.request.body);
      await performTransition(strapi, {
        model: ctx.params.model,
        documentId: ctx.params.documentId,
        actorId: actor.id,
        request: { ke: body.ke, catatan: body.catatan ?? null, data: body.data ?? undefined },
      });
      const view = await recordView(strapi, ctx.params.model, ctx.params.documentId, actor);
      ctx.body = { data: view };
    }),
  ];
};
