import type { Core } from '@strapi/strapi';

/** The letterhead as the seed documents give it; officials' names are left for staff to fill. */
export const INSTANSI_SEED = {
  pemerintah: 'Pemerintah Kota Pekalongan',
  dinas: 'Dinas Komunikasi dan Informatika',
  alamat: 'Jl. Mataram No. 5 Pekalongan Barat',
  kota: 'Pekalongan',
  kodePos: '51111',
  telepon: '(0285) 421243',
  email: 'diskominfo@pekalongankota.go.id',
  website: 'kominfo.pekalongankota.go.id',
  kepalaDinas: { jabatan: 'Kepala Dinas Komunikasi dan Informatika' },
  kepalaBidang: { jabatan: 'Kepala Bidang Aplikasi dan Persandian' },
  kepalaSeksi: { jabatan: 'Kepala Seksi Persandian dan Keamanan Informasi' },
  pejabatPengaduan: { nama: 'Rusjanah', jabatan: 'Pejabat Pengaduan' },
};

const SEED_FLAG = 'seeded-instansi';

/** Seeds the single type once; afterwards staff edits (and even a deletion) are left alone. */
export const seedInstansi = async (strapi: Core.Strapi): Promise<void> => {
  const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: SEED_FLAG });
  if (await flag.get({})) return;
  const existing = await strapi.documents('api::instansi.instansi').findFirst({});
  if (!existing) {
    await strapi.documents('api::instansi.instansi').create({ data: INSTANSI_SEED });
    strapi.log.info('[instansi] Data kop surat awal diisi dari standar pelayanan.');
  }
  await flag.set({ value: { at: new Date().toISOString() } });
};
