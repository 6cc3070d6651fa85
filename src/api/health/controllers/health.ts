import type { Core } from '@strapi/strapi';

const PROBE_TIMEOUT_MS = 3000;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('database probe timed out')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async check(ctx: { status: number; body: unknown; set: (name: string, value: string) => void }) {
    ctx.set('Cache-Control', 'no-store');
    try {
      await withTimeout(Promise.resolve(strapi.db.connection.raw('select 1')), PROBE_TIMEOUT_MS);
      ctx.status = 200;
      ctx.body = { status: 'ok', database: 'ok' };
    } catch (error: unknown) {
      strapi.log.error(`[health] basis data tidak menjawab: ${error instanceof Error ? error.message : String(error)}`);
      ctx.status = 503;
      ctx.body = { status: 'error', database: 'down' };
    }
  },
});
