import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminRoute, requireReadableModel } from './plugins/sop/server/src/index';
import { readSalinanPlaintext } from './sop-defs/kriptogram/salinan';
import { bukuAgendaTersedia, unduhAgenda, unduhDokumen } from './letters/unduh';
import { intakeFailureRaw, intakeFailures, intakeStatus, uploadEmlFiles } from './intake/http';

/**
 * The app's own `/sop/...` admin routes, beside the engine's: the Sanapati mailbox intake,
 * a kriptogram's plaintext, the agenda books and the letters. Registered in the app's
 * register phase, before the engine's `/sop/:model/:documentId`, which would otherwise
 * take `/sop/intake/gagal` and `/sop/agenda/surat-masuk` as a model and a record.
 */
export const appSopRoutes = (strapi: Core.Strapi) => {
  const route = adminRoute(strapi);
  return [
    route('GET', '/sop/intake', async (ctx, actor) => {
      ctx.body = { data: await intakeStatus(strapi, actor) };
    }),
    route('GET', '/sop/intake/gagal', async (ctx, actor) => {
      const failures = await intakeFailures(strapi, actor);
      ctx.body = { data: failures.data, meta: { jumlah: failures.jumlah } };
    }),
    route('GET', '/sop/intake/gagal/:id/eml', async (ctx, actor) => {
      const raw = await intakeFailureRaw(strapi, actor, ctx.params.id);
      ctx.type = 'message/rfc822';
      ctx.set('Content-Disposition', `attachment; filename="${raw.namaBerkas.replace(/[^\w.-]/g, '_')}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = raw.mentah;
    }),
    route('POST', '/sop/intake/eml', async (ctx, actor) => {
      const results = await uploadEmlFiles(strapi, actor, ctx.request.files);
      ctx.status = results.some((result) => result.hasil === 'baru') ? 201 : 200;
      ctx.body = { data: results };
    }),
    route('GET', '/sop/kriptogram/:documentId/isi', async (ctx, actor) => {
      const result = await readSalinanPlaintext(strapi, ctx.params.documentId, actor);
      if (result === 'not-found') throw new errors.NotFoundError('Salinan kriptogram ini belum ada.');
      if (result === 'forbidden') throw new errors.ForbiddenError('Hanya Sandiman yang ditugaskan dan Kasi yang berwenang membaca isi salinan.');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: result };
    }),
    route('GET', '/sop/agenda', async (ctx, actor) => {
      ctx.body = { data: bukuAgendaTersedia(strapi, actor) };
    }),
    route('GET', '/sop/agenda/:buku', (ctx, actor) => unduhAgenda(strapi, ctx, actor)),
    route('GET', '/sop/:model/:documentId/dokumen/:jenis', async (ctx, actor) => {
      requireReadableModel(strapi, ctx.params.model, actor);
      await unduhDokumen(strapi, ctx, actor);
    }),
  ];
};
