import type { Core } from '@strapi/strapi';
import { HttpStatusError } from '../plugins/sop/server/src/index';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

const isDatabaseUnavailable = (error: unknown): boolean => {
  // Duck-typed: errors raised by Node's sockets may come from another realm than `Error`.
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    name === 'KnexTimeoutError' ||
    name === 'TransactionTimeoutError' ||
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    (typeof message === 'string' && /Connection terminated|Connection ended unexpectedly|Transaction query already complete/.test(message))
  );
};

/**
 * A database that is down or saturated answers 503 (retry later), not a bare 500: placed
 * right after `strapi::errors`, it turns such an error into a `ServiceUnavailableError`
 * that `strapi::errors` answers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: { set: (name: string, value: string) => void }, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error: unknown) {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.error(`[basis-data] permintaan gagal karena basis data tidak tersedia: ${String((error as { message?: unknown }).message)}`);
      ctx.set('Retry-After', '5');
      throw new HttpStatusError(503, 'ServiceUnavailableError', 'Basis data sedang tidak dapat dihubungi atau sibuk; coba lagi sebentar lagi.');
    }
  };
