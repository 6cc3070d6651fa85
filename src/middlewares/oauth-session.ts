import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Middleware, Next } from 'koa';

/** The paths whose handlers read or write `ctx.session`: users-permissions' OAuth provider login (`/api/connect/…`). */
const SESSION_PATH = /^\/api\/connect\//i;
/** The same path as users-permissions' connect handler reads it: it finds the provider after a lower-case `/connect/`. */
const CONNECT_SEGMENT = '/connect/';

type SessionFactory = (config: unknown, context: { strapi: { server: { app: unknown; use: (handler: Middleware) => void } } }) => void;

/**
 * `global::oauth-session`, in place of `strapi::session` (config/middlewares.ts): Strapi's own
 * session (koa-session with Strapi's defaults and the app keys), run only on the requests that
 * use it. Strapi's `strapi::session` mounts koa-session for every request, ahead of every
 * configured middleware whatever its place in the list (its factory calls `server.use` while the
 * list is still being resolved), though only users-permissions' OAuth login (`/api/connect/…`)
 * keeps anything in it. Every other request, a public complaint among them, paid for a session
 * object, a cookie read and a commit (≈ 2 % of a complaint's CPU, issue 14).
 *
 * Takes the middleware's config (passed on to Strapi's session as `strapi::session` takes it);
 * returns the koa middleware. Throws at boot what Strapi's session throws (no app keys); per request,
 * errors.ValidationError (400) for `/api/CONNECT/…` in any case but lower.
 */
export default (config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let session: Middleware | undefined;
  const strapiSession = strapi.get('middlewares').get('strapi::session') as SessionFactory;
  // Strapi's factory hands its koa-session middleware to server.use; keep it here instead.
  strapiSession(config ?? {}, { strapi: { server: { app: strapi.server.app, use: (handler) => (session = handler) } } });
  if (!session) throw new Error('strapi::session tidak memasang sesi.');
  const handler = session;
  return (ctx: Context, next: Next): Promise<unknown> => {
    if (!SESSION_PATH.test(ctx.path)) return next();
    // The router matches `/api/CONNECT/x` too, but the connect handler then finds no provider in the
    // path and throws a TypeError (a 500): refused here as the bad address it is.
    if (ctx.path.slice('/api'.length, '/api'.length + CONNECT_SEGMENT.length) !== CONNECT_SEGMENT) {
      throw new errors.ValidationError('Alamat login penyedia harus ditulis /api/connect/<penyedia> (huruf kecil).');
    }
    return handler(ctx, next);
  };
};
