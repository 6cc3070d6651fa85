import type { Core } from '@strapi/strapi';
import { asSifat, type Sifat } from '../domain/letters/format';
import type { BeritaSumber, KartuKendaliSumber, PenerimaSumber, SalinanSumber } from '../domain/letters/berita';
import type { InstansiData } from '../domain/letters/kop';
import type { KriptogramSumber } from '../domain/letters/kriptogram';
import type { SuratTerbit } from '../domain/letters/surat';
import { sopRegistryOf } from '../plugins/sop/server/src/index';
import { tahapLabelOf } from '../sop-defs';
import type { LogoMedia } from './logo';

/** What every printable record tells the download route: its state and its classification. */
export type Sumber = { model: string; documentId: string; tahap: string; sifat: Sifat };

export type InstansiRow = InstansiData & { logo?: LogoMedia };

export const muatInstansi = async (strapi: Core.Strapi): Promise<InstansiRow> =>
  ((await strapi.db.query('api::instansi.instansi').findOne({
    populate: { logo: true, kepalaDinas: true, kepalaBidang: true, kepalaSeksi: true },
  })) as InstansiRow | null) ?? {};

type DistribusiDbRow = {
  documentId: string;
  nomorSalinan: number | null;
  jumlahSalinan: number | null;
  tahap: string;
  penerima: PenerimaSumber | null;
  carakaNama: string | null;
  diterimaOleh: string | null;
  waktuDiterima: string | Date | null;
  catatan: string | null;
};

type BeritaDbRow = {
  documentId: string;
  tahap: string;
  nomorAgenda: string | null;
  perihal: string;
  pengirim: string;
  nomorSurat: string | null;
  tanggalSurat: string | null;
  waktuDiterima: string | Date | null;
  isiRingkas: string | null;
  sifat: string | null;
  derajatKecepatan: string | null;
  penerima: PenerimaSumber[] | null;
  kartuKendali: (Omit<KartuKendaliSumber, 'tanggal'> & { tanggal: string | Date | null }) | null;
  distribusi: DistribusiDbRow[] | null;
};

const iso = (value: string | Date | null | undefined): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

const salinanSumber = (row: DistribusiDbRow): SalinanSumber => ({
  documentId: row.documentId,
  nomorSalinan: row.nomorSalinan ?? null,
  jumlahSalinan: row.jumlahSalinan ?? null,
  tahap: row.tahap,
  penerima: row.penerima ?? null,
  carakaNama: row.carakaNama ?? null,
  diterimaOleh: row.diterimaOleh ?? null,
  waktuDiterima: iso(row.waktuDiterima),
  catatan: row.catatan ?? null,
});

export type BeritaCetak = Sumber & { berita: BeritaSumber };

/** A berita with its recipients, kartu kendali (with paraf) and copies. */
export const muatBerita = async (strapi: Core.Strapi, documentId: string): Promise<BeritaCetak | null> => {
  const row = (await strapi.db.query('api::berita.berita').findOne({
    where: { documentId },
    populate: {
      penerima: true,
      kartuKendali: { populate: { parafKasi: true, parafKabid: true, parafKadis: true } },
      distribusi: { populate: { penerima: true } },
    },
  })) as BeritaDbRow | null;
  return row ? beritaCetakDari(strapi, row as unknown as Record<string, unknown>) : null;
};

/**
 * {@link muatBerita} from a berita row already read with the same relations (recipients, kartu
 * kendali with its paraf, copies with their recipient) — the SOP loader's row (`loadBerita`),
 * which the record view hands its extensions — without reading it again.
 */
