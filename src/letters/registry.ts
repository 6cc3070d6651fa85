import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fileSafe } from '../plugins/sop/server/src/engine/index';
import { DISTRIBUSI_WITHOUT_LETTER } from '../domain/roles';
import {
  cetakBeritaTersedia,
  dataCetakBerita,
  dataKartuKendali,
  dataLembarPengantar,
  dataTandaTerima,
  kartuKendaliTersedia,
  tandaTerimaTersedia,
  type TemplateData,
} from '../domain/letters/berita';
import {
  barisKriptogramMasuk,
  barisSuratMasuk,
  KOLOM_KRIPTOGRAM_MASUK,
  KOLOM_SURAT_MASUK,
  type BarisAgenda,
  type BeritaAgendaSumber,
  type KolomAgenda,
  type KriptogramAgendaSumber,
} from '../domain/letters/agenda';
import { isRahasia } from '../domain/letters/format';
import type { DataUmum } from '../domain/letters/kop';
import { BERITA_STATES } from '../sop-defs/berita/workflow';
import { tahapLabelOf } from '../sop-defs';
import type { StaffActor } from '../plugins/sop/server/src/index';
import { dataResi, dataSalinan, dataSuratPengantar, resiTersedia, salinanTersedia } from '../domain/letters/kriptogram';
import { mayReadPlaintext } from '../domain/berkas';
import { readSalinanPlaintext } from '../sop-defs/kriptogram/salinan';
import { ConflictError } from '../plugins/sop/server/src/index';
import { dataSurat, JENIS_SURAT, SURAT, type JenisSurat } from '../domain/letters/surat';
import type { TandaPejabat } from '../domain/letters/kop';
import { sopRegistryOf } from '../plugins/sop/server/src/index';
import {
  beritaCetakDari,
  muatBerita,
  muatDistribusi,
  muatKriptogram,
  muatTerikat,
  type BeritaCetak,
  type DistribusiCetak,
  type KriptogramCetak,
  type Sumber,
  type TerikatCetak,
} from './sources';

/** Read access a document needs: a content type, and the fields it prints (omitted: every field). */
export type Akses = { uid: string; fields?: readonly string[] };

export type Konteks = { strapi: Core.Strapi; actor: StaffActor };

/** How one document is made from one kind of record. */
export type Binding<S extends Sumber> = {
  muat: (strapi: Core.Strapi, documentId: string) => Promise<S | null>;
  /**
   * The same source from the row the record's SOP loader read (the record view's `record.row`),
   * when that loader reads the relations `muat` reads; omitted: the view reads with `muat`.
   */
  dariRekaman?: (strapi: Core.Strapi, row: Record<string, unknown>) => S;
  baca: readonly Akses[];
  /** need to know beyond the role's read grant: null when allowed, else why not (403) */
  izin?: (sumber: S, actor: StaffActor) => string | null;
  /** null when the document exists at the record's tahap, else why not (409) */
  tersedia: (sumber: S) => string | null;
  /** the template's values; may throw ForbiddenError (no need to know) or ConflictError (not ready yet) */
  data: (sumber: S, umum: DataUmum, konteks: Konteks) => TemplateData | Promise<TemplateData>;
  /** the file name without extension: `kartu-kendali-0012-2026` */
  namaBerkas: (sumber: S) => string;
  /** classified: each download is written to the audit trail */
  rahasia: (sumber: S) => boolean;
  /** how many copies (pages) the document prints for this record, shown on the panel's button; omitted: one */
  jumlah?: (sumber: S) => number;
};

export type JenisDokumen = {
  judul: string;
  /** the panel's print button, e.g. "Cetak kartu kendali" (the copy count is added when more than one) */
  tombol: string;
  template: string;
  /** one page per copy (recipient) */
  perSalinan: boolean;
  model: Readonly<Record<string, Binding<Sumber>>>;
  /** how the document is made for a workflow bound without code (`model` then names none): see bindingDokumen */
  terikat?: (model: string, uid: string) => Binding<Sumber>;
};

