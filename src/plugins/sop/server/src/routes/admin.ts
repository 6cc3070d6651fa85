import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { rolesListableBy } from '../engine/decide';
import { keepRefusalMessages } from '../errors';
import { actorFromAuth, usersWithRole } from '../services/actor';
import { sopAdminStrategy } from '../services/admin-auth';
import { antrianFor } from '../services/antrian';
import { verifyAuditTrail } from '../services/audit';
import { performKoreksi } from '../services/koreksi';
import { sopRegistryOf } from '../services/registry';
import { performTransition } from '../services/transition';
import { definitionsView, diagramSvg, mayRead, recordView } from '../services/views';
import { withSharedReads } from '../services/shared-reads';
import type { StaffActor } from '../types';

/** The part of Koa's context the `/sop` handlers use. */
export type SopCtx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: unknown };
  state: { user?: { id: number } };
  status: number;
  body: unknown;
  type: string;
  set: (name: string, value: string) => void;
};

/** A `/sop` handler: the request and the acting staff member, loaded once per request. */
export type SopHandler = (ctx: SopCtx, actor: StaffActor) => Promise<void>;

/** A body that does not match its schema: ValidationError naming each field, `details.issues`. */
export const parseBody = <T>(schema: z.ZodType<T>, body: unknown): T => {
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

/**
 * One admin-authenticated route (Bearer token from POST /admin/login) whose handler gets the
 * acting staff member (an inactive or unknown account is 403). Handlers throw `@strapi/utils`
 * errors or `ConflictError`; `strapi::errors` answers them, the Indonesian message kept.
 * The app registers its own `/sop/...` routes with it too.
 */
export const adminRoute = (strapi: Core.Strapi) => {
  // Strapi's admin authentication without the CASL ability no /sop handler reads (./services/admin-auth);
  // `scope` is required by the route schema and unused (the strategy has no `verify`)
  const auth = { strategies: [sopAdminStrategy(strapi)], scope: [] as string[] };
  return (method: 'GET' | 'POST', path: string, handler: SopHandler) => ({
    method,
    path,
    handler: keepRefusalMessages(async (ctx: SopCtx) => {
      // the user and roles the authentication read for this request (no second read)
      const actor = ctx.state.user ? await actorFromAuth(strapi, ctx.state.user) : null;
      if (!actor) throw new errors.ForbiddenError('Akun Anda tidak aktif atau tidak dikenal.');
      await handler(ctx, actor);
    }),
    config: { auth, policies: ['admin::isAuthenticatedAdmin'] },
  });
};

/** The model of the address is registered (else NotFoundError) and the actor may read it (else ForbiddenError). */
export const requireReadableModel = (strapi: Core.Strapi, model: string, actor: StaffActor): void => {
  const definition = sopRegistryOf(strapi).workflow(model);
  if (!definition) throw new errors.NotFoundError(`Jenis naskah "${model}" tidak dikenal.`);
  if (!mayRead(strapi, actor, definition.uid)) throw new errors.ForbiddenError('Peran Anda tidak berwenang membuka naskah ini.');
};

/**
 * The engine's `/sop` API, registered at the plugin's bootstrap — after the app's own
 * `/sop/...` routes, so a fixed path of the app (`/sop/intake/gagal`) is matched before
 * `/sop/:model/:documentId`.
 */
export const sopRoutes = (strapi: Core.Strapi) => {
  const route = adminRoute(strapi);
  const registry = sopRegistryOf(strapi);
  return [
    route('GET', '/sop/definitions', async (ctx) => {
      ctx.body = { data: definitionsView(strapi) };
    }),
    // "Antrian saya": what waits for this user now, across every workflow
    route('GET', '/sop/antrian', async (ctx, actor) => {
      ctx.body = await antrianFor(strapi, actor);
    }),
    route('GET', '/sop/audit/verify', async (ctx) => {
      ctx.body = { data: await verifyAuditTrail(strapi.db.connection) };
    }),
    // Need to know: the users of a role only for whoever assigns them (the Kasi: Caraka, Sandiman);
    // someone holding the role sees only themselves; anyone else 403.
    route('GET', '/sop/pengguna', async (ctx, actor) => {
      const peran = String(ctx.query.peran ?? '');
      const roleKeys = registry.roleKeys();
      if (!roleKeys.includes(peran)) {
        throw new errors.ValidationError(`Peran "${peran}" tidak dikenal; gunakan salah satu dari: ${roleKeys.join(', ')}.`);
      }
      if (!actor.isSuperAdmin && !rolesListableBy(registry.workflows(), actor.roles, roleKeys).has(peran)) {
        if (!(actor.roles as readonly string[]).includes(peran)) {
          throw new errors.ForbiddenError('Peran Anda tidak memerlukan daftar pengguna peran ini.');
        }
        ctx.body = { data: [{ id: actor.id, nama: actor.name }] };
        return;
      }
      const users = await usersWithRole(strapi, peran);
      ctx.body = { data: users.map((user) => ({ id: user.id, nama: user.name })) };
    }),
    route('GET', '/sop/diagram/:model', async (ctx, actor) => {
      const definition = registry.workflow(ctx.params.model);
      if (!definition || !mayRead(strapi, actor, definition.uid)) throw new errors.NotFoundError('Diagram tidak ditemukan.');
      const current = typeof ctx.query.tahap === 'string' ? ctx.query.tahap : undefined;
      // `?versi=` draws the version a record runs under (GET /sop/:model/:documentId `alurVersi`)
      const versi = typeof ctx.query.versi === 'string' && /^\d+$/.test(ctx.query.versi) ? Number(ctx.query.versi) : undefined;
      const svg = diagramSvg(strapi, ctx.params.model, current, versi);
      if (svg === null) throw new errors.NotFoundError('Diagram tidak ditemukan.');
      ctx.type = 'image/svg+xml';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = svg;
    }),
    route('GET', '/sop/:model/:documentId', async (ctx, actor) => {
      requireReadableModel(strapi, ctx.params.model, actor);
      const view = await recordView(strapi, ctx.params.model, ctx.params.documentId, actor);
      if (!view) throw new errors.NotFoundError('Naskah tidak ditemukan.');
      ctx.body = { data: view };
    }),
    route('POST', '/sop/:model/:documentId/koreksi', async (ctx, actor) => {
      requireReadableModel(strapi, ctx.params.model, actor);
      const body = parseBody(koreksiBody, ctx.request.body);
      const result = await performKoreksi(strapi, {
        model: ctx.params.model,
        documentId: ctx.params.documentId,
        actor,
        request: { catatan: body.catatan ?? null, data: body.data ?? undefined },
      });
      const view = await recordView(strapi, ctx.params.model, ctx.params.documentId, actor);
      ctx.body = { data: view, meta: { perubahan: result.perubahan } };
    }),
    route('POST', '/sop/:model/:documentId/transisi', async (ctx, actor) => {
      requireReadableModel(strapi, ctx.params.model, actor);
      const body = parseBody(transitionBody, ctx.request.body);
      // the step's notification and this answer share their reads after the commit (the record, who acts next)
      ctx.body = await withSharedReads(async () => {
        await performTransition(strapi, {
          model: ctx.params.model,
          documentId: ctx.params.documentId,
          actor,
          request: { ke: body.ke, catatan: body.catatan ?? null, data: body.data ?? undefined },
        });
        return { data: await recordView(strapi, ctx.params.model, ctx.params.documentId, actor) };
      });
    }),
  ];
};