export const beritaCetakDari = (strapi: Core.Strapi, stored: Record<string, unknown>): BeritaCetak => {
  const row = stored as unknown as BeritaDbRow;
  const sifat = asSifat(row.sifat);
  const kartu = row.kartuKendali;
  const berita: BeritaSumber = {
    documentId: row.documentId,
    tahap: row.tahap,
    tahapLabel: tahapLabelOf(strapi, 'berita', row),
    nomorAgenda: row.nomorAgenda ?? null,
    perihal: row.perihal,
    pengirim: row.pengirim,
    nomorSurat: row.nomorSurat ?? null,
    tanggalSurat: row.tanggalSurat ? String(row.tanggalSurat).slice(0, 10) : null,
    waktuDiterima: iso(row.waktuDiterima),
    isiRingkas: row.isiRingkas ?? null,
    sifat,
    derajatKecepatan: row.derajatKecepatan ?? null,
    penerima: row.penerima ?? [],
    kartuKendali: kartu
      ? {
          jenis: kartu.jenis ?? null,
          nomorUrut: kartu.nomorUrut ?? null,
          indeks: kartu.indeks ?? null,
          kodeKlasifikasi: kartu.kodeKlasifikasi ?? null,
          tanggal: kartu.tanggal ? String(iso(kartu.tanggal)).slice(0, 10) : null,
          isiRingkas: kartu.isiRingkas ?? null,
          lampiran: kartu.lampiran ?? null,
          dari: kartu.dari ?? null,
          kepada: kartu.kepada ?? null,
          pengolah: kartu.pengolah ?? null,
          catatan: kartu.catatan ?? null,
          parafKasi: kartu.parafKasi ?? null,
          parafKabid: kartu.parafKabid ?? null,
          parafKadis: kartu.parafKadis ?? null,
        }
      : null,
    distribusi: (row.distribusi ?? []).map(salinanSumber),
  };
  return { model: 'berita', documentId: row.documentId, tahap: row.tahap, sifat, berita };
};

export type KriptogramCetak = Sumber & { kriptogram: KriptogramSumber };

type KriptogramDbRow = Omit<KriptogramSumber, 'klasifikasi' | 'waktuDiterima' | 'tahapLabel' | 'distribusi' | 'salinan'> & {
  klasifikasi: string | null;
  waktuDiterima: string | Date | null;
  salinan: (Omit<NonNullable<KriptogramSumber['salinan']>, 'penerima'> & { penerima: PenerimaSumber[] | null }) | null;
  distribusi: (DistribusiDbRow & { nomorSurat: string | null })[] | null;
};

/** A kriptogram with its salinan (never its encrypted text) and the numbered copies. */
export const muatKriptogram = async (strapi: Core.Strapi, documentId: string): Promise<KriptogramCetak | null> => {
  if (!strapi.contentTypes['api::kriptogram.kriptogram' as never]) return null;
  const row = (await strapi.db.query('api::kriptogram.kriptogram' as never).findOne({
    where: { documentId },
    select: [
      'documentId',
      'tahap',
      'nomorAgenda',
      'nomorKriptogram',
      'asal',
      'waktuDiterima',
      'klasifikasi',
      'derajatKecepatan',
      'sandimanId',
      'sandimanNama',
    ],
    populate: {
      salinan: {
        select: ['documentId', 'nomor', 'perihal', 'lampiran'],
        populate: { penerima: true, parafSandiman: true, tandaTanganKasi: true },
      },
      distribusi: { populate: { penerima: true } },
    },
  })) as KriptogramDbRow | null;
  if (!row) return null;
  const sifat = asSifat(row.klasifikasi);
  const kriptogram: KriptogramSumber = {
    documentId: row.documentId,
    tahap: row.tahap,
    tahapLabel: tahapLabelOf(strapi, 'kriptogram', row),
    nomorAgenda: row.nomorAgenda ?? null,
    nomorKriptogram: row.nomorKriptogram ?? null,
    asal: row.asal ?? null,
    waktuDiterima: iso(row.waktuDiterima),
    klasifikasi: sifat,
    derajatKecepatan: row.derajatKecepatan ?? null,
    sandimanId: row.sandimanId ?? null,
    sandimanNama: row.sandimanNama ?? null,
    salinan: row.salinan
      ? {
          documentId: row.salinan.documentId,
          nomor: row.salinan.nomor ?? null,
          perihal: row.salinan.perihal ?? null,
          lampiran: row.salinan.lampiran ?? null,
          penerima: row.salinan.penerima ?? [],
          parafSandiman: row.salinan.parafSandiman ?? null,
          tandaTanganKasi: row.salinan.tandaTanganKasi ?? null,
        }
      : null,
    distribusi: (row.distribusi ?? []).map((copy) => ({ ...salinanSumber(copy), nomorSurat: copy.nomorSurat ?? null })),
  };
  return { model: 'kriptogram', documentId: row.documentId, tahap: row.tahap, sifat, kriptogram };
};

