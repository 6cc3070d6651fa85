import { z } from 'zod';

/** A recipient of a copy (component `naskah.penerima`) and the SOP's channel rule. */
export const KATEGORI_PENERIMA = ['walikota', 'sekda', 'asisten', 'kepala_opd', 'lainnya'] as const;
export const SALURAN = ['ajudan', 'caraka', 'faksimili', 'surat_online'] as const;

export type KategoriPenerima = (typeof KATEGORI_PENERIMA)[number];
export type Saluran = (typeof SALURAN)[number];

export type Penerima = {
  nama?: string | null;
  jabatan?: string | null;
  kategori: KategoriPenerima;
  saluran: Saluran;
};

export const KATEGORI_LABEL: Record<KategoriPenerima, string> = {
  walikota: 'Wali Kota',
  sekda: 'Sekretaris Daerah',
  asisten: 'Asisten',
  kepala_opd: 'Kepala OPD',
  lainnya: 'Lainnya',
};

export const SALURAN_LABEL: Record<Saluran, string> = {
  ajudan: 'melalui ajudan',
  caraka: 'diantar caraka',
  faksimili: 'faksimili',
  surat_online: 'aplikasi surat online',
};

/**
 * SOP steps 8–9: Walikota, Sekretaris Daerah and Asisten receive through their
 * ajudan; a Kepala OPD directly by caraka, by faksimili or by surat online.
 */
export const ALLOWED_SALURAN: Record<KategoriPenerima, readonly Saluran[]> = {
  walikota: ['ajudan'],
  sekda: ['ajudan'],
  asisten: ['ajudan'],
  kepala_opd: ['caraka', 'faksimili', 'surat_online'],
  lainnya: ['caraka', 'faksimili', 'surat_online'],
};

const describe = (penerima: Penerima, index: number): string => penerima.nama || penerima.jabatan || `penerima ke-${index + 1}`;

/** Null when every recipient's channel follows the rule, else the first violation in Indonesian. */
export const checkSaluran = (penerima: readonly Penerima[]): string | null => {
  for (const [index, one] of penerima.entries()) {
    const allowed = Object.prototype.hasOwnProperty.call(ALLOWED_SALURAN, one.kategori) ? ALLOWED_SALURAN[one.kategori] : undefined;
    if (!allowed) return `Kategori penerima "${String(one.kategori)}" tidak dikenal (${describe(one, index)}).`;
    if (!allowed.includes(one.saluran)) {
      return (
        `${KATEGORI_LABEL[one.kategori]} (${describe(one, index)}) harus menerima ` +
        `${allowed.map((saluran) => SALURAN_LABEL[saluran]).join(', atau ')}, bukan ${SALURAN_LABEL[one.saluran] ?? one.saluran}.`
      );
    }
  }
  return null;
};

/**
 * One recipient as a step's input or a record's JSON list gives it: `jabatan` 2–200 characters,
 * `nama` up to 150, `alamat` up to 300, `kategori` and `saluran` from the lists above — the limits
 * of component `naskah.penerima` (src/components/naskah/penerima.json), which every copy stores.
 * The channel rule across the list is {@link checkSaluran}.
 */
export const penerimaSchema = z.strictObject(
  {
    nama: z.string('nama penerima harus berupa teks').trim().max(150, 'nama penerima paling banyak 150 karakter').optional(),
    jabatan: z
      .string('jabatan penerima wajib diisi')
      .trim()
      .min(2, 'jabatan penerima wajib diisi')
      .max(200, 'jabatan penerima paling banyak 200 karakter'),
    kategori: z.enum(KATEGORI_PENERIMA, `kategori penerima harus salah satu dari: ${KATEGORI_PENERIMA.join(', ')}`),
    saluran: z.enum(SALURAN, `saluran penerima harus salah satu dari: ${SALURAN.join(', ')}`),
    alamat: z.string('alamat penerima harus berupa teks').trim().max(300, 'alamat penerima paling banyak 300 karakter').optional(),
  },
  'penerima hanya memuat nama, jabatan, kategori, saluran, dan alamat'
);
