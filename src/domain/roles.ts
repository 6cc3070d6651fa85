/**
 * The eight admin roles of the Persandian section and what each may do in the
 * content manager, declared in one place. Bootstrap applies this declaration
 * (src/bootstrap/roles.ts); the SOP workflows name the same role keys.
 */
export const ROLE_NAMES = {
  operator: 'Operator Transmisi Sandi',
  sandiman: 'Sandiman',
  kasi: 'Kepala Seksi Persandian dan Keamanan Informasi',
  kabid: 'Kepala Bidang Aplikasi dan Persandian',
  kadis: 'Kepala Dinas',
  caraka: 'Caraka',
  petugasPengaduan: 'Petugas Pengaduan',
  pejabatPengaduan: 'Pejabat Pengaduan',
} as const;

export type RoleKey = keyof typeof ROLE_NAMES;
export type RoleName = (typeof ROLE_NAMES)[RoleKey];

export const ROLE_KEYS = Object.keys(ROLE_NAMES) as RoleKey[];

export const roleKeyOfName = (name: string): RoleKey | undefined => ROLE_KEYS.find((key) => ROLE_NAMES[key] === name);

export type ContentAction = 'create' | 'read' | 'update' | 'delete' | 'publish';

export type ContentPermission = {
  uid: string;
  actions: readonly ContentAction[];
  /** Field allow-list; omitted means every field of the content type. */
  fields?: readonly string[];
};

export type RoleDeclaration = {
  key: RoleKey;
  name: RoleName;
  code: string;
  description: string;
  content: readonly ContentPermission[];
  /** Admin actions outside the content manager (e.g. the media library). */
  plugin: readonly PluginGrant[];
};

/** An admin action outside the content manager: its uid, or the uid limited by admin conditions. */
export type PluginGrant = string | { action: string; conditions: readonly string[] };

/** Strapi's admin condition "the user created it": for the media library, the files the user uploaded. */
export const OWN_UPLOADS = 'admin::is-creator';
const own = (action: string): PluginGrant => ({ action, conditions: [OWN_UPLOADS] });

/**
 * The media library for a role that attaches files (lampiran, kriptogram file, receipt
 * proof, logo): upload, and see, describe, download or delete only its own uploads. Files
 * attached to records are read through the records' own rules (GET /berkas/…, src/files/),
 * never by browsing the library; a file a recorded step used is locked (src/files/guard.ts).
 */
const MEDIA: readonly PluginGrant[] = [
  'plugin::upload.assets.create',
  own('plugin::upload.read'),
  own('plugin::upload.assets.update'),
  own('plugin::upload.assets.download'),
  own('plugin::upload.assets.copy-link'),
];
/** Roles that attach no file get no media-library right at all. */
const NO_MEDIA: readonly PluginGrant[] = [];

const READ: readonly ContentAction[] = ['read'];
const EDIT: readonly ContentAction[] = ['create', 'read', 'update'];
const MANAGE: readonly ContentAction[] = ['create', 'read', 'update', 'delete'];

const UID = {
  instansi: 'api::instansi.instansi',
  hariLibur: 'api::hari-libur.hari-libur',
  berita: 'api::berita.berita',
  kartuKendali: 'api::kartu-kendali.kartu-kendali',
  distribusi: 'api::distribusi.distribusi',
  kriptogram: 'api::kriptogram.kriptogram',
  salinan: 'api::salinan.salinan',
  pengaduan: 'api::pengaduan.pengaduan',
  standarPelayanan: 'api::standar-pelayanan.standar-pelayanan',
  pelaksana: 'api::pelaksana.pelaksana',
} as const;

/** Every complaint field but the tracking-code hash, which no person needs to see. */
const PENGADUAN_FIELDS = [
  'nomorTiket',
  'nama',
  'kontak',
  'isi',
  'layanan',
  'saluran',
  'waktuDiterima',
  'tahap',
  'tenggat',
  'tenggatPengakuan',
  'tenggatRespons',
  'tenggatPenyelesaian',
  'tanggapan',
  'catatan',
  'versi',
] as const;

