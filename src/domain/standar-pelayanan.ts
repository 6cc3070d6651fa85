/**
 * Standar pelayanan (Permenpan RB 15/2014): the 14 components, the completeness
 * check staff see in the admin panel, the inconsistencies worth a second look,
 * and the service hours as the calendar understands them. Pure: no Strapi.
 */
import { formatJam, parseJam, validateSchedule, type DayName, type ServicePeriod, type ServiceSchedule } from './calendar';

/** Stable slugs of the two seeded services; the SLA calendar reads its hours from the first. */
export const SLUG_BERITA_BIASA = 'penerimaan-berita-biasa-email-sanapati';
export const SLUG_NASKAH_DIKECUALIKAN = 'penerimaan-naskah-dinas-dikecualikan';

/** A numbered (or unnumbered) point of a list, e.g. one legal basis or one requirement. */
export type Butir = { nomor?: number | null; uraian?: string | null };
/** One ordered step of a procedure. */
export type Langkah = { nomor?: number | null; uraian?: string | null };
export type Telepon = { nomor?: string | null; keterangan?: string | null };

export type PenangananPengaduan = {
  telepon?: readonly Telepon[] | null;
  email?: string | null;
  website?: string | null;
  pejabatNama?: string | null;
  pejabatHp?: string | null;
  pengaduanLangsung?: readonly Langkah[] | null;
};

export type JamLayanan = {
  hari?: DayName | string | null;
  buka?: string | null;
  tutup?: string | null;
  istirahatMulai?: string | null;
  istirahatSelesai?: string | null;
};

/** The content of one standard as stored; every part may still be missing in a draft. */
export type StandarPelayanan = {
  nama?: string | null;
  satuanKerja?: string | null;
  nomorSK?: string | null;
  dasarHukum?: readonly Butir[] | null;
  persyaratan?: readonly Butir[] | null;
  prosedur?: readonly Langkah[] | null;
  jangkaWaktu?: string | null;
  waktuPenyelesaianHariKerja?: number | null;
  jamLayanan?: readonly JamLayanan[] | null;
  biaya?: string | null;
  produkPelayanan?: readonly Butir[] | null;
  penangananPengaduan?: PenangananPengaduan | null;
  saranaPrasarana?: readonly Butir[] | null;
  kompetensiPelaksana?: readonly Butir[] | null;
  pengawasanInternal?: string | null;
  jumlahPelaksana?: string | null;
  jaminanPelayanan?: string | null;
  jaminanKeamanan?: readonly Butir[] | null;
  evaluasiKinerja?: string | null;
};

export type KomponenKey =
  | 'dasarHukum'
  | 'persyaratan'
  | 'prosedur'
  | 'jangkaWaktu'
  | 'biaya'
  | 'produkPelayanan'
  | 'penangananPengaduan'
  | 'saranaPrasarana'
  | 'kompetensiPelaksana'
  | 'pengawasanInternal'
  | 'jumlahPelaksana'
  | 'jaminanPelayanan'
  | 'jaminanKeamanan'
  | 'evaluasiKinerja';

export type Komponen = { key: KomponenKey; label: string; jenis: 'daftar' | 'langkah' | 'teks' | 'pengaduan' };

/** The 14 components, in the order the office's standards list them. */
export const KOMPONEN: readonly Komponen[] = [
  { key: 'dasarHukum', label: 'Dasar Hukum', jenis: 'daftar' },
  { key: 'persyaratan', label: 'Persyaratan', jenis: 'daftar' },
  { key: 'prosedur', label: 'Sistem, Mekanisme, dan Prosedur', jenis: 'langkah' },
  { key: 'jangkaWaktu', label: 'Jangka Waktu Penyelesaian', jenis: 'teks' },
  { key: 'biaya', label: 'Biaya/Tarif', jenis: 'teks' },
  { key: 'produkPelayanan', label: 'Produk Pelayanan', jenis: 'daftar' },
  { key: 'penangananPengaduan', label: 'Penanganan Pengaduan, Saran, dan Masukan', jenis: 'pengaduan' },
  { key: 'saranaPrasarana', label: 'Sarana, Prasarana, dan/atau Fasilitas', jenis: 'daftar' },
  { key: 'kompetensiPelaksana', label: 'Kompetensi Pelaksana', jenis: 'daftar' },
  { key: 'pengawasanInternal', label: 'Pengawasan Internal', jenis: 'teks' },
  { key: 'jumlahPelaksana', label: 'Jumlah Pelaksana', jenis: 'teks' },
  { key: 'jaminanPelayanan', label: 'Jaminan Pelayanan', jenis: 'teks' },
  { key: 'jaminanKeamanan', label: 'Jaminan Keamanan dan Keselamatan Pelayanan', jenis: 'daftar' },
  { key: 'evaluasiKinerja', label: 'Evaluasi Kinerja Pelaksana', jenis: 'teks' },
];

export const HARI: readonly DayName[] = ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu'];

