import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { inputDigest } from '../../../plugins/sop/server/src/engine/index';
import { loadActor, appendAudit, now as clockNow, keepRefusalMessages } from '../../../plugins/sop/server/src/index';
import { generateKodeLacak, hashKodeLacak } from './kode-lacak';
import { pengaduanSettings } from './settings';
import { UID_PENGADUAN } from './surat';
import { cabutKodeTurunan } from './idempotensi';

/**
 * `POST /sop/pengaduan/:documentId/kode-lacak`: a new tracking code for a complaint
 * taken by telephone or in person (or a lost code). The old code stops working; the
 * new one is shown once, to the complaint staff only, and the audit trail records who.
 * Throws ForbiddenError (not complaint staff) or NotFoundError (no such complaint).
 */
export const pengaduanAdminRoutes = (strapi: Core.Strapi) => [
  {
    method: 'POST',
    path: '/sop/pengaduan/:documentId/kode-lacak',
    handler: keepRefusalMessages(async (ctx: Context) => {
      const userId = (ctx.state.user as { id?: unknown } | undefined)?.id;
      const actor = typeof userId === 'number' ? await loadActor(strapi, userId) : null;
      if (!actor) throw new errors.ForbiddenError('Akun Anda tidak aktif atau tidak dikenal.');
      if (!actor.isSuperAdmin && !actor.roles.some((role) => role === 'petugasPengaduan' || role === 'pejabatPengaduan')) {
        throw new errors.ForbiddenError('Hanya petugas atau pejabat pengaduan yang dapat menerbitkan kode lacak.');
      }
      const documentId = String(ctx.params.documentId ?? '');
      const settings = pengaduanSettings(strapi);
      const kodeLacak = generateKodeLacak();
      const result = await strapi.db.transaction(async ({ trx }) => {
        const row = (await strapi.db.query(UID_PENGADUAN).findOne({ where: { documentId }, select: ['id', 'nomorTiket', 'tahap'] })) as {
          id: number;
          nomorTiket: string | null;
          tahap: string;
        } | null;
        if (!row?.nomorTiket) return null;
        await strapi.db
          .query(UID_PENGADUAN)
          .update({ where: { id: row.id }, data: { kodeLacakHash: hashKodeLacak(settings, documentId, kodeLacak) } });
        await cabutKodeTurunan(trx, row.nomorTiket);
        await appendAudit(trx, {
          model: 'pengaduan',
          documentId,
          dari: row.tahap,
          ke: row.tahap,
          aktorId: actor.id,
          aktorNama: actor.name,
          aktorPeran: actor.peran,
          waktu: clockNow().toISOString(),
          catatan: 'Kode lacak baru diterbitkan; kode sebelumnya tidak berlaku lagi.',
          digest: inputDigest(null),
        });
        return row.nomorTiket;
      });
      if (!result) throw new errors.NotFoundError('Pengaduan tidak ditemukan.');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { nomorTiket: result, kodeLacak } };
    }),
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  },
];
