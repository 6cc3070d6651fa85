import type { Core } from '@strapi/strapi';
import type { Context, Middleware, Next } from 'koa';

/** The paths whose handlers read or write `ctx.session`: users-permissions' OAuth provider login (`/api/connect/…`). */
const SESSION_PATH = /^\/api\/connect\//i;

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
 * returns the koa middleware. Throws at boot what Strapi's session throws (no app keys).
 */
export default (config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let session: Middleware | undefined;
  const strapiSession = strapi.get('middlewares').get('strapi::session') as SessionFactory;
  // Strapi's factory hands its koa-session middleware to server.use; keep it here instead.
  strapiSession(config ?? {}, { strapi: { server: { app: strapi.server.app, use: (handler) => (session = handler) } } });
  if (!session) throw new Error('strapi::session tidak memasang sesi.');
  const handler = session;
  return (ctx: Context, next: Next): Promise<unknown> => (SESSION_PATH.test(ctx.path) ? handler(ctx, next) : next());
};