/** Erases a binding's record type for the registry; `muat` produces what the others consume. */
const bind = <S extends Sumber>(binding: Binding<S>): Binding<Sumber> => binding as unknown as Binding<Sumber>;

const BERITA_UID = 'api::berita.berita';
const DISTRIBUSI_UID = 'api::distribusi.distribusi';
const nomorBerkas = (nomorAgenda: string | null, documentId: string): string => (nomorAgenda ? fileSafe(nomorAgenda) : documentId);
const beritaBerkas = (jenis: string) => (sumber: BeritaCetak) => `${jenis}-${nomorBerkas(sumber.berita.nomorAgenda, sumber.documentId)}`;
const beritaRahasia = (sumber: { sifat: BeritaCetak['sifat'] }) => isRahasia(sumber.sifat);

/** The berita fields a tanda terima prints: what the Caraka carrying the copies may read. */
const TANDA_TERIMA_FIELDS = ['nomorAgenda', 'perihal', 'tahap', 'sifat', 'derajatKecepatan', 'penerima'] as const;

const KRIPTOGRAM_UID = 'api::kriptogram.kriptogram';
const SALINAN_UID = 'api::salinan.salinan';
const kriptogramBerkas = (jenis: string) => (sumber: KriptogramCetak) => `${jenis}-${nomorBerkas(sumber.kriptogram.nomorAgenda, sumber.documentId)}`;

/** Rahasia and Sangat Rahasia: only those who may read the plaintext (the assigned Sandiman, the Kasi). */
const perluTahu =
  (judul: string, selalu = false) =>
  (sumber: { sifat: KriptogramCetak['sifat']; kriptogram: KriptogramCetak['kriptogram'] }, actor: StaffActor): string | null =>
    (selalu || isRahasia(sumber.sifat)) && !mayReadPlaintext(actor, sumber.kriptogram.sandimanId)
      ? `${judul} ini hanya untuk Sandiman yang ditugaskan dan Kepala Seksi Persandian dan Keamanan Informasi.`
      : null;

/** The kriptogram fields a resi prints: what a Caraka carrying the envelope may read. */
const RESI_FIELDS = ['nomorAgenda', 'klasifikasi', 'derajatKecepatan', 'tahap'] as const;
const KRIPTOGRAM_FIELDS = [
  'nomorAgenda',
  'nomorKriptogram',
  'asal',
  'waktuDiterima',
  'klasifikasi',
  'derajatKecepatan',
  'sandimanNama',
  'tahap',
] as const;
/** Salinan metadata the pengantar and the salinan print (the text itself comes through need to know). */
const SALINAN_FIELDS = ['nomor', 'perihal', 'klasifikasi', 'lampiran', 'penerima', 'jumlahSalinan', 'parafSandiman', 'tandaTanganKasi'] as const;

/**
 * A letter `buatSurat` issues (src/sop-defs/surat.ts) for a record of any workflow bound without
 * code: the record's read grant (the roles its workflow names), available once its step issued
 * this letter (else 409 naming that step), filled from the fields the step named.
 */
