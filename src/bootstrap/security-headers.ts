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

/** One header write of helmet: a value set, or `null` for a header removed (X-Powered-By). */
export type HeaderWrite = readonly [name: string, value: string | number | readonly string[] | null];

/**
 * Whether a Content-Security-Policy directive is computed per request (helmet calls a function
 * value with the request and response, e.g. for a nonce): then the headers cannot be recorded.
 */
export const hasDirectiveFunction = (options: HelmetOptions): boolean => {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' && csp !== null ? (csp.directives ?? {}) : {};
  return Object.values(directives).some(
    (value) => typeof value === 'function' || (Array.isArray(value) && value.some((element: unknown) => typeof element === 'function'))
  );
};

/**
 * The header writes helmet makes, recorded once on a stand-in response, in order, or `null` if
 * it did not finish at once or answered an error. Every helmet middleware but the CSP's ignores
 * the request, and the CSP's reads it only through directive functions (hasDirectiveFunction), so
 * with none the writes are the same for every request: issue 14's profile put helmet's per-request
 * CSP string at ≈ 2 % of a complaint's Node CPU.
 */
export const recordHeaderWrites = (headers: ReturnType<typeof helmet>): HeaderWrite[] | null => {
  const writes: HeaderWrite[] = [];
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => writes.push([name, value]),
    removeHeader: (name: string) => writes.push([name, null]),
  };
  let finished = false;
  headers({} as never, response as never, (error?: unknown) => {
    finished = error === undefined;
  });
  return finished ? writes : null;
};
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
    const options = defaultsDeep(STRAPI_DEFAULTS, config ?? {}) as HelmetOptions;
    const headers = helmet(options);
    const recorded = hasDirectiveFunction(options) ? null : recordHeaderWrites(headers);
    const setHeaders = (ctx: Context): Promise<void> => {
      if (recorded) {
        for (const [name, value] of recorded) {
          if (value === null) ctx.res.removeHeader(name);
          else ctx.res.setHeader(name, value);
        }
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => headers(ctx.req, ctx.res, (error?: unknown) => (error ? reject(error) : resolve())));
    };
    return async (ctx, next) => {
      if (ctx.method === 'GET' || ctx.method === 'HEAD') return strapiOwn(ctx, next);
      await setHeaders(ctx);
      return next();
    };
  });
};
