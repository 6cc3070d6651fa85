import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import helmet, { type HelmetOptions } from 'helmet';
import { defaultsDeep } from 'lodash/fp';
import type { Context, Next } from 'koa';

/**
 * Strapi 5.54's own defaults of `strapi::security` (@strapi/core dist/middlewares/security.js),
 * which a configuration given in config/middlewares.ts is merged over (deeply, the
 * configuration winning). tests/public/pengaduan-ringan.test.ts compares the headers of a request
 * answered here with those of Strapi's own middleware, so a Strapi upgrade that changes them fails
 * a test instead of drifting.
 */
const STRAPI_DEFAULTS: HelmetOptions = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: { useDefaults: true, directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null } },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
type Factory = (config: Record<string, unknown> | undefined, context: { strapi: Core.Strapi }) => Middleware;

/**
 * Makes `strapi::security` build its helmet once for every request but GET and HEAD, with the
 * same configuration and the same headers; call in register(). Strapi's middleware merges its
 * configuration (lodash `defaultsDeep`) and builds a new helmet on every request; profiling the
 * complaint intake (issue 14, bench:pengaduan with --cpu-prof) put that at ≈ 4 % of a
 * complaint's Node CPU. Its only per-request differences — the documentation / GraphQL
 * playground exceptions and the admin panel's development exception — apply to GET requests
 * alone, so for every other method (POST /api/pengaduan, the complaint form, the admin API's
 * writes) the helmet is the same each time: it is built once, from Strapi's defaults with the
 * configuration over them, merged as Strapi merges them; GET and HEAD requests still go through
 * Strapi's own middleware, unchanged. The middleware keeps its name in config/middlewares.ts
 * (Strapi requires it, and plugins extend its configuration by that name); Strapi's registry's
 * `extend` wraps it. Nothing is dropped: every answer carries the headers Strapi would have set
 * (tests/public/pengaduan-ringan.test.ts).
 */
export const registerSecurityHeaders = (strapi: Core.Strapi): void => {
  const registry = strapi.get('middlewares') as { extend: (uid: string, wrap: (factory: Factory) => Factory) => unknown };
  registry.extend('strapi::security', (strapiSecurity): Factory => (config, context) => {
    const strapiOwn = strapiSecurity(config, context);
    // merged exactly as Strapi merges it (lodash/fp defaultsDeep: the configuration wins)
    const headers = helmet(defaultsDeep(STRAPI_DEFAULTS, config ?? {}) as HelmetOptions);
    const setHeaders = (ctx: Context): Promise<void> =>
      new Promise((resolve, reject) => headers(ctx.req, ctx.res, (error?: unknown) => (error ? reject(error) : resolve())));
    return async (ctx, next) => {
      if (ctx.method === 'GET' || ctx.method === 'HEAD') return strapiOwn(ctx, next);
      await setHeaders(ctx);
      return next();
    };
  });
};
