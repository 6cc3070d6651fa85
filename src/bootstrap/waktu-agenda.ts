import type { Core } from '@strapi/strapi';
import { AUDIT_TABLE } from '../plugins/sop/server/src/index';

const BOOKS: readonly { model: string; uid: string }[] = [
  { model: 'berita', uid: 'api::berita.berita' },
  { model: 'kriptogram', uid: 'api::kriptogram.kriptogram' },
];

/**
 * Entries numbered before `waktuAgenda` was recorded get it from their first `diagendakan`
 * audit row (the registration moment), so books and salinan numbers read the same moment
 * for old and new entries. Runs at bootstrap; touches only numbered rows without it.
 * Returns how many rows it filled.
 */
export const backfillWaktuAgenda = async (strapi: Core.Strapi): Promise<number> => {
  let filled = 0;
  for (const { model, uid } of BOOKS) {
    const missing = (await strapi.db.query(uid as never).findMany({
      where: { nomorAgenda: { $notNull: true }, waktuAgenda: { $null: true } },
      select: ['id', 'documentId'],
    })) as { id: number; documentId: string }[];
    if (missing.length === 0) continue;
    const registered = new Map<string, string>();
    // in chunks: SQLite takes at most 999 bound values per statement
    for (let start = 0; start < missing.length; start += 500) {
      const audit = (await strapi.db
        .connection(AUDIT_TABLE)
        .select('document_id')
        .min({ waktu: 'waktu' })
        .where({ model, ke: 'diagendakan' })
        .whereIn(
          'document_id',
          missing.slice(start, start + 500).map((row) => row.documentId)
        )
        .groupBy('document_id')) as { document_id: string; waktu: string }[];
      for (const row of audit) registered.set(row.document_id, row.waktu);
    }
    for (const row of missing) {
      const waktu = registered.get(row.documentId);
      if (!waktu) continue;
      await strapi.db.query(uid as never).update({ where: { id: row.id }, data: { waktuAgenda: waktu } });
      filled += 1;
    }
  }
  if (filled > 0) strapi.log.info(`[agenda] waktu diagendakan diisi dari jejak audit untuk ${filled} naskah lama.`);
  return filled;
};