export const HARI_LABEL: Record<DayName, string> = {
  senin: 'Senin',
  selasa: 'Selasa',
  rabu: 'Rabu',
  kamis: 'Kamis',
  jumat: 'Jumat',
  sabtu: 'Sabtu',
  minggu: 'Minggu',
};

const isDayName = (value: unknown): value is DayName => typeof value === 'string' && (HARI as readonly string[]).includes(value);

const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

const hasItems = (items: readonly { uraian?: string | null }[] | null | undefined): boolean =>
  Array.isArray(items) && items.some((item) => hasText(item?.uraian));

const pengaduanTerisi = (value: PenangananPengaduan | null | undefined): boolean =>
  !!value &&
  ((Array.isArray(value.telepon) && value.telepon.some((telepon) => hasText(telepon?.nomor))) ||
    hasText(value.email) ||
    hasText(value.website) ||
    hasText(value.pejabatNama) ||
    hasItems(value.pengaduanLangsung));

/** Whether a component says something; a lone "-" counts, it states that nothing is required. */
export const komponenTerisi = (standard: StandarPelayanan, komponen: Komponen): boolean => {
  const value = standard[komponen.key];
  switch (komponen.jenis) {
    case 'teks':
      return hasText(value);
    case 'pengaduan':
      return pengaduanTerisi(value as PenangananPengaduan | null | undefined);
    default:
      return hasItems(value as readonly Butir[] | null | undefined);
  }
};

export type Kelengkapan = { terisi: number; total: number; kosong: string[] };

/** n/14: how many components are filled, and the labels of the empty ones. */
export const completeness = (standard: StandarPelayanan): Kelengkapan => {
  const kosong = KOMPONEN.filter((komponen) => !komponenTerisi(standard, komponen)).map((komponen) => komponen.label);
  return { terisi: KOMPONEN.length - kosong.length, total: KOMPONEN.length, kosong };
};

// ---------------------------------------------------------------------------
// Service hours

const normalJam = (value: string | null | undefined): string | undefined => (hasText(value) ? String(value).trim() : undefined);

/**
 * The structured hours as the calendar's schedule; throws (in Indonesian) on a
 * repeated or unknown day and on anything validateSchedule refuses, including no
 * open day at all.
 */
export const scheduleFromStandard = (jamLayanan: readonly JamLayanan[] | null | undefined): ServiceSchedule => {
  const schedule: Record<string, ServicePeriod> = {};
  for (const row of jamLayanan ?? []) {
    const hari = row?.hari;
    if (!isDayName(hari)) throw new Error(`Hari "${String(hari ?? '')}" pada jam layanan tidak dikenal.`);
    if (schedule[hari]) throw new Error(`Hari ${HARI_LABEL[hari]} tercantum lebih dari sekali pada jam layanan.`);
    const period: ServicePeriod = { buka: normalJam(row.buka) ?? '', tutup: normalJam(row.tutup) ?? '' };
    const mulai = normalJam(row.istirahatMulai);
    const selesai = normalJam(row.istirahatSelesai);
    if (mulai !== undefined) period.istirahatMulai = mulai;
    if (selesai !== undefined) period.istirahatSelesai = selesai;
    if (!period.buka) throw new Error(`Jadwal hari ${HARI_LABEL[hari]}: jam buka wajib diisi.`);
    if (!period.tutup) throw new Error(`Jadwal hari ${HARI_LABEL[hari]}: jam tutup wajib diisi.`);
    schedule[hari] = period;
  }
  return validateSchedule(schedule);
};

/** '8:00' or '08.00' → '08.00'; anything unparsable comes back unchanged. */
export const jamIndonesia = (value: string | null | undefined): string => {
  if (!hasText(value)) return '';
  try {
    return formatJam(parseJam(String(value)));
  } catch {
    return String(value).trim();
  }
};

// ---------------------------------------------------------------------------
// Inconsistencies

type LamaHari = { teks: string; hari: number };

// "5 (lima) hari kerja", "1 Hari kerja", "1 hari": a count of days, optionally spelled out in brackets.
const LAMA_HARI = /(\d+)\s*(?:\([^)]*\)\s*)?hari(?:\s+kerja)?/gi;

const lamaHariDalam = (text: string): LamaHari[] =>
  Array.from(text.matchAll(LAMA_HARI), (match) => ({ teks: match[0].replace(/\s+/g, ' ').trim(), hari: Number(match[1]) }));

const HARI_PATTERN = "senin|selasa|rabu|kamis|jum'?at|sabtu|minggu";
const JAM_PATTERN = '\\d{1,2}[.:]\\d{2}';
// "Senin-Kamis 08.00 - 16.00", "Jumat 08.00 - 11.00", "Istirahat 12.00 - 13.00" (the break belongs to the days before it).
const JAM_TEKS = new RegExp(
  `(?:(${HARI_PATTERN})(?:\\s*(?:-|–|s\\.?d\\.?|sampai)\\s*(${HARI_PATTERN}))?|(istirahat))\\s*:?\\s*(${JAM_PATTERN})\\s*(?:-|–|s\\.?d\\.?|sampai)\\s*(${JAM_PATTERN})`,
  'gi'
);

