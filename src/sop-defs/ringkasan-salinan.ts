/** The recipient as a copy stores it (component `naskah.penerima`). */
export type PenerimaSalinan = {
  nama?: string | null;
  jabatan?: string | null;
  saluran?: string | null;
  alamat?: string | null;
};

/**
 * What a copy shows of its parent letter. A berita gives its agenda number and subject; a
 * kriptogram only its agenda number — its subject is in the salinan, which the Caraka's grant
 * does not open (src/domain/roles.ts SALINAN_RECIPIENTS), so it never lands on a copy.
 */
export type IndukSalinan = { nomorAgenda?: string | null; perihal?: string | null };

/**
 * The read-only summary kept on every distribusi so that its list says what to deliver, where
 * and for which letter: `tujuan` (the copy's title), `alamat`, `saluran`, `nomorAgendaSurat`,
 * `perihalSurat`. Set when the copy is made (effects `createDistribusi`, `numberSalinan`),
 * filled for older copies at boot (`backfillRingkasanDistribusi`) and kept in step with a
 * corrected subject (`subscribeRingkasanDistribusi`).
 */
export type RingkasanSalinan = {
  tujuan: string;
  alamat: string | null;
  saluran: string | null;
  nomorAgendaSurat: string | null;
  perihalSurat: string | null;
};

const clean = (value: string | null | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** `Nama, Jabatan` (or whichever is there), the title of a copy; `Penerima ke-<n>` when both are empty. */
export const tujuanSalinan = (penerima: PenerimaSalinan | null | undefined, nomorSalinan?: number | null): string => {
  const nama = clean(penerima?.nama);
  const jabatan = clean(penerima?.jabatan);
  const tujuan = nama && jabatan && nama !== jabatan ? `${nama}, ${jabatan}` : nama || jabatan;
  return (tujuan || `Penerima ke-${nomorSalinan ?? 1}`).slice(0, 255);
};

/** The summary of one copy from its recipient and its parent letter (see `RingkasanSalinan`). */
export const ringkasanSalinan = (
  penerima: PenerimaSalinan | null | undefined,
  induk: IndukSalinan | null | undefined,
  nomorSalinan?: number | null
): RingkasanSalinan => ({
  tujuan: tujuanSalinan(penerima, nomorSalinan),
  alamat: clean(penerima?.alamat) || null,
  saluran: clean(penerima?.saluran) || null,
  nomorAgendaSurat: clean(induk?.nomorAgenda) || null,
  perihalSurat: clean(induk?.perihal).slice(0, 300) || null,
});
