import { createId } from '@paralleldrive/cuid2';
import { errors } from '@strapi/utils';
import { parafOf } from '../../plugins/sop/server/src/index';
import type { EffectHandler, LoadedRecord } from '../../plugins/sop/server/src/index';
import { announceCreated, insertRow, linkRow, requireActiveRole, requireAttributeRules, writeRecord } from '../../plugins/sop/server/src/index';
import { localDate } from '../../domain/calendar';
import { applyTextPolicy } from '../../domain/input';
import { inputRefused } from '../../input/document-policy';
import type { BeritaRow } from './facts';
import { ringkasanSalinan } from '../ringkasan-salinan';

const TINGKAT_FIELD: Record<string, 'parafKasi' | 'parafKabid' | 'parafKadis'> = {
  kasi: 'parafKasi',
  kabid: 'parafKabid',
  kadis: 'parafKadis',
};

const KARTU_UID = 'api::kartu-kendali.kartu-kendali';

const beritaRow = (record: LoadedRecord): BeritaRow => record.row as unknown as BeritaRow;

/** The berita's own effects (SOP "Penerimaan Berita Biasa Email Sanapati"); each runs inside the step's transaction. */
export const BERITA_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /** Step 3: `{ jumlah }` copies printed, one per recipient. */
  async setJumlahCetak(effect, { strapi, record }) {
    await writeRecord(strapi, 'api::berita.berita', record.id, { jumlahCetak: Number(effect.jumlah) });
  },

  /** Step 5: the kartu kendali (or, for a classified berita, the lembar pengantar) with the Operator's `isian`. */
  async createKartuKendali(effect, { strapi, trx, record, now }) {
    const berita = beritaRow(record);
    const isian = (effect.isian ?? {}) as Record<string, string | undefined>;
    const fields = {
      indeks: isian.indeks,
      kodeKlasifikasi: isian.kodeKlasifikasi,
      pengolah: isian.pengolah,
      catatan: isian.catatan,
    };
    // the text policy the document service's input-policy applies (a step may come from code, not only HTTP)
    const policed = applyTextPolicy(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)), ['data']);
    if (policed.problems.length > 0) throw inputRefused(policed.problems);
    const defined = policed.value as Record<string, string>;
    if (berita.kartuKendali) {
      await strapi.documents(KARTU_UID).update({ documentId: berita.kartuKendali.documentId, data: defined });
      return;
    }
    const rahasia = berita.sifat === 'rahasia' || berita.sifat === 'sangat_rahasia';
    // written straight into its table in the step's transaction (issue 14): the values are the
    // server's own and the step's checked input; the gate lets a step's writes pass anyway
    const stamp = new Date();
    const entry = {
      documentId: createId(),
      jenis: rahasia ? 'lembar_pengantar' : 'kartu_kendali',
      nomorUrut: record.nomorAgenda ?? berita.nomorAgenda ?? '',
      tanggal: localDate(now),
      isiRingkas: berita.isiRingkas ?? berita.perihal,
      lampiran: '',
      dari: berita.pengirim,
      kepada: 'Kepala Dinas Komunikasi dan Informatika',
      ...defined,
      createdAt: stamp,
      updatedAt: stamp,
      publishedAt: stamp,
    };
    requireAttributeRules(strapi, KARTU_UID, entry);
    const id = await insertRow(strapi, trx, KARTU_UID, entry);
    await linkRow(strapi, trx, KARTU_UID, 'berita', id, berita.id);
    await announceCreated(strapi, KARTU_UID, { id, ...entry });
  },

  /** Step 6: `{ tingkat }` — the acting person's paraf (kasi, kabid, kadis) on the kartu kendali. */
  async recordSignature(effect, { strapi, record, actor, now }) {
    const kartu = beritaRow(record).kartuKendali;
    if (!kartu) throw new errors.ApplicationError('Kartu kendali belum dibuat.');
    const field = TINGKAT_FIELD[String(effect.tingkat)];
    if (!field) throw new errors.ApplicationError(`Tingkat paraf "${String(effect.tingkat)}" tidak dikenal.`);
    await strapi.documents(KARTU_UID).update({
      documentId: kartu.documentId,
      data: {
        [field]: parafOf(actor, now),
      } as never,
    });
  },

  /** A send-back to `diperiksa` clears every paraf on the kartu kendali. */
  async clearSignatures(_effect, { strapi, record }) {
    const kartu = beritaRow(record).kartuKendali;
    if (!kartu) return;
    await strapi.documents(KARTU_UID).update({
      documentId: kartu.documentId,
      data: { parafKasi: null, parafKabid: null, parafKadis: null } as never,
    });
  },

  /** Steps 7–9: `{ caraka }` — one copy per recipient, all carried by that Caraka (refused 400 unless an active Caraka). */
  async createDistribusi(effect, { strapi, record }) {
    const berita = beritaRow(record);
    const caraka = await requireActiveRole(strapi, effect.caraka, 'caraka');
    if ((berita.distribusi ?? []).length > 0) return;
    const total = berita.penerima.length;
    for (const [index, penerima] of berita.penerima.entries()) {
      await strapi.documents('api::distribusi.distribusi').create({
        data: {
          penerima: {
            nama: penerima.nama,
            jabatan: penerima.jabatan,
            kategori: penerima.kategori,
            saluran: penerima.saluran,
            alamat: penerima.alamat,
          },
          ...ringkasanSalinan(penerima, { nomorAgenda: record.nomorAgenda ?? berita.nomorAgenda, perihal: berita.perihal }, index + 1),
          nomorSalinan: index + 1,
          jumlahSalinan: total,
          tahap: 'ditugaskan',
          versi: 0,
          carakaId: caraka.id,
          carakaNama: caraka.name,
          berita: berita.id,
        } as never,
      });
    }
  },
};
