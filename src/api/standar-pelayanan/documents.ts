import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { DEFAULT_SCHEDULE, type ServiceSchedule } from '../../domain/calendar';
import {
  HARI,
  jamIndonesia,
  scheduleFromStandard,
  SLUG_BERITA_BIASA,
  type Butir,
  type JamLayanan,
  type Langkah,
  type StandarPelayanan,
} from '../../domain/standar-pelayanan';

export const STANDAR_UID = 'api::standar-pelayanan.standar-pelayanan';

/** Every component, nested ones included. */
export const STANDAR_POPULATE = {
  dasarHukum: true,
  persyaratan: true,
  prosedur: true,
  jamLayanan: true,
  produkPelayanan: true,
  penangananPengaduan: { populate: { telepon: true, pengaduanLangsung: true } },
  saranaPrasarana: true,
  kompetensiPelaksana: true,
  jaminanKeamanan: true,
} as const;

/** A slug as the routes accept it: the characters Strapi allows in a uid field. */
export const slugParam = z.string().regex(/^[A-Za-z0-9\-_.~]{1,200}$/);

/** A standard as the document service returns it (system fields included). */
export type StoredStandar = StandarPelayanan & { documentId: string; nama: string; slug: string };

const documents = (strapi: Core.Strapi) => strapi.documents(STANDAR_UID);

/** Published standards, by name. */
export const findPublishedStandards = async (strapi: Core.Strapi): Promise<StoredStandar[]> =>
  (await documents(strapi).findMany({
    status: 'published',
    populate: STANDAR_POPULATE,
    sort: [{ nama: 'asc' }],
  })) as unknown as StoredStandar[];

export const findPublishedStandard = async (strapi: Core.Strapi, slug: string): Promise<StoredStandar | null> =>
  (await documents(strapi).findFirst({
    status: 'published',
    filters: { slug },
    populate: STANDAR_POPULATE,
  })) as unknown as StoredStandar | null;

export const findStandard = async (strapi: Core.Strapi, documentId: string, status: 'draft' | 'published'): Promise<StoredStandar | null> =>
  (await documents(strapi).findOne({ documentId, status, populate: STANDAR_POPULATE })) as unknown as StoredStandar | null;

// ---------------------------------------------------------------------------
// The public view: an explicit allow-list, so no system field can slip out.

