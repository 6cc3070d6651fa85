import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { ALUR_ACTION } from '../constants';
import { FIELD_TYPES } from '../engine/definition';
import { keepRefusalMessages } from '../errors';
import { loadActor } from '../services/actor';
import {
  aktifkanVersi,
  alurBaruSchema,
  bedaVersi,
  buatAlur,
  buatVersi,
  daftarAlur,
  pensiunkanVersi,
  periksaDefinisi,
  rincianAlur,
  ubahVersi,
  ubahVersiSchema,
  versiBaruSchema,
} from '../services/alur';
import { sopRegistryOf } from '../services/registry';
import type { StaffActor } from '../types';
import { parseBody, type SopCtx } from './admin';

type AlurCtx = SopCtx & { state: SopCtx['state'] & { userAbility?: { can: (action: string) => boolean } } };

/** The JSON Schema of a vocabulary entry's params (zod 4's toJSONSchema), or null when zod cannot express it. */
const jsonSchemaOf = (schema: z.ZodType): unknown => {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return null;
  }
};

/**
 * `GET /sop/kosakata`: what a definition may name — guards and effects with their params'
 * JSON Schema, field types, and the app's roles (key, admin role name, short name).
 */
export const kosakataView = (strapi: Core.Strapi) => {
  const registry = sopRegistryOf(strapi);
  const vocabulary = registry.vocabulary();
  const entries = (map: Readonly<Record<string, { describe?: string; params: z.ZodType }>>) =>
    Object.entries(map).map(([type, entry]) => ({ type, describe: entry.describe ?? null, params: jsonSchemaOf(entry.params) }));
  return {
    guards: vocabulary ? entries(vocabulary.guards) : [],
    effects: vocabulary ? entries(vocabulary.effects) : [],
    fieldTypes: FIELD_TYPES.filter((type) => vocabulary?.fieldTypes[type]).map((type) => ({
      type,
      describe: vocabulary?.fieldTypes[type]?.describe ?? null,
    })),
    roles: registry.roleKeys().map((key) => ({ key, nama: registry.roleName(key), singkat: registry.roleLabels()[key] ?? registry.roleName(key) })),
  };
};

const nomorOf = (ctx: AlurCtx): number => {
  const nomor = Number(ctx.params.nomor);
  if (!Number.isInteger(nomor) || nomor < 1) throw new errors.NotFoundError(`Versi "${ctx.params.nomor}" tidak ditemukan.`);
  return nomor;
};

const bedaQuery = z
  .object({ dari: z.coerce.number().int().positive('dari harus nomor versi'), ke: z.coerce.number().int().positive('ke harus nomor versi') })
  .strip();

/**
 * One `/sop/alur` route: admin-authenticated, and only for holders of `plugin::sop.alur.kelola`
 * ("Kelola Alur SOP"; Super Admin by default) — reads too; everyone else 403 (PolicyError, the
 * message kept). Errors are answered by `strapi::errors` as the `/sop` API's.
 */
const alurRoute =
  (strapi: Core.Strapi) => (method: 'GET' | 'POST' | 'PUT', path: string, handler: (ctx: AlurCtx, actor: StaffActor) => Promise<void>) => ({
    method,
    path,
    handler: keepRefusalMessages(async (ctx: AlurCtx) => {
      const actor = ctx.state.user ? await loadActor(strapi, ctx.state.user.id) : null;
      if (!actor) throw new errors.ForbiddenError('Akun Anda tidak aktif atau tidak dikenal.');
      if (!ctx.state.userAbility?.can(ALUR_ACTION)) throw new errors.PolicyError('Anda tidak memiliki izin "Kelola Alur SOP".');
      await handler(ctx, actor);
    }),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });

/**
 * The "Alur SOP" API (issue 13): the vocabulary, stored workflows, their versions, checking,
 * activation, retirement and the difference between two versions. Registered before the
 * engine's `/sop/:model/:documentId`, which would otherwise take `/sop/alur/<model>`.
 */
export const alurRoutes = (strapi: Core.Strapi) => {
  const route = alurRoute(strapi);
  return [
    route('GET', '/sop/kosakata', async (ctx) => {
      ctx.body = { data: kosakataView(strapi) };
    }),
    route('GET', '/sop/alur', async (ctx) => {
      ctx.body = { data: await daftarAlur(strapi) };
    }),
    route('POST', '/sop/alur', async (ctx, actor) => {
      ctx.body = { data: await buatAlur(strapi, actor, parseBody(alurBaruSchema, ctx.request.body)) };
      ctx.status = 201;
    }),
    route('POST', '/sop/alur/periksa', async (ctx) => {
      const body = parseBody(z.object({ definisi: z.unknown() }).strict(), ctx.request.body);
      ctx.body = { data: await periksaDefinisi(strapi, body.definisi) };
    }),
    route('GET', '/sop/alur/:model', async (ctx) => {
      ctx.body = { data: await rincianAlur(strapi, ctx.params.model) };
    }),
    route('GET', '/sop/alur/:model/beda', async (ctx) => {
      const query = parseBody(bedaQuery, ctx.query);
      ctx.body = { data: await bedaVersi(strapi, ctx.params.model, query.dari, query.ke) };
    }),
    route('POST', '/sop/alur/:model/versi', async (ctx, actor) => {
      ctx.body = { data: await buatVersi(strapi, actor, ctx.params.model, parseBody(versiBaruSchema, ctx.request.body)) };
      ctx.status = 201;
    }),
    route('PUT', '/sop/alur/:model/versi/:nomor', async (ctx, actor) => {
      ctx.body = { data: await ubahVersi(strapi, actor, ctx.params.model, nomorOf(ctx), parseBody(ubahVersiSchema, ctx.request.body)) };
    }),
    route('POST', '/sop/alur/:model/versi/:nomor/aktifkan', async (ctx, actor) => {
      ctx.body = { data: await aktifkanVersi(strapi, actor, ctx.params.model, nomorOf(ctx)) };
    }),
    route('POST', '/sop/alur/:model/versi/:nomor/pensiunkan', async (ctx, actor) => {
      ctx.body = { data: await pensiunkanVersi(strapi, actor, ctx.params.model, nomorOf(ctx)) };
    }),
  ];
};
