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
 * The rules of a mandate against the others already recorded: no self-delegation — neither the
 * holder as their own deputy nor the one who names (`penunjukId`, the writing user; null for
 * server code) as the deputy, who would grant themselves the role's rights (a Kepala Dinas
 * reading the Kasi's classified salinan) —, `selesai` after `mulai`, not wholly in the past
 * (`now`, less TOLERANSI_SELESAI_MS so a running one may be ended now), and no overlap with
 * another mandate for the same role. Returns the first problem as an Indonesian sentence, or null.
 */
export const periksaPenunjukan = (calon: Penunjukan, lainnya: readonly Penunjukan[], now: Date, penunjukId: number | null = null): string | null => {
  const jabatan = ROLE_NAMES[calon.peran];
  if (calon.pelaksanaId === calon.pejabatId)
    return `Pejabat tidak dapat menunjuk dirinya sendiri sebagai ${AWALAN_PELAKSANA[calon.jenis]} ${jabatan}.`;
  if (penunjukId !== null && calon.pelaksanaId === penunjukId)
    return `Anda tidak dapat menunjuk diri sendiri sebagai ${AWALAN_PELAKSANA[calon.jenis]} ${jabatan}; pelaksana ditunjuk oleh pejabat lain.`;
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

/** The fields of a mandate that are history once it has started: who stood in for whom, as what, from when, and why. */
export const KOLOM_TETAP_SETELAH_MULAI = ['peran', 'jenis', 'pejabatId', 'pelaksanaId', 'mulai', 'alasan'] as const;

/** A mandate as stored or as written, for comparing the fields that stay (KOLOM_TETAP_SETELAH_MULAI). */
export type PenunjukanTersimpan = Pick<Penunjukan, 'peran' | 'jenis' | 'pejabatId' | 'pelaksanaId' | 'mulai'> & { alasan?: string | null };

const nilaiTetap = (p: PenunjukanTersimpan, field: (typeof KOLOM_TETAP_SETELAH_MULAI)[number]): string | number => {
  if (field === 'mulai') return p.mulai.getTime();
  if (field === 'alasan') return (p.alasan ?? '').trim();
  return p[field];
};

/**
 * What a change may not touch on a mandate that has started (`lama.mulai` ≤ `now`): its role,
 * kind, holder, deputy, start and reason are the record of who acted for whom since then (the
 * audit keeps only digests), so only `selesai` still moves — ended early or extended. A deputy
 * is replaced by ending the mandate and naming another. Returns the refusal naming the fields,
 * or null (nothing fixed changed, or the mandate has not started).
 */
export const perubahanSetelahMulai = (lama: PenunjukanTersimpan, baru: PenunjukanTersimpan, now: Date): string | null => {
  if (lama.mulai.getTime() > now.getTime()) return null;
  const berubah = KOLOM_TETAP_SETELAH_MULAI.filter((field) => nilaiTetap(lama, field) !== nilaiTetap(baru, field));
  return berubah.length === 0
    ? null
    : `Penunjukan yang sudah berjalan hanya dapat diubah waktu selesainya (diakhiri lebih awal atau diperpanjang); ${berubah.join(', ')} ` +
        'tidak dapat diubah. Untuk pelaksana lain, akhiri penunjukan ini lalu buat penunjukan baru.';
};

/**
 * Whether a mandate may be deleted: only one that has not started (`mulai` > `now`). One that has
 * run is the record of who acted for whom and stays; a running one is ended by its `selesai`.
 * Returns the refusal, or null.
 */
export const hapusPenunjukan = (penunjukan: Pick<Penunjukan, 'mulai'>, now: Date): string | null =>
  penunjukan.mulai.getTime() <= now.getTime()
    ? 'Penunjukan yang sudah berjalan atau berakhir tidak dapat dihapus; riwayatnya tetap tercatat. Penunjukan yang berjalan diakhiri dengan mengubah waktu selesainya.'
    : null;