const suratTerikat =
  (jenis: JenisSurat) =>
  (model: string, uid: string): Binding<Sumber> => {
    const { judul } = SURAT[jenis];
    const terbitOf = (sumber: TerikatCetak) => (Object.prototype.hasOwnProperty.call(sumber.terbit, jenis) ? sumber.terbit[jenis] : undefined);
    const belum = (sumber: TerikatCetak): string => {
      const langkah = sumber.langkahTerbit.map((label) => `"${label}"`).join(' atau ');
      return `${judul} naskah ini belum diterbitkan${langkah ? `: diterbitkan pada langkah ${langkah}` : ''}. Tahap sekarang: ${sumber.tahapLabel}.`;
    };
    return bind<TerikatCetak>({
      muat: muatTerikat(model, uid),
      baca: [{ uid }],
      tersedia: (sumber) => (terbitOf(sumber) ? null : belum(sumber)),
      data: (sumber, umum) => {
        const terbit = terbitOf(sumber);
        if (!terbit) throw new ConflictError(belum(sumber));
        const field = (name: string | null) => (name && Object.prototype.hasOwnProperty.call(sumber.row, name) ? sumber.row[name] : null);
        const paraf = (field('paraf') ?? {}) as Record<string, TandaPejabat>;
        return dataSurat(
          {
            nomorAgenda: typeof sumber.row.nomorAgenda === 'string' ? sumber.row.nomorAgenda : null,
            sifat: sumber.sifat,
            // the values as issued (a later edit never reaches a signed letter); older letters: the present ones
            perihal: terbit.nilai ? terbit.nilai.perihal : field(terbit.perihal),
            isi: terbit.nilai ? terbit.nilai.isi : field(terbit.isi),
            penerima: terbit.nilai ? terbit.nilai.penerima : field(terbit.penerima),
            paraf: Object.prototype.hasOwnProperty.call(paraf, terbit.paraf) ? paraf[terbit.paraf] : null,
            terbit,
          },
          umum
        );
      },
      namaBerkas: (sumber) =>
        `${jenis}-${nomorBerkas(typeof sumber.row.nomorAgenda === 'string' ? sumber.row.nomorAgenda : null, sumber.documentId)}`,
      rahasia: (sumber) => isRahasia(sumber.sifat),
    });
  };

/** The DOKUMEN entries of the named letters (domain/letters/surat.ts SURAT), one per name. */
const SURAT_DOKUMEN: Readonly<Record<string, JenisDokumen>> = Object.fromEntries(
  JENIS_SURAT.map((jenis) => [
    jenis,
    {
      judul: SURAT[jenis].judul,
      tombol: SURAT[jenis].tombol,
      template: SURAT[jenis].template,
      perSalinan: false,
      model: {},
      terikat: suratTerikat(jenis),
    },
  ])
);

/**
 * Every document Meja Sandi prints, by the `:jenis` of
 * `GET /sop/:model/:documentId/dokumen/:jenis`, and how each kind of record fills it; the named
 * letters of workflows bound without code last (SURAT_DOKUMEN).
 */
