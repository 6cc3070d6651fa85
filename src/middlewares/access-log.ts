import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { redactUrl } from '../domain/log-redaction';

/**
 * `global::access-log`, in place of `strapi::logger` (config/middlewares.ts): the same
 * line per request at level `http` — `GET /path?query (12 ms) 200` — with every secret
 * query parameter (the tracking code `kode`) redacted (src/domain/log-redaction.ts).
 * The one place an access log line is written.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const start = Date.now();
    await next();
    const delta = Math.ceil(Date.now() - start);
    strapi.log.http(`${ctx.method} ${redactUrl(ctx.url)} (${delta} ms) ${ctx.status}`);
  };
