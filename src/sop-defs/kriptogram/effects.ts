import { errors } from '@strapi/utils';
import { parafOf } from '../../plugins/sop/server/src/index';
import { DEFAULT_LETTER_FORMAT, formatNumber, numberMoment } from '../../plugins/sop/server/src/engine/index';
import type { EffectHandler, LoadedRecord } from '../../plugins/sop/server/src/index';
import { localDate } from '../../domain/calendar';
import { sealSalinan } from './salinan';
import type { KriptogramRow } from './facts';
import { ringkasanSalinan } from '../ringkasan-salinan';

type SalinanInput = {
  perihal: string;
  isi?: string;
  berkas?: { nama: string; tipe: string; base64: string };
  penerima: { nama?: string; jabatan: string; kategori: string; saluran: string; alamat?: string }[];
  lampiran?: string;
};

const kriptogramRow = (record: LoadedRecord): KriptogramRow => record.row as unknown as KriptogramRow;

const salinanOf = (record: LoadedRecord) => {
  const salinan = kriptogramRow(record).salinan;
  if (!salinan) throw new errors.ApplicationError('Salinan belum dibuat.');
  return salinan;
};

/** Effects of the kriptogram SOP; classified text is sealed before it reaches the database. */
export const KRIPTOGRAM_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /** Steps 6–7: `{ tanda }` — the Sandiman's paraf (`parafSandiman`) or the Kasi's signature (`tandaTanganKasi`) on the salinan. */
  async recordSignature(effect, { strapi, record, actor, now }) {
    const salinan = salinanOf(record);
    await strapi.documents('api::salinan.salinan' as never).update({
      documentId: salinan.documentId,
      data: {
        [String(effect.tanda)]: parafOf(actor, now),
      } as never,
    });
  },

  /** A send-back (step 7) clears the salinan's paraf and signature. */
  async clearSignatures(_effect, { strapi, record }) {
    const salinan = salinanOf(record);
    await strapi.documents('api::salinan.salinan' as never).update({
      documentId: salinan.documentId,
      data: { parafSandiman: null, tandaTanganKasi: null } as never,
    });
  },

  async writeSalinan(effect, { strapi, record }) {
    const input = effect.salinan as SalinanInput;
    const kriptogram = kriptogramRow(record);
    const data = {
      perihal: input.perihal,
      klasifikasi: kriptogram.klasifikasi,
      isi: input.isi !== undefined && input.isi.trim() !== '' ? sealSalinan(strapi, input.isi) : null,
      berkas: input.berkas ? sealSalinan(strapi, input.berkas.base64.replace(/\s+/g, '')) : null,
      berkasNama: input.berkas ? sealSalinan(strapi, input.berkas.nama) : null,
      berkasTipe: input.berkas?.tipe ?? null,
      lampiran: input.lampiran ?? null,
      penerima: input.penerima.map(({ nama, jabatan, kategori, saluran, alamat }) => ({ nama, jabatan, kategori, saluran, alamat })),
      jumlahSalinan: input.penerima.length,
    };
    if (kriptogram.salinan) {
      await strapi.documents('api::salinan.salinan' as never).update({ documentId: kriptogram.salinan.documentId, data: data as never });
      return;
    }
    await strapi.documents('api::salinan.salinan' as never).create({ data: { ...data, kriptogram: kriptogram.id } as never });
  },

  /** Step 8: the number from the kriptogram agenda, a copy number per recipient, stamp and envelopes. */
  async numberSalinan(effect, { strapi, record }) {
    const kriptogram = kriptogramRow(record);
    const salinan = salinanOf(record);
    const checklist = effect.checklist as { cap: boolean; amplop: boolean; amplopRangkap?: boolean };
    const pattern = (strapi.config.get('meja-sandi.letterFormat') as string | undefined) ?? DEFAULT_LETTER_FORMAT;
    // Every part from the kriptogram's registration moment: the sequence is its agenda number,
    // so month and year are that entry's too (numbering on 1 January never yields .../I/<last year>).
    const registered = kriptogram.waktuAgenda ?? kriptogram.waktuDiterima;
    if (!kriptogram.urutAgenda || !kriptogram.tahunAgenda || !registered)
      throw new errors.ApplicationError('Kriptogram belum tercatat di buku agenda.');
    const moment = numberMoment(localDate(new Date(registered)));
    const nomor = formatNumber(pattern, {
      nomor: Number(kriptogram.urutAgenda),
      tahun: Number(kriptogram.tahunAgenda),
      bulan: moment.tahun === Number(kriptogram.tahunAgenda) ? moment.bulan : 1,
      kode: (strapi.config.get('meja-sandi.kodeKlasifikasiSalinan') as string | undefined) ?? '048',
    });
    await strapi.documents('api::salinan.salinan' as never).update({
      documentId: salinan.documentId,
      data: { nomor, capDinas: checklist.cap, amplopDisegel: checklist.amplop, amplopRangkap: checklist.amplopRangkap === true } as never,
    });
    if ((kriptogram.distribusi ?? []).length > 0) return;
    const total = salinan.penerima.length;
    for (const [index, penerima] of salinan.penerima.entries()) {
      await strapi.documents('api::distribusi.distribusi').create({
        data: {
          penerima: {
            nama: penerima.nama,
            jabatan: penerima.jabatan,
            kategori: penerima.kategori,
            saluran: penerima.saluran,
            alamat: penerima.alamat,
          },
          ...ringkasanSalinan(penerima, { nomorAgenda: kriptogram.nomorAgenda }, index + 1),
          nomorSurat: nomor,
          nomorSalinan: index + 1,
          jumlahSalinan: total,
          tahap: 'ditugaskan',
          versi: 0,
          kriptogram: kriptogram.id,
        } as never,
      });
    }
  },

  async archiveSalinan(_effect, { strapi, record }) {
    const salinan = salinanOf(record);
    await strapi.documents('api::salinan.salinan' as never).update({ documentId: salinan.documentId, data: { diarsipkan: true } as never });
  },
};