export type DistribusiCetak = Sumber & { induk: BeritaCetak | null; indukKriptogram: KriptogramCetak | null };

const hasAttribute = (strapi: Core.Strapi, uid: string, attribute: string): boolean =>
  Boolean((strapi.contentTypes[uid as never] as { attributes?: Record<string, unknown> } | undefined)?.attributes?.[attribute]);

/** One copy and the record it belongs to: a berita or a kriptogram. */
export const muatDistribusi = async (strapi: Core.Strapi, documentId: string): Promise<DistribusiCetak | null> => {
  const populate: Record<string, unknown> = { berita: { select: ['documentId'] } };
  if (hasAttribute(strapi, 'api::distribusi.distribusi', 'kriptogram')) populate.kriptogram = { select: ['documentId'] };
  const row = (await strapi.db.query('api::distribusi.distribusi').findOne({ where: { documentId }, populate: populate as never })) as {
    documentId: string;
    tahap: string;
    berita: { documentId: string } | null;
    kriptogram?: { documentId: string } | null;
  } | null;
  if (!row) return null;
  const induk = row.berita ? await muatBerita(strapi, row.berita.documentId) : null;
  const indukKriptogram = row.kriptogram ? await muatKriptogram(strapi, row.kriptogram.documentId) : null;
  return {
    model: 'distribusi',
    documentId: row.documentId,
    tahap: row.tahap,
    sifat: induk?.sifat ?? indukKriptogram?.sifat ?? 'biasa',
    induk,
    indukKriptogram,
  };
};

/**
 * A record of a workflow bound without code (services/binding.ts in the SOP plugin), with the
 * letters its steps issued (`suratTerbit`, by letter name), its row as stored, its tahap's label
 * and the labels of the steps that issue a letter (for the 409 that says when it will exist).
 */
export type TerikatCetak = Sumber & {
  row: Record<string, unknown>;
  terbit: Readonly<Record<string, SuratTerbit>>;
  tahapLabel: string;
  langkahTerbit: string[];
};

// one loader per workflow and type: the panel loads a record once for all its letters (tersedia.ts)
const terikatLoaders = new Map<string, (strapi: Core.Strapi, documentId: string) => Promise<TerikatCetak | null>>();

const objek = <T>(value: unknown): T => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as T;

/**
 * The loader of workflow `model`'s records on content type `uid` (a type bound without code):
 * returns the record or null when there is none. The classification is the record's own
 * `sifat` field when it has one with a Meja Sandi value, else Biasa.
 */
export const muatTerikat = (model: string, uid: string): ((strapi: Core.Strapi, documentId: string) => Promise<TerikatCetak | null>) => {
  const key = `${model}\u0000${uid}`;
  if (!terikatLoaders.has(key)) terikatLoaders.set(key, loadTerikat(model, uid));
  return terikatLoaders.get(key)!;
};

const loadTerikat =
  (model: string, uid: string) =>
  async (strapi: Core.Strapi, documentId: string): Promise<TerikatCetak | null> => {
    const row = (await strapi.db.query(uid as never).findOne({ where: { documentId } })) as Record<string, unknown> | null;
    if (!row) return null;
    const tahap = String(row.tahap ?? '');
    const registry = sopRegistryOf(strapi);
    const definition = registry.workflowOf(model, row.alurVersi as number | null) ?? registry.workflow(model);
    return {
      model,
      documentId: String(row.documentId),
      tahap,
      sifat: asSifat(row.sifat),
      row,
      terbit: objek<Record<string, SuratTerbit>>(row.suratTerbit),
      tahapLabel: tahapLabelOf(strapi, model, { tahap, alurVersi: row.alurVersi as number | null }),
      langkahTerbit: (definition?.transitions ?? []).filter((step) => step.effectTypes?.includes('buatSurat')).map((step) => step.label),
    };
  };