export const DOKUMEN: Readonly<Record<string, JenisDokumen>> = {
  'kartu-kendali': {
    judul: 'Kartu kendali',
    tombol: 'Cetak kartu kendali',
    template: 'kartu-kendali.docx',
    perSalinan: false,
    model: {
      berita: bind<BeritaCetak>({
        muat: muatBerita,
        dariRekaman: beritaCetakDari,
        baca: [{ uid: BERITA_UID }, { uid: 'api::kartu-kendali.kartu-kendali' }],
        tersedia: (sumber) => kartuKendaliTersedia(sumber.berita),
        data: (sumber, umum) => dataKartuKendali(sumber.berita, umum),
        namaBerkas: beritaBerkas('kartu-kendali'),
        rahasia: beritaRahasia,
      }),
    },
  },
  'lembar-pengantar': {
    judul: 'Lembar pengantar',
    tombol: 'Cetak lembar pengantar',
    template: 'lembar-pengantar.docx',
    perSalinan: false,
    model: {
      berita: bind<BeritaCetak>({
        muat: muatBerita,
        dariRekaman: beritaCetakDari,
        baca: [{ uid: BERITA_UID }, { uid: 'api::kartu-kendali.kartu-kendali' }],
        tersedia: (sumber) => kartuKendaliTersedia(sumber.berita),
        data: (sumber, umum) => dataLembarPengantar(sumber.berita, umum),
        namaBerkas: beritaBerkas('lembar-pengantar'),
        rahasia: beritaRahasia,
      }),
    },
  },
  'tanda-terima': {
    judul: 'Tanda terima',
    tombol: 'Cetak tanda terima',
    template: 'tanda-terima.docx',
    perSalinan: true,
    model: {
      berita: bind<BeritaCetak>({
        muat: muatBerita,
        dariRekaman: beritaCetakDari,
        baca: [
          { uid: BERITA_UID, fields: TANDA_TERIMA_FIELDS },
          { uid: DISTRIBUSI_UID, fields: DISTRIBUSI_WITHOUT_LETTER },
        ],
        tersedia: (sumber) => tandaTerimaTersedia(sumber.berita),
        data: (sumber, umum) => dataTandaTerima(sumber.berita, umum),
        namaBerkas: beritaBerkas('tanda-terima'),
        rahasia: beritaRahasia,
        jumlah: (sumber) => sumber.berita.distribusi.length,
      }),
      distribusi: bind<DistribusiCetak>({
        muat: muatDistribusi,
        baca: [
          { uid: BERITA_UID, fields: TANDA_TERIMA_FIELDS },
          { uid: DISTRIBUSI_UID, fields: DISTRIBUSI_WITHOUT_LETTER },
        ],
        tersedia: (sumber) => (sumber.induk ? null : 'Salinan ini bukan salinan berita biasa: tanda terimanya adalah resi (dokumen "resi").'),
        data: (sumber, umum) => dataTandaTerima(sumber.induk!.berita, umum, sumber.documentId),
        namaBerkas: (sumber) => {
          const copy = sumber.induk?.berita.distribusi.find((one) => one.documentId === sumber.documentId);
          return `tanda-terima-${nomorBerkas(sumber.induk?.berita.nomorAgenda ?? null, sumber.induk?.documentId ?? sumber.documentId)}-salinan-${copy?.nomorSalinan ?? 1}`;
        },
        rahasia: beritaRahasia,
      }),
    },
  },
  'surat-pengantar': {
    judul: 'Surat pengantar',
    tombol: 'Cetak surat pengantar',
    template: 'surat-pengantar.docx',
    perSalinan: false,
    model: {
      kriptogram: bind<KriptogramCetak>({
        muat: muatKriptogram,
        baca: [
          { uid: KRIPTOGRAM_UID, fields: KRIPTOGRAM_FIELDS },
          { uid: SALINAN_UID, fields: SALINAN_FIELDS },
        ],
        izin: perluTahu('Surat pengantar'),
        tersedia: (sumber) => salinanTersedia(sumber.kriptogram),
        data: (sumber, umum) => dataSuratPengantar(sumber.kriptogram, umum),
        namaBerkas: kriptogramBerkas('surat-pengantar'),
        rahasia: (sumber) => isRahasia(sumber.sifat),
      }),
    },
  },
  salinan: {
    judul: 'Salinan',
    tombol: 'Cetak salinan',
    template: 'salinan.docx',
    perSalinan: true,
    model: {
      kriptogram: bind<KriptogramCetak>({
        muat: muatKriptogram,
        baca: [
          { uid: KRIPTOGRAM_UID, fields: KRIPTOGRAM_FIELDS },
          { uid: SALINAN_UID, fields: SALINAN_FIELDS },
        ],
        izin: perluTahu('Salinan', true),
        tersedia: (sumber) => salinanTersedia(sumber.kriptogram),
        data: async (sumber, umum, { strapi, actor }) => {
          const isi = await readSalinanPlaintext(strapi, sumber.documentId, actor);
          if (isi === 'forbidden') throw new errors.ForbiddenError('Hanya Sandiman yang ditugaskan dan Kasi yang berwenang membaca isi salinan.');
          if (isi === 'not-found') throw new ConflictError('Salinan kriptogram ini belum diketik.');
          return dataSalinan(sumber.kriptogram, isi, umum);
        },
        namaBerkas: kriptogramBerkas('salinan'),
        // the plaintext: every download is on record, whatever the classification
        rahasia: () => true,
      }),
    },
  },
  resi: {
    judul: 'Resi',
    tombol: 'Cetak resi',
    template: 'resi.docx',
    perSalinan: true,
    model: {
      kriptogram: bind<KriptogramCetak>({
        muat: muatKriptogram,
        baca: [
          { uid: KRIPTOGRAM_UID, fields: RESI_FIELDS },
          { uid: DISTRIBUSI_UID, fields: DISTRIBUSI_WITHOUT_LETTER },
        ],
        izin: perluTahu('Resi'),
        tersedia: (sumber) => resiTersedia(sumber.kriptogram),
        data: (sumber, umum) => dataResi(sumber.kriptogram, umum),
        namaBerkas: kriptogramBerkas('resi'),
        rahasia: (sumber) => isRahasia(sumber.sifat),
        jumlah: (sumber) => sumber.kriptogram.distribusi.length,
      }),
      distribusi: bind<DistribusiCetak>({
        muat: muatDistribusi,
        baca: [
          { uid: KRIPTOGRAM_UID, fields: RESI_FIELDS },
          { uid: DISTRIBUSI_UID, fields: DISTRIBUSI_WITHOUT_LETTER },
        ],
        izin: (sumber, actor) => (sumber.indukKriptogram ? perluTahu('Resi')(sumber.indukKriptogram, actor) : null),
        tersedia: (sumber) =>
          sumber.indukKriptogram ? null : 'Salinan ini bukan salinan kriptogram: tanda terimanya adalah dokumen "tanda-terima".',
        data: (sumber, umum) => dataResi(sumber.indukKriptogram!.kriptogram, umum, sumber.documentId),
        namaBerkas: (sumber) => {
          const kriptogram = sumber.indukKriptogram?.kriptogram;
          const copy = kriptogram?.distribusi.find((one) => one.documentId === sumber.documentId);
          return `resi-${nomorBerkas(kriptogram?.nomorAgenda ?? null, kriptogram?.documentId ?? sumber.documentId)}-salinan-${copy?.nomorSalinan ?? 1}`;
        },
        rahasia: (sumber) => isRahasia(sumber.sifat),
      }),
    },
  },
  berita: {
    judul: 'Berita (satu salinan per penerima)',
    tombol: 'Cetak berita',
    template: 'berita.docx',
    perSalinan: true,
    model: {
      berita: bind<BeritaCetak>({
        muat: muatBerita,
        dariRekaman: beritaCetakDari,
        baca: [{ uid: BERITA_UID }],
        tersedia: (sumber) => cetakBeritaTersedia(sumber.berita),
        data: (sumber, umum) => dataCetakBerita(sumber.berita, umum),
        namaBerkas: beritaBerkas('berita'),
        rahasia: beritaRahasia,
        jumlah: (sumber) => sumber.berita.penerima.length,
      }),
    },
  },
  ...SURAT_DOKUMEN,
};

