import { INSTANSI_SEED } from '../../src/bootstrap/instansi';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';

describe('instansi (letterhead and officials)', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database });
  });

  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  const read = () =>
    app.strapi.documents('api::instansi.instansi').findFirst({ populate: ['kepalaDinas', 'kepalaBidang', 'kepalaSeksi', 'pejabatPengaduan'] });

  it('is seeded from the service standards', async () => {
    const instansi = await read();
    expect(instansi).toMatchObject({
      pemerintah: 'Pemerintah Kota Pekalongan',
      dinas: 'Dinas Komunikasi dan Informatika',
      alamat: 'Jl. Mataram No. 5 Pekalongan Barat',
      kodePos: '51111',
      telepon: '(0285) 421243',
      email: 'diskominfo@pekalongankota.go.id',
      website: 'kominfo.pekalongankota.go.id',
    });
    expect(instansi?.kepalaSeksi).toMatchObject({ jabatan: INSTANSI_SEED.kepalaSeksi.jabatan });
    expect(instansi?.pejabatPengaduan).toMatchObject({ nama: 'Rusjanah' });
  });

  it('keeps staff edits across a restart', async () => {
    const instansi = await read();
    await app.strapi.documents('api::instansi.instansi').update({
      documentId: instansi!.documentId,
      data: { telepon: '(0285) 999999', kepalaDinas: { nama: 'Drs. Contoh Pejabat', nip: '197001011990031001', jabatan: 'Kepala Dinas' } },
    });
    await app.stop();
    app = await startApp({ database });
    const after = await read();
    expect(after?.telepon).toBe('(0285) 999999');
    expect(after?.kepalaDinas).toMatchObject({ nama: 'Drs. Contoh Pejabat', nip: '197001011990031001' });
    expect(await app.strapi.documents('api::instansi.instansi').count({})).toBe(1);
  });

  it('is not seeded again after staff removed it', async () => {
    const instansi = await read();
    await app.strapi.documents('api::instansi.instansi').delete({ documentId: instansi!.documentId });
    await app.stop();
    app = await startApp({ database });
    expect(await read()).toBeNull();
  });
});
