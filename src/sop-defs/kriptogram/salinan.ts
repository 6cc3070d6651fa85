import type { Core } from '@strapi/strapi';
import { mayReadPlaintext } from '../../domain/berkas';
import { decryptSalinan, encryptSalinan, isCurrent, parseSalinanKeys, type SalinanKey } from '../../domain/salinan-crypto';
import type { StaffActor } from '../../plugins/sop/server/src/index';
import { appendAudit, now as clockNow } from '../../plugins/sop/server/src/index';

export const salinanKeys = (strapi: Core.Strapi): SalinanKey[] =>
  parseSalinanKeys((strapi.config.get('meja-sandi.salinanKeys') as string[] | undefined) ?? []);

export const sealSalinan = (strapi: Core.Strapi, plaintext: string): string => encryptSalinan(plaintext, salinanKeys(strapi));

type SalinanRow = {
  id: number;
  documentId: string;
  perihal: string | null;
  isi: string | null;
  berkas: string | null;
  berkasNama: string | null;
  berkasTipe: string | null;
  kriptogram: { documentId: string; tahap: string; sandimanId: number | null; klasifikasi: string } | null;
};

export type SalinanPlaintext = {
  salinanDocumentId: string;
  perihal: string | null;
  isi: string | null;
  berkas: { nama: string; tipe: string; base64: string } | null;
};

/**
 * The plaintext of a kriptogram's salinan for an actor who may read it, with an audit
 * row for the read in the same transaction. Returns 'forbidden' / 'not-found' otherwise.
 */
export const readSalinanPlaintext = async (
  strapi: Core.Strapi,
  kriptogramDocumentId: string,
  actor: StaffActor,
  purpose = 'isi_dibaca'
): Promise<SalinanPlaintext | 'forbidden' | 'not-found'> =>
  strapi.db.transaction(async ({ trx }) => {
    const row = (await strapi.db.query('api::salinan.salinan').findOne({
      where: { kriptogram: { documentId: kriptogramDocumentId } },
      populate: { kriptogram: { select: ['documentId', 'tahap', 'sandimanId', 'klasifikasi'] } },
    })) as SalinanRow | null;
    if (!row || !row.kriptogram) return 'not-found';
    if (!mayReadPlaintext(actor, row.kriptogram.sandimanId)) return 'forbidden';
    const keys = salinanKeys(strapi);
    const plaintext: SalinanPlaintext = {
      salinanDocumentId: row.documentId,
      perihal: row.perihal,
      isi: row.isi ? decryptSalinan(row.isi, keys) : null,
      berkas: row.berkas
        ? {
            nama: row.berkasNama ? decryptSalinan(row.berkasNama, keys) : 'berkas',
            tipe: row.berkasTipe ?? 'application/octet-stream',
            base64: decryptSalinan(row.berkas, keys),
          }
        : null,
    };
    await appendAudit(trx, {
      model: 'kriptogram',
      documentId: kriptogramDocumentId,
      dari: row.kriptogram.tahap,
      ke: purpose,
      aktorId: actor.id,
      aktorNama: actor.name,
      aktorPeran: actor.peran,
      waktu: clockNow().toISOString(),
      catatan: `Isi salinan dibaca (${row.kriptogram.klasifikasi}).`,
      digest: '-',
    });
    return plaintext;
  });

/**
 * Key rotation: re-encrypts every salinan field still under an older key with the
 * current (first) key of SALINAN_KEY. Returns how many records changed.
 */
export const reencryptSalinan = async (strapi: Core.Strapi): Promise<{ diperiksa: number; dienkripsiUlang: number }> => {
  const keys = salinanKeys(strapi);
  const rows = (await strapi.db.query('api::salinan.salinan').findMany({ select: ['id', 'isi', 'berkas', 'berkasNama'] })) as Pick<
    SalinanRow,
    'id' | 'isi' | 'berkas' | 'berkasNama'
  >[];
  let changed = 0;
  for (const row of rows) {
    const update: Record<string, string> = {};
    for (const field of ['isi', 'berkas', 'berkasNama'] as const) {
      const value = row[field];
      if (value && !isCurrent(value, keys)) update[field] = encryptSalinan(decryptSalinan(value, keys), keys);
    }
    if (Object.keys(update).length > 0) {
      await strapi.db.query('api::salinan.salinan').update({ where: { id: row.id }, data: update });
      changed += 1;
    }
  }
  return { diperiksa: rows.length, dienkripsiUlang: changed };
};