const hariDari = (text: string): DayName => text.toLowerCase().replace("'", '') as DayName;

type JamTeks = { hari: DayName; buka: string; tutup: string; istirahatMulai?: string; istirahatSelesai?: string };

/** The hours a free text states, per day (days listed as a range "Senin-Kamis" expand). */
const jamDalamTeks = (text: string): Map<DayName, JamTeks> => {
  const found = new Map<DayName, JamTeks>();
  let previous: DayName[] = [];
  for (const match of text.matchAll(JAM_TEKS)) {
    const [, dari, sampai, istirahat, awal, akhir] = match;
    if (istirahat) {
      for (const hari of previous) {
        const entry = found.get(hari);
        if (entry) Object.assign(entry, { istirahatMulai: jamIndonesia(awal), istirahatSelesai: jamIndonesia(akhir) });
      }
      continue;
    }
    const first = HARI.indexOf(hariDari(dari));
    const last = sampai ? HARI.indexOf(hariDari(sampai)) : first;
    previous = first <= last ? HARI.slice(first, last + 1) : [HARI[first]];
    for (const hari of previous) found.set(hari, { hari, buka: jamIndonesia(awal), tutup: jamIndonesia(akhir) });
  }
  return found;
};

const rentang = (awal?: string | null, akhir?: string | null): string =>
  awal && akhir ? `${jamIndonesia(awal)} - ${jamIndonesia(akhir)}` : 'tanpa istirahat';

const cekJangkaWaktu = (standard: StandarPelayanan): string[] => {
  const teks = standard.jangkaWaktu ?? '';
  const lama = lamaHariDalam(teks);
  const berbeda = Array.from(new Set(lama.map((item) => item.hari)));
  if (berbeda.length > 1) {
    return [
      `Jangka waktu penyelesaian tidak konsisten: teks menyebut ${lama.map((item) => `"${item.teks}"`).join(' dan ')}. ` +
        'Pastikan hanya ada satu waktu penyelesaian (hari kerja layanan dapat ditulis pada jam layanan).',
    ];
  }
  const target = standard.waktuPenyelesaianHariKerja;
  if (typeof target === 'number' && berbeda.length === 1 && berbeda[0] !== target) {
    return [`Waktu penyelesaian (${target} hari kerja) berbeda dengan teks jangka waktu penyelesaian ("${lama[0].teks}").`];
  }
  return [];
};

const cekJamLayanan = (standard: StandarPelayanan): string[] => {
  const rows = standard.jamLayanan ?? [];
  if (rows.length === 0) return [];
  let schedule: ServiceSchedule;
  try {
    schedule = scheduleFromStandard(rows);
  } catch (error: unknown) {
    return [
      `Jam layanan tidak valid: ${error instanceof Error ? error.message : String(error)} ` +
        'Standar tidak dapat dipublikasikan dan tenggat layanan memakai jam bawaan sampai jam layanan diperbaiki.',
    ];
  }
  const flags: string[] = [];
  for (const [hari, teks] of jamDalamTeks(standard.jangkaWaktu ?? '')) {
    const period = schedule[hari];
    const label = HARI_LABEL[hari];
    if (!period) {
      flags.push(`Teks jangka waktu menyebut hari ${label} ${teks.buka} - ${teks.tutup}, tetapi jam layanan tidak mencantumkan hari ${label}.`);
      continue;
    }
    if (period.buka !== teks.buka || period.tutup !== teks.tutup) {
      flags.push(`Jam layanan hari ${label} (${period.buka} - ${period.tutup}) berbeda dengan teks jangka waktu (${teks.buka} - ${teks.tutup}).`);
    } else if (teks.istirahatMulai && (period.istirahatMulai !== teks.istirahatMulai || period.istirahatSelesai !== teks.istirahatSelesai)) {
      flags.push(
        `Istirahat hari ${label} pada jam layanan (${rentang(period.istirahatMulai, period.istirahatSelesai)}) berbeda dengan teks jangka waktu (${rentang(teks.istirahatMulai, teks.istirahatSelesai)}).`
      );
    }
  }
  return flags;
};

const cekUrutan = (label: string, steps: readonly Langkah[] | null | undefined): string[] => {
  const list = (steps ?? []).filter((step) => hasText(step?.uraian));
  if (list.length === 0) return [];
  const numbers = list.map((step) => step.nomor);
  if (numbers.every((nomor, index) => nomor === index + 1)) return [];
  return [`Nomor langkah ${label} tidak berurutan 1 sampai ${list.length} (tertulis: ${numbers.map((nomor) => nomor ?? '–').join(', ')}).`];
};

/** Contradictions and broken data staff should look at; an empty list means none found. */
export const inconsistencies = (standard: StandarPelayanan): string[] => [
  ...cekJangkaWaktu(standard),
  ...cekJamLayanan(standard),
  ...cekUrutan('prosedur', standard.prosedur),
  ...cekUrutan('pengaduan langsung', standard.penangananPengaduan?.pengaduanLangsung),
];