/** What may be seen of a salinan outside the `/sop` plaintext endpoint: never `isi` or `berkas`. */
const SALINAN_METADATA = [
  'nomor',
  'perihal',
  'klasifikasi',
  'lampiran',
  'penerima',
  'jumlahSalinan',
  'parafSandiman',
  'tandaTanganKasi',
  'capDinas',
  'amplopDisegel',
  'amplopRangkap',
  'diarsipkan',
  'kriptogram',
  'berkasTipe',
];
/** That a kriptogram exists: number, date, tahap and recipients — never its content. */
const KRIPTOGRAM_EXISTENCE = [
  'nomorAgenda',
  'nomorKriptogram',
  'waktuDiterima',
  'tahap',
  'tenggat',
  'klasifikasi',
  'derajatKecepatan',
  'salinan',
  'distribusi',
];
const SALINAN_RECIPIENTS = ['nomor', 'klasifikasi', 'penerima', 'jumlahSalinan', 'kriptogram'];
/**
 * A copy's own fields, without its parent letter's agenda number and subject (`nomorAgendaSurat`,
 * `perihalSurat`, repeated from the parent): the grant of a role that may not read every parent
 * it delivers — the Sandiman, who has no grant on berita — and what a printed receipt needs of
 * the copy (src/letters/registry.ts; the letter's fields it prints come under the parent's grant).
 */
export const DISTRIBUSI_WITHOUT_LETTER = [
  'tujuan',
  'penerima',
  'alamat',
  'saluran',
  'nomorSalinan',
  'jumlahSalinan',
  'tahap',
  'carakaId',
  'carakaNama',
  'diterimaOleh',
  'waktuDiterima',
  'bukti',
  'catatan',
  'versi',
  'berita',
  'kriptogram',
  'nomorSurat',
];

const reference: readonly ContentPermission[] = [
  { uid: UID.instansi, actions: READ },
  { uid: UID.hariLibur, actions: READ },
  { uid: UID.standarPelayanan, actions: READ },
];

