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

/**
 * The people of the security tests, by the role each signs in with: every office role, a second
 * Sandiman (not assigned), Strapi's stock Editor and Author, and the Super Admin.
 */
export const ROLE_OF_PERSONA = {
  operator: ROLE.operator,
  sandiman: ROLE.sandiman,
  sandimanLain: ROLE.sandiman,
  kasi: ROLE.kasi,
  kabid: ROLE.kabid,
  kadis: ROLE.kadis,
  caraka: ROLE.caraka,
  petugas: ROLE.petugasPengaduan,
  pejabat: ROLE.pejabatPengaduan,
  editor: 'Editor',
  author: 'Author',
  superAdmin: 'Super Admin',
} as const;

/** A persona of ROLE_OF_PERSONA. */
export type Persona = keyof typeof ROLE_OF_PERSONA;

/** The sign-in role of each of `personas` (ROLE_OF_PERSONA), as a map from persona to role name. */
export const rolesOf = <P extends Persona>(personas: readonly P[]): Record<P, string> =>
  Object.fromEntries(personas.map((persona): [P, string] => [persona, ROLE_OF_PERSONA[persona]])) as Record<P, string>;

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

export type BeritaStaff = Partial<Record<'operator' | 'kasi' | 'kabid' | 'kadis' | 'caraka', AdminSession>>;

/** The main line of the berita SOP, in order, and who takes each step. */
const BERITA_STEPS: readonly { ke: string; by: keyof BeritaStaff }[] = [
  { ke: 'diperiksa', by: 'operator' },
  { ke: 'dicetak', by: 'operator' },
  { ke: 'diagendakan', by: 'operator' },
  { ke: 'diteruskan_ke_kasi', by: 'operator' },
  { ke: 'diparaf_kasi', by: 'kasi' },
  { ke: 'diparaf_kabid', by: 'kabid' },
  { ke: 'diparaf_kadis', by: 'kadis' },
  { ke: 'ditugaskan_ke_caraka', by: 'kasi' },
  { ke: 'didistribusikan', by: 'caraka' },
  { ke: 'tanda_terima_diserahkan', by: 'caraka' },
  { ke: 'diarsipkan', by: 'operator' },
];

const expectOk = async (pending: PromiseLike<{ status: number; body: unknown }>, what: string) => {
  const response = await pending;
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response as { status: number; body: { data: Record<string, unknown> } };
};

/**
 * Registers a berita through the content manager (as the operator) and walks it along
 * the SOP's main line up to `state`, each step by the right role over HTTP. Before
 * `didistribusikan` the Caraka records a receipt for every copy. Returns its documentId.
 */
export const walkBeritaTo = async (app: TestApp, staff: BeritaStaff, state: string, berita: Record<string, unknown> = {}): Promise<string> => {
  const session = (role: keyof BeritaStaff): AdminSession => {
    const found = staff[role];
    if (!found) throw new Error(`walkBeritaTo(${state}) needs a ${role} session`);
    return found;
  };
  const created = await expectOk(cmCreate(app, session('operator'), 'api::berita.berita', { ...BERITA_CONTOH, ...berita }), 'create berita');
  const documentId = String(created.body.data.documentId);
  if (state === 'diterima') return documentId;
  if (state === 'batal') {
    await expectOk(transit(app, session('operator'), 'berita', documentId, 'batal', { catatan: 'Dibatalkan (uji)' }), 'batal');
    return documentId;
  }
  const last = BERITA_STEPS.findIndex((step) => step.ke === state);
  if (last < 0) throw new Error(`walkBeritaTo: unknown state ${state}`);
  for (const step of BERITA_STEPS.slice(0, last + 1)) {
    if (step.ke === 'didistribusikan') {
      const view = await expectOk(sopView(app, session('caraka'), 'berita', documentId), 'view');
      for (const copy of view.body.data.distribusi as { documentId: string; penerima: { nama: string } }[]) {
        await expectOk(
          transit(app, session('caraka'), 'distribusi', copy.documentId, 'diterima', { data: { diterimaOleh: `Penerima ${copy.penerima.nama}` } }),
          'receipt'
        );
      }
    }
    const data = step.ke === 'ditugaskan_ke_caraka' ? { data: { caraka: session('caraka').id } } : {};
    await expectOk(transit(app, session(step.by), 'berita', documentId, step.ke, data), step.ke);
  }
  return documentId;
};
