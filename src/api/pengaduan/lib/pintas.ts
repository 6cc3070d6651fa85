import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

/**
 * The short way of `POST /api/pengaduan` (issue 14): once `global::pengaduan-intake` has read,
 * checked and parsed the JSON body, it answers with the complaint controller itself instead of
 * passing the request on through strapi::body, global::input-policy, strapi::favicon, the router
 * and the route's chain — steps that do nothing for this route: the body is already parsed
 * (strapi::body leaves it alone), input-policy leaves the complaint routes to their own checks, no
 * static file is served, and the route's chain for `auth: false, policies: [], middlewares: []`
 * is only what `answerKirim` does (node_modules/@strapi/core/dist/services/server/compose-endpoint.js:
 * route info, authenticate/authorize that let `auth: false` through, no policy, returnBody).
 * `prepareKirimShortcut` refuses to boot when any of that stops being true, so the short way
 * cannot silently skip a policy, a route middleware, authentication or an application middleware.
 * global::oauth-session is skipped too: it runs Strapi's session on `/api/connect/…` only.
 */

const UID_CONTROLLER = 'api::pengaduan.pengaduan';
const HANDLER = 'pengaduan.kirim';

/**
 * The application middlewares `global::pengaduan-intake` skips on the short way, in the order of
 * config/middlewares.ts after it. Another entry there means another review of the short way.
 */
export const SKIPPED_MIDDLEWARES: readonly string[] = [
  'strapi::body',
  'global::input-policy',
  'global::oauth-session',
  'strapi::favicon',
  'strapi::public',
];

/** A route as Strapi registers it (src/api/pengaduan/routes/pengaduan.ts, after register-routes). */
export type RouteLike = {
  method?: unknown;
  path?: unknown;
  handler?: unknown;
  info?: unknown;
  config?: { auth?: unknown; policies?: unknown; middlewares?: unknown; [key: string]: unknown };
  [key: string]: unknown;
};

type MiddlewareEntry = string | { name?: string; resolve?: string; config?: unknown };

type Action = (ctx: Context) => Promise<unknown>;

/** What the short way needs, prepared at boot. */
export type KirimShortcut = { route: RouteLike; kirim: Action };

const shortcuts = new WeakMap<Core.Strapi, KirimShortcut>();

const isEmptyList = (value: unknown): boolean => value === undefined || (Array.isArray(value) && value.length === 0);

const named = (entry: MiddlewareEntry): string | undefined => (typeof entry === 'string' ? entry : (entry.name ?? entry.resolve));

/**
 * Checks that the short way answers `POST /api/pengaduan` as the router would. Takes the routes of
 * every API (every router of each), the application middleware list and the REST prefix;
 * returns the one route, `POST /pengaduan` → `pengaduan.kirim`. Throws an Error (refusing the
 * boot) when that route is missing, doubled or another API's, or has authentication, a policy or a route
 * middleware; when the prefix is not `/api` (the intake matches `/api/pengaduan`); or when the
 * middlewares after `global::pengaduan-intake` are not exactly SKIPPED_MIDDLEWARES.
 */
export const checkKirimShortcut = (routes: readonly RouteLike[], middlewares: readonly MiddlewareEntry[], prefix: unknown): RouteLike => {
  const refuse = (why: string): never => {
    throw new Error(`Jalan pintas POST /api/pengaduan tidak dapat dipasang: ${why}. Tinjau src/api/pengaduan/lib/pintas.ts.`);
  };
  if (prefix !== '/api') refuse(`awalan REST "${String(prefix)}" bukan "/api"`);
  const found = routes.filter((route) => String(route.method).toUpperCase() === 'POST' && route.path === '/pengaduan');
  if (found.length !== 1) refuse(`rute POST /pengaduan ada ${found.length}, bukan satu`);
  const [route] = found;
  if ((route.info as { apiName?: unknown } | undefined)?.apiName !== 'pengaduan') refuse('rute POST /pengaduan bukan milik API pengaduan');
  if (route.handler !== HANDLER && route.handler !== `${UID_CONTROLLER}.kirim`)
    refuse(`penangan rutenya "${String(route.handler)}", bukan ${HANDLER}`);
  const config = route.config ?? {};
  if (config.auth !== false) refuse('rutenya memakai autentikasi (config.auth bukan false)');
  if (!isEmptyList(config.policies)) refuse('rutenya memakai policy');
  if (!isEmptyList(config.middlewares)) refuse('rutenya memakai middleware rute');
  const names = middlewares.map(named);
  const intake = names.indexOf('global::pengaduan-intake');
  if (intake < 0) refuse('global::pengaduan-intake tidak terpasang');
  const after = names.slice(intake + 1);
  if (after.length !== SKIPPED_MIDDLEWARES.length || after.some((name, index) => name !== SKIPPED_MIDDLEWARES[index])) {
    refuse(`middleware sesudah global::pengaduan-intake adalah [${after.join(', ')}], bukan [${SKIPPED_MIDDLEWARES.join(', ')}]`);
  }
  return route;
};

