import type { AdminSession } from './admin-users';
import type { TestApp } from './app';
import { cmCreate, transit } from './sop';

export const KRIPTOGRAM_CONTOH = {
  nomorKriptogram: 'KR-0100/JKS/XI/2026',
  asal: 'Jaring Komunikasi Sandi Pemerintah Provinsi',
  klasifikasi: 'terbatas',
  derajatKecepatan: 'segera',
  teksKriptogram: 'XKQWT PLMZR AABCE QQRTS',
};

export const SALINAN_CONTOH = {
  perihal: 'Pengamanan kunjungan kerja',
  isi: 'Isi salinan uji: rencana pengamanan kunjungan kerja.',
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' },
    { jabatan: 'Kepala Satpol PP', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
};

export type KriptogramStaff = { sandiman: AdminSession; kasi: AdminSession };

/** The kriptogram SOP's main line up to `dinomori`, each step by the right role over HTTP. */
const STEPS: readonly { ke: string; by: keyof KriptogramStaff; data?: (staff: KriptogramStaff) => Record<string, unknown> }[] = [
  { ke: 'diagendakan', by: 'sandiman' },
  { ke: 'dilaporkan', by: 'sandiman' },
  { ke: 'ditugaskan_deskripsi', by: 'kasi', data: (staff) => ({ sandiman: staff.sandiman.id }) },
  { ke: 'dideskripsi', by: 'sandiman', data: () => ({ salinan: SALINAN_CONTOH }) },
  { ke: 'diparaf_sandiman', by: 'sandiman' },
  { ke: 'ditandatangani_kasi', by: 'kasi' },
  { ke: 'dinomori', by: 'sandiman', data: () => ({ checklist: { cap: true, amplop: true, amplopRangkap: true } }) },
];

/**
 * Registers a kriptogram through the content manager (as the Sandiman, who is then the
 * one the Kasi assigns) and walks it up to `state`. Returns its documentId.
 */
export const walkKriptogramTo = async (
  app: TestApp,
  staff: KriptogramStaff,
  state: string,
  kriptogram: Record<string, unknown> = {}
): Promise<string> => {
  const created = await cmCreate(app, staff.sandiman, 'api::kriptogram.kriptogram', { ...KRIPTOGRAM_CONTOH, ...kriptogram });
  if (created.status !== 201 && created.status !== 200) throw new Error(`create kriptogram: ${created.status} ${JSON.stringify(created.body)}`);
  const documentId = String(created.body.data.documentId);
  if (state === 'diterima') return documentId;
  const last = STEPS.findIndex((step) => step.ke === state);
  if (last < 0) throw new Error(`walkKriptogramTo: unknown or unsupported state ${state}`);
  for (const step of STEPS.slice(0, last + 1)) {
    const response = await transit(app, staff[step.by], 'kriptogram', documentId, step.ke, step.data ? { data: step.data(staff) } : {});
    if (response.status !== 200) throw new Error(`${step.ke}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return documentId;
};