/**
 * How document `dokumen` is made for records of workflow `model`: its own binding for that model,
 * else — for a workflow bound without code, whose type carries the engine's `suratTerbit` — its
 * `terikat` binding. Undefined when it does not apply to `model`.
 */
export const bindingDokumen = (strapi: Core.Strapi, dokumen: JenisDokumen, model: string): Binding<Sumber> | undefined => {
  if (Object.prototype.hasOwnProperty.call(dokumen.model, model)) return dokumen.model[model];
  const uid = dokumen.terikat ? sopRegistryOf(strapi).sop(model)?.uid : undefined;
  const type = uid ? (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> } | undefined>)[uid] : undefined;
  return uid && type?.attributes.suratTerbit ? dokumen.terikat?.(model, uid) : undefined;
};

export const jenisDokumen = (jenis: string): JenisDokumen | undefined =>
  Object.prototype.hasOwnProperty.call(DOKUMEN, jenis) ? DOKUMEN[jenis] : undefined;

// ── buku agenda ──

export type BatasWaktu = { mulai: Date; sebelum: Date };

export type BukuAgenda = {
  judul: string;
  uid: string;
  template: string;
  kolom: readonly KolomAgenda[];
  baca: Akses;
  baris: (strapi: Core.Strapi, batas: BatasWaktu) => Promise<BarisAgenda[]>;
};

