import type { Core } from '@strapi/strapi';
import { SLUG_BERITA_BIASA, SLUG_NASKAH_DIKECUALIKAN } from '../domain/standar-pelayanan';
import { inBootTransaction } from './boot-transaction';

const UID = 'api::standar-pelayanan.standar-pelayanan';

const numbered = (...uraian: string[]) => uraian.map((text, index) => ({ nomor: index + 1, uraian: text }));

const PENGADUAN_TAK_LANGSUNG = {
  telepon: [{ nomor: '(0285) 421243' }, { nomor: '(0285) 420223' }],
  email: 'diskominfo@pekalongankota.go.id',
  website: 'http://kominfo.pekalongankota.go.id',
  pejabatNama: 'Rusjanah',
  pejabatHp: '0858-6062-0563',
};

const PENGADUAN_LANGSUNG = numbered(
  'Pemohon menyampaikan pengaduan langsung kepada petugas',
  'Petugas merespon pengaduan pemohon sampai mendapatkan solusi',
  'Apabila petugas tidak dapat menyelesaikan masalah, maka pengaduan diteruskan ke Pejabat Dinas Kominfo',
  'Pejabat Kominfo menyelesaikan permasalahan sampai tuntas dan mendapatkan solusi'
);

/**
 * The two official standards (../shared/seeds), verbatim up to whitespace: wrapped
 * lines are joined and runs of spaces collapsed. A component a seed does not have
 * stays empty; the admin panel's completeness check shows it.
 */
