import { IntlMessageFormat } from 'intl-messageformat';
import { INSTANSI_SEED } from '../../src/bootstrap/instansi';
import { namaKantor } from '../../src/domain/kantor';
import { icuLiteral, NAMA_KANTOR_PATH, sambutan } from '../../src/admin/components/sambutan';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';

describe('instansi (letterhead and officials)', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true }); // first boot on an empty database, as on a new install
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

  it("gives the admin panel's welcome texts the office's name from the instansi, without a login, and follows a rename", async () => {
    const seeded = await app.http().get(NAMA_KANTOR_PATH);
    expect(seeded.status).toBe(200);
    expect(seeded.headers['cache-control']).toBe('no-store');
    expect(seeded.body).toEqual({
      data: { kantor: 'Dinas Komunikasi dan Informatika Kota Pekalongan', seksi: 'Seksi Persandian dan Keamanan Informasi' },
    });
    const instansi = await read();
    await app.strapi.documents('api::instansi.instansi').update({
      documentId: instansi!.documentId,
      data: { pemerintah: 'Pemerintah Kabupaten Batang', dinas: 'Dinas Komunikasi, Informatika, Statistik dan Persandian' },
    });
    const renamed = await app.http().get(NAMA_KANTOR_PATH);
    // nothing of the officials: the unit names alone
    expect(renamed.body).toEqual({
      data: { kantor: 'Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Batang', seksi: 'Seksi Persandian dan Keamanan Informasi' },
    });
    expect(JSON.stringify(renamed.body)).not.toMatch(/Rusjanah|nip|alamat/i);
    await app.strapi
      .documents('api::instansi.instansi')
      .update({ documentId: instansi!.documentId, data: { pemerintah: INSTANSI_SEED.pemerintah, dinas: INSTANSI_SEED.dinas } });
  });

  it('the welcome texts read as the office typed its name, whatever characters it holds', () => {
    expect(namaKantor({ pemerintah: 'Pemerintah Kota Pekalongan', dinas: 'Dinas Komunikasi dan Informatika' }).kantor).toBe(
      'Dinas Komunikasi dan Informatika Kota Pekalongan'
    );
    expect(namaKantor({ pemerintah: '', dinas: 'Dinas Kominfo Kota Pekalongan' }).kantor).toBe('Dinas Kominfo Kota Pekalongan');
    expect(namaKantor({ pemerintah: 'Pemerintah Kota Pekalongan', dinas: 'Dinas Kominfo Kota Pekalongan' }).kantor).toBe(
      'Dinas Kominfo Kota Pekalongan'
    );
    expect(namaKantor(null)).toEqual({ kantor: null, seksi: null });
    expect(namaKantor({ kepalaSeksi: { jabatan: 'Pelaksana' } }).seksi).toBeNull();
    const odd = "Dinas {Kominfo} <b>Kota</b> 'Pekalongan' #1 {{";
    expect(new IntlMessageFormat(icuLiteral(odd), 'id').format()).toBe(odd);
    const texts = sambutan({ kantor: odd, seksi: 'Seksi Persandian' });
    const shown = (id: string) => String(new IntlMessageFormat(texts[id], 'id').format());
    expect(shown('Auth.form.welcome.subtitle')).toBe(`Masuk ke Meja Sandi — ${odd}`);
    expect(shown('HomePage.header.subtitle')).toBe(`Seksi Persandian, ${odd}`);
    // unknown office: the product's name alone
    expect(sambutan(null)['HomePage.header.title']).toBe('Meja Sandi');
    expect(Object.values(sambutan(null)).join(' ')).not.toMatch(/Strapi|Pekalongan/);
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
    // the panel then welcomes with the product's name alone
    expect((await app.http().get(NAMA_KANTOR_PATH)).body).toEqual({ data: { kantor: null, seksi: null } });
  });
});