/**
 * An entry belongs to the period that holds its registration moment (`waktuAgenda`, read in
 * WIB), not its receipt: a berita received 31 Desember 23.50 and registered 1 Januari 00.10
 * is `0001/<new year>` and is listed in the new year's book. So the book of a year lists
 * exactly the numbers of that year. Entries numbered before `waktuAgenda` was recorded fall
 * back to their receipt time.
 */
const inRange = (batas: BatasWaktu) => ({
  nomorAgenda: { $notNull: true },
  $or: [
    { waktuAgenda: { $gte: batas.mulai, $lt: batas.sebelum } },
    { waktuAgenda: { $null: true }, waktuDiterima: { $gte: batas.mulai, $lt: batas.sebelum } },
  ],
});

/** The agenda books, by the `:buku` of `GET /sop/agenda/:buku`. */
export const BUKU_AGENDA: Readonly<Record<string, BukuAgenda>> = {
  'surat-masuk': {
    judul: 'Buku agenda surat masuk',
    uid: BERITA_UID,
    template: 'agenda-surat-masuk.docx',
    kolom: KOLOM_SURAT_MASUK,
    baca: {
      uid: BERITA_UID,
      fields: ['nomorAgenda', 'waktuDiterima', 'nomorSurat', 'tanggalSurat', 'pengirim', 'perihal', 'sifat', 'derajatKecepatan', 'penerima', 'tahap'],
    },
    baris: async (strapi, batas) => {
      const rows = (await strapi.db.query(BERITA_UID).findMany({
        where: inRange(batas),
        populate: { penerima: true },
      })) as (Omit<BeritaAgendaSumber, 'tahapLabel' | 'waktuDiterima'> & { waktuDiterima: string | Date | null })[];
      return barisSuratMasuk(
        rows.map((row) => ({
          ...row,
          waktuDiterima: row.waktuDiterima instanceof Date ? row.waktuDiterima.toISOString() : row.waktuDiterima,
          tanggalSurat: row.tanggalSurat ? String(row.tanggalSurat).slice(0, 10) : null,
          penerima: row.penerima ?? [],
          tahapLabel: BERITA_STATES.find((state) => state.key === row.tahap)?.label ?? row.tahap,
        }))
      );
    },
  },
  'kriptogram-masuk': {
    judul: 'Buku agenda kriptogram masuk',
    uid: 'api::kriptogram.kriptogram',
    template: 'agenda-kriptogram-masuk.docx',
    kolom: KOLOM_KRIPTOGRAM_MASUK,
    baca: {
      uid: 'api::kriptogram.kriptogram',
      fields: ['nomorAgenda', 'waktuDiterima', 'nomorKriptogram', 'asal', 'klasifikasi', 'derajatKecepatan', 'sandimanNama', 'tahap'],
    },
    baris: async (strapi, batas) => {
      const rows = (await strapi.db.query('api::kriptogram.kriptogram' as never).findMany({ where: inRange(batas) })) as (Omit<
        KriptogramAgendaSumber,
        'tahapLabel' | 'waktuDiterima'
      > & { waktuDiterima: string | Date | null })[];
      return barisKriptogramMasuk(
        rows.map((row) => ({
          ...row,
          waktuDiterima: row.waktuDiterima instanceof Date ? row.waktuDiterima.toISOString() : row.waktuDiterima,
          tahapLabel: tahapLabelOf(strapi, 'kriptogram', row),
        }))
      );
    },
  },
};

export const bukuAgenda = (buku: string): BukuAgenda | undefined =>
  Object.prototype.hasOwnProperty.call(BUKU_AGENDA, buku) ? BUKU_AGENDA[buku] : undefined;