export const STANDAR_SEED = [
  {
    slug: SLUG_BERITA_BIASA,
    nama: 'Pelayanan Penerimaan Berita Biasa Email Sanapati',
    satuanKerja: 'DINAS KOMUNIKASI DAN INFORMATIKA KOTA PEKALONGAN',
    dasarHukum: numbered(
      'Keputusan Menteri Dalam Negeri Nomor 34 Tahun 2001 tentang Pengamanan Berita Rahasia Melalui Proses Persandian dan Telekomunikasi;',
      'Peraturan Wali Kota Pekalongan Nomor 58 Tahun 2021 tentang Penyelenggaraan Persandian Untuk Pengamanan Informasi Di Lingkungan Pemerintah Kota Pekalongan.',
      'Peraturan Walikota Pekalongan Nomor 71 Tahun 2021 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Komunikasi dan Informatika.'
    ),
    persyaratan: [{ uraian: '-' }],
    prosedur: numbered(
      'Operator Transmisi Sandi membuka email Sanapati',
      'Operator Transmisi Sandi meneliti, mengecek, membaca isi, tujuan surat elektronik di email Sanapati',
      'Operator Transmisi Sandi mencetak surat elektronik tersebut sesuai jumlah penerima surat',
      'Operator Transmisi Sandi mengagendakan surat tersebut di buku agenda surat masuk',
      'Operator Transmisi Sandi mengisi kartu kendali / lembar pengantar dan menempelkan kartu kendali / lembar pengantar ke surat dan meneruskan surat kepada Kepala Seksi Persandian dan Keamanan Informasi sebagai pemeriksa',
      'Kepala Dinas Komunikasi dan Informatika, Kepala Bidang Aplikasi dan Persandian serta Kepala Seksi Persandian dan Keamanan Informasi memberikan paraf secara berjenjang.',
      'Kepala Seksi Persandian dan Keamanan Informasi menugaskan Caraka untuk mendistribusikan surat tersebut sesuai alamat tujuan dengan ketentuan:',
      'Surat asli / tembusan untuk Walikota, Sekretaris Daerah, Asisten disampaikan melalui ajudan masing-masing',
      'Surat asli / tembusan untuk Kepala OPD disampaikan langsung oleh caraka ke alamat tujuan atau melalui faximili atau aplikasi surat online',
      'Caraka mendistribusikan surat ke alamat tujuan, meminta paraf tanda terima dan menyampaikan tanda terima kepada Operator Transmisi Sandi email Sanapati.',
      'Operator Transmisi Sandi mengarsipkan surat masuk beserta kartu kendali / lembar pengantar dan tanda terima'
    ),
    jangkaWaktu: [
      '5 (lima) hari kerja,',
      '- Senin-Kamis 08.00 - 16.00 WIB',
      'Istirahat 12.00 - 13.00 WIB',
      '- Jumat 08.00 - 11.00 WIB',
      '- Waktu penyelesaian : 1 hari',
    ].join('\n'),
    waktuPenyelesaianHariKerja: 1,
    jamLayanan: [
      ...(['senin', 'selasa', 'rabu', 'kamis'] as const).map((hari) => ({
        hari,
        buka: '08.00',
        tutup: '16.00',
        istirahatMulai: '12.00',
        istirahatSelesai: '13.00',
      })),
      { hari: 'jumat' as const, buka: '08.00', tutup: '11.00' },
    ],
    biaya: 'Gratis',
    produkPelayanan: [{ uraian: 'Penerimaan Naskah Berita Biasa Email Sanapati' }],
    penangananPengaduan: { ...PENGADUAN_TAK_LANGSUNG, pengaduanLangsung: PENGADUAN_LANGSUNG },
    saranaPrasarana: numbered('Komputer', 'Ruang Tunggu/Ruang Tamu'),
    kompetensiPelaksana: numbered(
      'Bertugas di Seksi Persandian, dan Keamanan Informasi pada Bidang Aplikasi dan Persandian Dinas Komunikasi dan Informatika Kota Pekalongan;',
      'Mempunyai kualifikasi sandi;',
      'Mengetahui operasional email sanapati.'
    ),
    pengawasanInternal: 'Kepala Seksi Persandian dan Keamanan Informasi',
    jumlahPelaksana: '1 (Satu) Orang',
    jaminanPelayanan: 'Layanan diberikan dengan sebaik-baiknya',
    jaminanKeamanan: numbered('Lingkungan aman', 'Kondisi ruangan nyaman'),
    evaluasiKinerja: 'Dilaksanakan setiap tiga bulan sekali oleh pimpinan',
  },
  {
    slug: SLUG_NASKAH_DIKECUALIKAN,
    nama: 'Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan',
    satuanKerja: 'Dinas Komunikasi dan Informatika',
    nomorSK: '060/040/III Tahun 2022',
    persyaratan: numbered('-'),
    prosedur: numbered(
      'Sandiman menerima surat bersandi (kriptogram)',
      'Sandiman mengagendakan kriptogram di buku agenda kriptogram masuk',
      'Sandiman melaporkan kriptogram yang diterima kepada Kasi Persandian dan Keamanan Informasi',
      'Kepala Seksi Persandian dan Keamanan Informasi menugaskan Sandiman untuk mendeskripsi kriptogram',
      'Sandiman mendeskripsi kriptogram dan mengetik hasil deskripsi sebagai surat salinan disertai pengantar',
      'Sandiman memberi paraf pada surat pengantar dan menyampaikan surat salinan dan surat pengantar kepada Kasi Persandian dan Keamanan Informasi untuk ditandatangani',
      'Kepala Seksi Persandian dan Keamanan Informasi memberi tanda tangan pada surat pengantar dan menugaskan Sandiman untuk menyampikan surat salinan ke alamat penerima',
      'Sandiman menomori surat salinan melalui buku agenda kriptogram masuk, memberi cap stempel, amplop surat dan mendistribusikan surat salinan sesuai alamat penerima dengan melampirkan resi bukti tanda terima',
      'Sandiman mengarsipkan kriptogram dan salinan berita rahasia'
    ),
    jangkaWaktu: '1 Hari kerja',
    waktuPenyelesaianHariKerja: 1,
    biaya: 'Tidak dipungut biaya',
    produkPelayanan: numbered('Pelayanan Penerimaan Naskah Dinas Yang Dikecualikan'),
    penangananPengaduan: { ...PENGADUAN_TAK_LANGSUNG, pengaduanLangsung: PENGADUAN_LANGSUNG },
  },
];

const SEED_FLAG = 'seeded-standar-pelayanan';
const LAYOUT_FLAG = 'standar-pelayanan-layout';

type SeedState = { slugs: string[]; at: string };

/**
 * Creates and publishes each seeded standard once. The flag remembers which slugs
 * were seeded: a standard staff edited keeps their edits, one they deleted stays
 * deleted, and a standard added to the seed later is still seeded.
 */
export const seedStandarPelayanan = async (strapi: Core.Strapi): Promise<void> => {
  const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: SEED_FLAG });
  const state = ((await flag.get({})) ?? { slugs: [] }) as SeedState;
  const seeded = new Set(state.slugs ?? []);
  const pending = STANDAR_SEED.filter((seed) => !seeded.has(seed.slug));
  if (pending.length === 0) return;
  for (const seed of pending) {
    const existing = await strapi.db.query(UID).findOne({ where: { slug: seed.slug } });
    if (!existing) {
      const created = await strapi.documents(UID).create({ data: seed as never });
      await strapi.documents(UID).publish({ documentId: created.documentId });
      strapi.log.info(`[standar-pelayanan] "${seed.nama}" diisi dari standar pelayanan resmi dan dipublikasikan.`);
    }
    seeded.add(seed.slug);
  }
  await flag.set({ value: { slugs: Array.from(seeded), at: new Date().toISOString() } satisfies SeedState });
};

