import { z } from 'zod';
import { ROLE_KEYS, ROLE_NAMES, type RoleKey } from './roles';
import { waktuPanjang } from './letters/format';

/**
 * Acting officials (Permendagri 1 Tahun 2023 on tata naskah dinas): a Pelaksana Harian (Plh)
 * stands in while the holder of a post is away, a Pelaksana Tugas (Plt) while the post is
 * vacant. The Kepala Dinas names one for a role and a period (`api::pelaksana.pelaksana`).
 */
export const JENIS_PELAKSANA = ['plh', 'plt'] as const;
export type JenisPelaksana = (typeof JENIS_PELAKSANA)[number];

/** The abbreviation printed before the position: `Plh.` / `Plt.` */
export const AWALAN_PELAKSANA: Readonly<Record<JenisPelaksana, string>> = { plh: 'Plh.', plt: 'Plt.' };

/** One mandate as the rules read it (ids of admin users, times as instants). */
export type Penunjukan = {
  documentId?: string | null;
  peran: RoleKey;
  jenis: JenisPelaksana;
  pejabatId: number;
  pelaksanaId: number;
  namaPelaksana?: string | null;
  mulai: Date;
  selesai: Date;
};

/** How far in the past `selesai` may lie when a running mandate is ended now (clock skew between browser and server). */
export const TOLERANSI_SELESAI_MS = 60_000;

const waktu = (label: string) =>
  z.union([z.string(), z.date()], { error: `${label} wajib diisi.` }).transform((value, context) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      context.addIssue({ code: 'custom', message: `${label} bukan waktu yang sah.` });
      return z.NEVER;
    }
    return date;
  });

const penggunaId = (label: string) =>
  z.coerce
    .number({ error: `${label} wajib dipilih.` })
    .int()
    .positive(`${label} wajib dipilih.`);

/** The fields a write must leave on a mandate (after merging it with the stored one); messages in Indonesian. */
export const penunjukanSchema = z.object({
  peran: z.enum(ROLE_KEYS as [RoleKey, ...RoleKey[]], { error: 'Peran yang diwakili tidak dikenal.' }),
  jenis: z.enum(JENIS_PELAKSANA, { error: 'Jenis harus Plh atau Plt.' }),
  pejabatId: penggunaId('Pejabat yang diwakili'),
  pelaksanaId: penggunaId('Pelaksana'),
  mulai: waktu('Waktu mulai'),
  selesai: waktu('Waktu selesai'),
});

const rentang = (one: Pick<Penunjukan, 'mulai' | 'selesai'>): string =>
  `${waktuPanjang(one.mulai.toISOString())} s.d. ${waktuPanjang(one.selesai.toISOString())}`;

/**
 * The rules of a mandate against the others already recorded: no self-delegation, `selesai`
 * after `mulai`, not wholly in the past (`now`, less TOLERANSI_SELESAI_MS so a running one may
 * be ended now), and no overlap with another mandate for the same role.
 * Returns the first problem as an Indonesian sentence, or null.
 */
export const periksaPenunjukan = (calon: Penunjukan, lainnya: readonly Penunjukan[], now: Date): string | null => {
  const jabatan = ROLE_NAMES[calon.peran];
  if (calon.pelaksanaId === calon.pejabatId)
    return `Pejabat tidak dapat menunjuk dirinya sendiri sebagai ${AWALAN_PELAKSANA[calon.jenis]} ${jabatan}.`;
  if (calon.selesai.getTime() <= calon.mulai.getTime()) return 'Waktu selesai harus sesudah waktu mulai.';
  if (calon.selesai.getTime() < now.getTime() - TOLERANSI_SELESAI_MS) {
    return 'Jangka waktu penunjukan sudah berakhir seluruhnya; Plh/Plt hanya dapat ditunjuk untuk masa kini atau mendatang.';
  }
  const bentrok = lainnya.find(
    (other) =>
      other.documentId !== calon.documentId &&
      other.peran === calon.peran &&
      other.mulai.getTime() < calon.selesai.getTime() &&
      calon.mulai.getTime() < other.selesai.getTime()
  );
  if (bentrok) {
    return (
      `Jangka waktu tumpang tindih dengan penunjukan ${AWALAN_PELAKSANA[bentrok.jenis]} ${jabatan}` +
      `${bentrok.namaPelaksana ? ` (${bentrok.namaPelaksana})` : ''} pada ${rentang(bentrok)}.`
    );
  }
  return null;
};
