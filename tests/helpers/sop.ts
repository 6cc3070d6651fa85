import type { TestApp } from './app';
import type { AdminSession } from './admin-users';

export const ROLE = {
  operator: 'Operator Transmisi Sandi',
  sandiman: 'Sandiman',
  kasi: 'Kepala Seksi Persandian dan Keamanan Informasi',
  kabid: 'Kepala Bidang Aplikasi dan Persandian',
  kadis: 'Kepala Dinas',
  caraka: 'Caraka',
  petugasPengaduan: 'Petugas Pengaduan',
  pejabatPengaduan: 'Pejabat Pengaduan',
} as const;

export const transit = (
  app: TestApp,
  session: AdminSession,
  model: string,
  documentId: string,
  ke: string,
  extra: { catatan?: string; data?: Record<string, unknown> } = {}
) =>
  app
    .http()
    .post(`/sop/${model}/${documentId}/transisi`)
    .set('Authorization', `Bearer ${session.token}`)
    .send({ ke, ...extra });

export const sopView = (app: TestApp, session: AdminSession, model: string, documentId: string) =>
  app.http().get(`/sop/${model}/${documentId}`).set('Authorization', `Bearer ${session.token}`);

const CM = '/content-manager/collection-types';

/** Creates a record the way the admin panel does: the content-manager API. */
export const cmCreate = (app: TestApp, session: AdminSession, uid: string, data: Record<string, unknown>) =>
  app.http().post(`${CM}/${uid}`).set('Authorization', `Bearer ${session.token}`).send(data);

export const cmUpdate = (app: TestApp, session: AdminSession, uid: string, documentId: string, data: Record<string, unknown>) =>
  app.http().put(`${CM}/${uid}/${documentId}`).set('Authorization', `Bearer ${session.token}`).send(data);

export const BERITA_CONTOH = {
  perihal: 'Undangan Rapat Koordinasi Persandian',
  pengirim: 'Badan Siber dan Sandi Negara',
  waktuDiterima: '2026-11-23T03:00:00.000Z', // Senin 10.00 WIB
  nomorSurat: 'B-123/BSSN/11/2026',
  sifat: 'biasa',
  derajatKecepatan: 'segera',
  isiRingkas: 'Undangan rapat koordinasi persandian tingkat provinsi.',
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' },
    { nama: 'Kepala Dinas Kesehatan', jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
};
