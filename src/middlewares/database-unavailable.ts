import type { Core } from '@strapi/strapi';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

const isDatabaseUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    error.name === 'KnexTimeoutError' ||
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|Connection ended unexpectedly/.test(error.message)
  );
};

/** A database that is down or saturated answers 503 (retry later), not a bare 500. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: { status: number; body: unknown; set: (name: string, value: string) => void }, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error: unknown) {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.error(`[basis-data] permintaan gagal karena basis data tidak tersedia: ${(error as Error).message}`);
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = {
        data: null,
        error: {
          status: 503,
          name: 'ServiceUnavailableError',
          message: 'Basis data sedang tidak dapat dihubungi atau sibuk; coba lagi sebentar lagi.',
          details: {},
        },
      };
    }
  };