const declare = (
  key: RoleKey,
  description: string,
  content: readonly ContentPermission[],
  plugin: readonly PluginGrant[] = MEDIA
): RoleDeclaration => ({
  key,
  name: ROLE_NAMES[key],
  code: `meja-sandi-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  description,
  content: [...reference.filter((r) => !content.some((c) => c.uid === r.uid)), ...content],
  plugin,
});

/** Content types whose records only move through `/sop` transitions: nobody deletes them. */
export const ROLE_DECLARATIONS: readonly RoleDeclaration[] = [
  declare('operator', 'Membuka e-mail Sanapati, mencetak, mengagendakan, mengisi kartu kendali, mengarsipkan.', [
    { uid: UID.berita, actions: EDIT },
    { uid: UID.kartuKendali, actions: READ },
    { uid: UID.distribusi, actions: READ },
    { uid: UID.hariLibur, actions: MANAGE },
    { uid: UID.kriptogram, actions: READ, fields: KRIPTOGRAM_EXISTENCE },
    { uid: UID.salinan, actions: READ, fields: SALINAN_RECIPIENTS },
  ]),
  declare('sandiman', 'Mengagendakan kriptogram, mendeskripsi, mengetik salinan, menomori, mendistribusikan.', [
    { uid: UID.kriptogram, actions: EDIT },
    { uid: UID.salinan, actions: READ, fields: SALINAN_METADATA },
    { uid: UID.distribusi, actions: READ, fields: DISTRIBUSI_WITHOUT_LETTER },
  ]),
  declare('kasi', 'Pemeriksa; paraf; menugaskan Caraka dan Sandiman; menandatangani surat pengantar.', [
    { uid: UID.instansi, actions: ['read', 'update'] },
    { uid: UID.hariLibur, actions: MANAGE },
    { uid: UID.standarPelayanan, actions: ['create', 'read', 'update', 'publish'] },
    { uid: UID.berita, actions: READ },
    { uid: UID.kartuKendali, actions: READ },
    { uid: UID.distribusi, actions: READ },
    { uid: UID.kriptogram, actions: READ },
    { uid: UID.salinan, actions: READ, fields: SALINAN_METADATA },
  ]),
  declare(
    'kabid',
    'Memberi paraf berjenjang.',
    [
      { uid: UID.berita, actions: READ },
      { uid: UID.kartuKendali, actions: READ },
      { uid: UID.distribusi, actions: READ },
      { uid: UID.kriptogram, actions: READ },
      { uid: UID.salinan, actions: READ, fields: SALINAN_METADATA },
    ],
    NO_MEDIA
  ),
  declare(
    'kadis',
    'Memberi paraf berjenjang; menunjuk Plh/Plt.',
    [
      { uid: UID.instansi, actions: ['read', 'update'] },
      { uid: UID.berita, actions: READ },
      { uid: UID.kartuKendali, actions: READ },
      { uid: UID.distribusi, actions: READ },
      { uid: UID.kriptogram, actions: READ },
      { uid: UID.salinan, actions: READ, fields: SALINAN_METADATA },
      // names the acting officials (Plh / Plt, Permendagri 1/2023); nobody else may (src/sop-defs/pelaksana.ts)
      { uid: UID.pelaksana, actions: MANAGE },
    ],
    NO_MEDIA
  ),
  declare('caraka', 'Mendistribusikan surat, meminta paraf tanda terima, menyerahkan tanda terima.', [
    { uid: UID.berita, actions: READ, fields: ['nomorAgenda', 'perihal', 'tahap', 'tenggat', 'penerima', 'sifat', 'derajatKecepatan'] },
    { uid: UID.distribusi, actions: READ },
    { uid: UID.kriptogram, actions: READ, fields: KRIPTOGRAM_EXISTENCE },
    { uid: UID.salinan, actions: READ, fields: SALINAN_RECIPIENTS },
  ]),
  declare(
    'petugasPengaduan',
    'Menerima, mencatat, dan menanggapi pengaduan.',
    [{ uid: UID.pengaduan, actions: EDIT, fields: PENGADUAN_FIELDS }],
    NO_MEDIA
  ),
  declare(
    'pejabatPengaduan',
    'Menyelesaikan pengaduan yang diteruskan petugas.',
    [{ uid: UID.pengaduan, actions: ['read', 'update'], fields: PENGADUAN_FIELDS }],
    NO_MEDIA
  ),
];

/** Who asks to read: the SOP roles they hold, and whether they are Super Admin (who reads everything). */
export type Pembaca = { roles: readonly string[]; isSuperAdmin: boolean };

/** Whether a role of `pembaca` may open records of `uid` at all (its content-manager read grant). */
export const mayReadType = (pembaca: Pembaca, uid: string): boolean =>
  pembaca.isSuperAdmin ||
  ROLE_DECLARATIONS.some(
    (role) => pembaca.roles.includes(role.key) && role.content.some((grant) => grant.uid === uid && grant.actions.includes('read'))
  );

/**
 * The content-manager read grant, field by field: a role whose grant lists fields (the
 * Caraka's on berita) may read only those; `fields` absent asks for the whole record, which a
 * field-limited grant does not give.
 */
export const mayReadFields = (pembaca: Pembaca, akses: { uid: string; fields?: readonly string[] }): boolean =>
  pembaca.isSuperAdmin ||
  ROLE_DECLARATIONS.some(
    (role) =>
      pembaca.roles.includes(role.key) &&
      role.content.some(
        (grant) =>
          grant.uid === akses.uid &&
          grant.actions.includes('read') &&
          (grant.fields === undefined || (akses.fields !== undefined && akses.fields.every((field) => grant.fields!.includes(field))))
      )
  );

/** The short name of each role on the SOP diagrams' arrows. */
export const ROLE_SHORT_NAMES: Readonly<Record<RoleKey, string>> = {
  operator: 'Operator',
  sandiman: 'Sandiman',
  kasi: 'Kasi',
  kabid: 'Kabid',
  kadis: 'Kadis',
  caraka: 'Caraka',
  petugasPengaduan: 'Petugas',
  pejabatPengaduan: 'Pejabat',
};