export type ButirPublik = { nomor: number | null; uraian: string };
export type JamLayananPublik = {
  hari: string;
  buka: string;
  tutup: string;
  istirahatMulai: string | null;
  istirahatSelesai: string | null;
};
export type StandarPublik = {
  slug: string;
  nama: string;
  satuanKerja: string | null;
  nomorSK: string | null;
  halaman: string;
  dasarHukum: ButirPublik[];
  persyaratan: ButirPublik[];
  prosedur: ButirPublik[];
  jangkaWaktu: string | null;
  waktuPenyelesaianHariKerja: number | null;
  jamLayanan: JamLayananPublik[];
  biaya: string | null;
  produkPelayanan: ButirPublik[];
  penangananPengaduan: {
    telepon: { nomor: string; keterangan: string | null }[];
    email: string | null;
    website: string | null;
    pejabatPengaduan: { nama: string | null; hp: string | null } | null;
    pengaduanLangsung: ButirPublik[];
  } | null;
  saranaPrasarana: ButirPublik[];
  kompetensiPelaksana: ButirPublik[];
  pengawasanInternal: string | null;
  jumlahPelaksana: string | null;
  jaminanPelayanan: string | null;
  jaminanKeamanan: ButirPublik[];
  evaluasiKinerja: string | null;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const items = (list: readonly (Butir | Langkah)[] | null | undefined): ButirPublik[] =>
  (list ?? [])
    .filter((item) => text(item?.uraian) !== null)
    .map((item) => ({ nomor: typeof item.nomor === 'number' ? item.nomor : null, uraian: String(item.uraian) }));

const jam = (list: readonly JamLayanan[] | null | undefined): JamLayananPublik[] =>
  [...(list ?? [])]
    .sort((a, b) => HARI.indexOf(a.hari as never) - HARI.indexOf(b.hari as never))
    .map((row) => ({
      hari: String(row.hari ?? ''),
      buka: jamIndonesia(row.buka),
      tutup: jamIndonesia(row.tutup),
      istirahatMulai: text(row.istirahatMulai) ? jamIndonesia(row.istirahatMulai) : null,
      istirahatSelesai: text(row.istirahatSelesai) ? jamIndonesia(row.istirahatSelesai) : null,
    }));

export const pagePath = (slug: string): string => `/standar-pelayanan/${encodeURIComponent(slug)}`;

export const toPublicView = (record: StoredStandar, publicUrl = ''): StandarPublik => {
  const pengaduan = record.penangananPengaduan;
  return {
    slug: record.slug,
    nama: record.nama,
    satuanKerja: text(record.satuanKerja),
    nomorSK: text(record.nomorSK),
    halaman: `${publicUrl.replace(/\/+$/, '')}${pagePath(record.slug)}`,
    dasarHukum: items(record.dasarHukum),
    persyaratan: items(record.persyaratan),
    prosedur: items(record.prosedur),
    jangkaWaktu: text(record.jangkaWaktu),
    waktuPenyelesaianHariKerja: typeof record.waktuPenyelesaianHariKerja === 'number' ? record.waktuPenyelesaianHariKerja : null,
    jamLayanan: jam(record.jamLayanan),
    biaya: text(record.biaya),
    produkPelayanan: items(record.produkPelayanan),
    penangananPengaduan: pengaduan
      ? {
          telepon: (pengaduan.telepon ?? [])
            .filter((telepon) => text(telepon?.nomor) !== null)
            .map((telepon) => ({ nomor: String(telepon.nomor), keterangan: text(telepon.keterangan) })),
          email: text(pengaduan.email),
          website: text(pengaduan.website),
          pejabatPengaduan:
            text(pengaduan.pejabatNama) || text(pengaduan.pejabatHp) ? { nama: text(pengaduan.pejabatNama), hp: text(pengaduan.pejabatHp) } : null,
          pengaduanLangsung: items(pengaduan.pengaduanLangsung),
        }
      : null,
    saranaPrasarana: items(record.saranaPrasarana),
    kompetensiPelaksana: items(record.kompetensiPelaksana),
    pengawasanInternal: text(record.pengawasanInternal),
    jumlahPelaksana: text(record.jumlahPelaksana),
    jaminanPelayanan: text(record.jaminanPelayanan),
    jaminanKeamanan: items(record.jaminanKeamanan),
    evaluasiKinerja: text(record.evaluasiKinerja),
  };
};

export const publicUrlOf = (strapi: Core.Strapi): string => String(strapi.config.get('meja-sandi.publicUrl', '') ?? '');

// ---------------------------------------------------------------------------
// Service hours for the SLA calendar: read from the published standard of the
// berita biasa service, cached per Strapi instance. Writes through the document
// service drop the cache at once; the TTL bounds how long another server process
// may keep the old hours.

const SCHEDULE_TTL_MS = 60_000;

type CacheEntry = { schedule: ServiceSchedule; at: number };
const scheduleCache = new WeakMap<Core.Strapi, CacheEntry>();
const generations = new WeakMap<Core.Strapi, number>();

export const invalidateSchedule = (strapi: Core.Strapi): void => {
  scheduleCache.delete(strapi);
  generations.set(strapi, (generations.get(strapi) ?? 0) + 1);
};

const readSchedule = async (strapi: Core.Strapi): Promise<ServiceSchedule> => {
  const standard = (await documents(strapi).findFirst({
    status: 'published',
    filters: { slug: SLUG_BERITA_BIASA },
    populate: { jamLayanan: true },
  })) as unknown as { jamLayanan?: JamLayanan[] | null } | null;
  if (!standard || !standard.jamLayanan || standard.jamLayanan.length === 0) return DEFAULT_SCHEDULE;
  try {
    return Object.freeze(scheduleFromStandard(standard.jamLayanan));
  } catch (error: unknown) {
    strapi.log.warn(
      `[standar-pelayanan] Jam layanan "${SLUG_BERITA_BIASA}" tidak valid (${error instanceof Error ? error.message : String(error)}); tenggat memakai jam bawaan.`
    );
    return DEFAULT_SCHEDULE;
  }
};

/** The service hours of the published "penerimaan berita biasa" standard, or DEFAULT_SCHEDULE. */
export const loadPublishedSchedule = async (strapi: Core.Strapi): Promise<ServiceSchedule> => {
  const hit = scheduleCache.get(strapi);
  if (hit && Date.now() - hit.at < SCHEDULE_TTL_MS) return hit.schedule;
  const generation = generations.get(strapi) ?? 0;
  const schedule = await readSchedule(strapi);
  // A write that happened while we were reading makes this result stale: do not keep it.
  if ((generations.get(strapi) ?? 0) === generation) scheduleCache.set(strapi, { schedule, at: Date.now() });
  return schedule;
};

// ---------------------------------------------------------------------------
// Document-service middleware: no standard is published with hours the calendar
// cannot use, and every write refreshes the cached hours.

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: string; status?: string; data?: Record<string, unknown>; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

const assertHours = (jamLayanan: unknown): void => {
  if (!Array.isArray(jamLayanan) || jamLayanan.length === 0) return;
  try {
    scheduleFromStandard(jamLayanan as JamLayanan[]);
  } catch (error: unknown) {
    throw new errors.ValidationError(`Standar pelayanan tidak dapat dipublikasikan: ${error instanceof Error ? error.message : String(error)}`, {
      field: 'jamLayanan',
    });
  }
};

const draftHours = async (strapi: Core.Strapi, documentId: string | undefined): Promise<unknown> => {
  if (!documentId) return undefined;
  const draft = (await documents(strapi).findOne({ documentId, status: 'draft', populate: { jamLayanan: true } })) as unknown as {
    jamLayanan?: unknown;
  } | null;
  return draft?.jamLayanan;
};

export const createStandarPelayananMiddleware = (strapi: Core.Strapi) =>
  async function standarPelayananMiddleware(context: DocumentContext, next: Next): Promise<unknown> {
    if (context.uid !== STANDAR_UID || !WRITE_ACTIONS.has(context.action)) return next();
    const { action, params } = context;
    if (action === 'publish') {
      assertHours(await draftHours(strapi, params.documentId));
    } else if ((action === 'create' || action === 'update') && params.status === 'published') {
      const data = params.data ?? {};
      assertHours('jamLayanan' in data ? data.jamLayanan : await draftHours(strapi, params.documentId));
    }
    try {
      return await next();
    } finally {
      invalidateSchedule(strapi);
    }
  };