type FieldMeta = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = { settings: Record<string, unknown>; metadatas: Record<string, FieldMeta>; layouts: { list: string[]; edit: unknown } };
type ConfigService = {
  findConfiguration: (model: { uid: string }) => Promise<Configuration>;
  updateConfiguration: (model: { uid: string }, configuration: Configuration) => Promise<unknown>;
};

/** What a repeatable entry is called in its collapsed row, and hints staff need while typing. */
const LAYOUTS: Record<string, { kind: 'content-types' | 'components'; mainField?: string; list?: string[]; descriptions?: Record<string, string> }> =
  {
    [UID]: {
      kind: 'content-types',
      list: ['nama', 'slug', 'nomorSK', 'satuanKerja'],
      descriptions: {
        slug: 'Alamat halaman publik /standar-pelayanan/<slug>; jangan diubah setelah situs lain menautkannya.',
        nomorSK: 'Nomor SK penetapan standar pelayanan, misalnya 060/040/III Tahun 2022.',
        jangkaWaktu: 'Teks jangka waktu penyelesaian seperti tertulis di standar.',
        waktuPenyelesaianHariKerja: 'Waktu penyelesaian dalam hari kerja (angka).',
        jamLayanan:
          'Satu baris per hari buka (WIB, format 08.00); hari yang tidak dicantumkan tutup. Jam layanan standar "penerimaan-berita-biasa-email-sanapati" yang terbit dipakai untuk menghitung tenggat.',
        biaya: 'Misalnya "Gratis" atau "Tidak dipungut biaya".',
      },
    },
    'layanan.butir': { kind: 'components', mainField: 'uraian' },
    'layanan.langkah': { kind: 'components', mainField: 'uraian' },
    'layanan.telepon': { kind: 'components', mainField: 'nomor' },
    'layanan.jam-layanan': {
      kind: 'components',
      mainField: 'hari',
      descriptions: {
        buka: 'Format JJ.MM, misalnya 08.00',
        tutup: 'Format JJ.MM, misalnya 16.00',
        istirahatMulai: 'Kosongkan bila tanpa istirahat',
        istirahatSelesai: 'Kosongkan bila tanpa istirahat',
      },
    },
  };

/**
 * Content-manager layout of the standard and its components (row titles, list
 * columns, field hints), once per model: later changes by an administrator stay.
 */
export const applyStandarPelayananLayout = async (strapi: Core.Strapi): Promise<void> => {
  const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: LAYOUT_FLAG });
  const applied = new Set(((await flag.get({})) ?? []) as string[]);
  const pending = Object.entries(LAYOUTS).filter(([uid]) => !applied.has(uid));
  if (pending.length === 0) return;
  for (const [uid, layout] of pending) {
    const service = strapi.plugin('content-manager').service(layout.kind) as ConfigService;
    const current = await service.findConfiguration({ uid });
    const metadatas = { ...current.metadatas };
    for (const [field, description] of Object.entries(layout.descriptions ?? {})) {
      metadatas[field] = { ...metadatas[field], edit: { ...(metadatas[field]?.edit ?? {}), description } };
    }
    await service.updateConfiguration(
      { uid },
      {
        ...current,
        metadatas,
        settings: { ...current.settings, ...(layout.mainField ? { mainField: layout.mainField } : {}) },
        layouts: { ...current.layouts, ...(layout.list ? { list: layout.list } : {}) },
      }
    );
    applied.add(uid);
  }
  await flag.set({ value: Array.from(applied) });
};

/**
 * Bootstrap step: the content-manager layout, then the seeds, in one boot transaction
 * (inBootTransaction: one process at a time). A first boot writes the two standards with some
 * hundred component rows, one commit each otherwise (issue 14). Throws what the content manager,
 * the document service or the database throws (nothing is then kept).
 */
export const bootstrapStandarPelayanan = (strapi: Core.Strapi): Promise<void> =>
  inBootTransaction(strapi, async () => {
    await applyStandarPelayananLayout(strapi);
    await seedStandarPelayanan(strapi);
  });