/** Every route of an API module, whichever routers it has (`{ name: { routes } }` or a list). */
const routesOf = (api: unknown): RouteLike[] => {
  const routers = (api as { routes?: unknown } | undefined)?.routes;
  if (Array.isArray(routers)) return routers as RouteLike[];
  return Object.values((routers ?? {}) as Record<string, { routes?: RouteLike[] }>).flatMap((router) => router.routes ?? []);
};

/**
 * Prepares the short way; call in bootstrap() (after Strapi registered the routes). Takes the
 * Strapi instance; throws an Error (refusing the boot) as checkKirimShortcut does, or when the
 * controller has no `kirim`.
 */
export const prepareKirimShortcut = (strapi: Core.Strapi): void => {
  const route = checkKirimShortcut(
    Object.keys(strapi.apis).flatMap((name) => routesOf(strapi.api(name))),
    (strapi.config.get('middlewares') as MiddlewareEntry[] | undefined) ?? [],
    strapi.config.get('api.rest.prefix', '/api')
  );
  const controller = strapi.controller(UID_CONTROLLER) as unknown as Record<string, unknown>;
  const kirim = controller?.kirim;
  if (typeof kirim !== 'function') throw new Error(`Jalan pintas POST /api/pengaduan tidak dapat dipasang: ${UID_CONTROLLER} tanpa kirim.`);
  shortcuts.set(strapi, { route, kirim: (kirim as Action).bind(controller) });
};

/**
 * Forgets the prepared short way: complaints take the router again until prepareKirimShortcut
 * runs. Takes the Strapi instance. For the test that compares both ways (tests/public/pengaduan-pintas.test.ts).
 */
export const forgetKirimShortcut = (strapi: Core.Strapi): void => {
  shortcuts.delete(strapi);
};

/** The prepared short way, or undefined before prepareKirimShortcut ran (then the request takes the router). */
export const kirimShortcut = (strapi: Core.Strapi): KirimShortcut | undefined => shortcuts.get(strapi);

type StrapiResponses = { unauthorized: () => void; forbidden: () => void };

/**
 * Answers `POST /api/pengaduan` as the route's chain does (compose-endpoint.js): `ctx.state.route`
 * set, the controller's answer, a returned value as the body when none was set, and an
 * UnauthorizedError / ForbiddenError (not PolicyError) answered as Strapi's authorize step
 * answers them. Every other error is thrown on to `strapi::errors`, as from the route.
 */
export const answerKirim = async (shortcut: KirimShortcut, ctx: Context): Promise<void> => {
  const { route } = shortcut;
  ctx.state.route = { ...route, config: route.config ?? {} };
  try {
    const value = await shortcut.kirim(ctx);
    if ((ctx.body === undefined || ctx.body === null) && value !== undefined && value !== null) ctx.body = value;
  } catch (error: unknown) {
    if (error instanceof errors.UnauthorizedError) return (ctx as unknown as StrapiResponses).unauthorized();
    if (error instanceof errors.ForbiddenError && !(error instanceof errors.PolicyError)) return (ctx as unknown as StrapiResponses).forbidden();
    throw error;
  }
};
