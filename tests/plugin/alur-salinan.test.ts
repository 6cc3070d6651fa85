/**
 * Issue 13, "one copy per recipient with receipts" on a type made without code: an administrator
 * activates, over /sop/alur, a "Pengiriman Berita Biasa" whose Kasi step makes one `distribusi`
 * per recipient listed in the record's JSON field `penerima` (effect `salinanPerPenerima`), carried
 * by the Caraka chosen; the Caraka records each receipt with a photo through the distribusi SOP
 * (`/sop/distribusi/...`), and the Operator's next step waits for every receipt
 * (`everyCopyDelivered` over the fact `distribusi` the app adds to bound records). A definition
 * naming a missing or non-JSON recipients field is refused at activation, with the reason.
 */
import sharp from 'sharp';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, sopView, transit } from '../helpers/sop';
import { readAuditFor } from '../../src/plugins/sop/server/src/index';
import type { WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { jenisSkema } from '../../src/plugins/sop/admin/src/alur/definisi';
import type { JsonSchema } from '../../src/plugins/sop/admin/src/alur/types';
import { DISTRIBUSI_VOCABULARY } from '../../src/sop-defs/distribusi/vocabulary';
import salinan from '../fixtures/sop/berita-keluar/definition-salinan.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
const MODEL = 'berita-keluar';
const DISTRIBUSI = 'api::distribusi.distribusi';

const PENERIMA = [
  { nama: 'Ajudan Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan', alamat: 'Jl. Mataram No. 1' },
  { nama: null, jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka', alamat: 'Jl. Sriwijaya No. 44' },
];

type Copy = {
  id: number;
  documentId: string;
  tahap: string;
  tujuan: string;
  alamat: string | null;
  saluran: string | null;
  nomorSalinan: number;
  jumlahSalinan: number;
  carakaId: number;
  nomorAgendaSurat: string | null;
  perihalSurat: string | null;
  indukUid: string;
  indukDocumentId: string;
  indukTahapAntar: string;
  diterimaOleh: string | null;
};

/** The fixture with the recipients field of its Kasi step's `salinanPerPenerima` renamed. */
const withKolom = (kolom: string): WorkflowData => {
  const definisi = structuredClone(salinan) as unknown as WorkflowData;
  definisi.transitions[2].effects![0].params = { ...definisi.transitions[2].effects![0].params, kolom };
  return definisi;
};

describe('copies per recipient with receipts on a type made without code (salinanPerPenerima)', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff = {} as Record<'admin' | 'operator' | 'kasi' | 'caraka' | 'carakaLain', AdminSession>;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);
  const get = (session: AdminSession, path: string) => app.http().get(path).set('Authorization', `Bearer ${session.token}`);
  const copiesOf = async (documentId: string): Promise<Copy[]> =>
    (await app.strapi.db
      .query(DISTRIBUSI)
      .findMany({ where: { indukUid: UID, indukDocumentId: documentId }, orderBy: { nomorSalinan: 'asc' } })) as Copy[];
  const stored = async (documentId: string) =>
    (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;

  /** A photo of the signed receipt, uploaded by the Caraka through the admin panel's own endpoint. */
  const uploadPhoto = async (session: AdminSession, label: string): Promise<number> => {
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 230, g: 220, b: 200 } } })
      .jpeg({ quality: 90 })
      .withMetadata({ exif: { IFD0: { Copyright: `exif-${label}` } } })
      .toBuffer();
    const response = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${session.token}`)
      .attach('files', photo, { filename: `tanda-terima-${label}.jpg`, contentType: 'image/jpeg' });
    expect([200, 201]).toContain(response.status);
    return (response.body as { id: number }[])[0].id;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env, beforeLoad: withBeritaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    // office roles only: what the activation grants them is all they hold on the new type
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.carakaLain = await createAdminSession(app, ROLE.caraka, { firstname: 'Danu', lastname: 'Caraka' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('is offered by GET /sop/kosakata with its params as JSON Schema, which the editor renders as a form', async () => {
    const kosakata = await get(staff.admin, '/sop/kosakata');
    expect(kosakata.status).toBe(200);
    const entry = (kosakata.body.data.effects as { type: string; describe: string; params: JsonSchema }[]).find(
      (one) => one.type === 'salinanPerPenerima'
    );
    expect(entry?.describe).toMatch(/satu salinan per penerima/);
    expect(entry?.params.required).toEqual(['kolom', 'caraka']);
    // the editor's params form: an object of two inputs, a text field and a value reference (JSON text)
    expect(jenisSkema(entry!.params)).toBe('object');
    expect(jenisSkema(entry!.params.properties!.kolom)).toBe('string');
    expect(entry!.params.properties!.kolom.description).toMatch(/Kolom JSON/);
    expect(jenisSkema(entry!.params.properties!.caraka)).toBe('json');
    const params = DISTRIBUSI_VOCABULARY.effects!.salinanPerPenerima.params;
    expect(params.safeParse({ kolom: 'penerima', caraka: { masukan: 'caraka' } }).success).toBe(true);
    expect(params.safeParse({ kolom: 'daftar penerima', caraka: 3 }).success).toBe(false);
    expect(params.safeParse({ kolom: 'penerima' }).success).toBe(false);
  });

  it('refuses at activation a recipients field the type lacks or that is not JSON, and on a type an SOP in code governs', async () => {
    const created = await post(staff.admin, '/sop/alur', {
      model: MODEL,
      nama: 'Pengiriman Berita Biasa',
      uid: UID,
      definisi: withKolom('lampiran'),
    });
    expect(created.status).toBe(201);
    const refused = await post(staff.admin, `/sop/alur/${MODEL}/versi/1/aktifkan`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.galat).toContain(
      `Langkah "Tugaskan Caraka mengantar salinan": efek salinanPerPenerima: kolom penerima "lampiran" tidak ada pada ${UID}; tambahkan bidang JSON "lampiran" di Content-Type Builder.`
    );
    // the editor's live check says the same, and so for a text field
    const teks = await post(staff.admin, '/sop/alur/periksa', { definisi: withKolom('perihal') });
    expect(teks.body.data.sah).toBe(false);
    expect(teks.body.data.galat.join(' ')).toContain(`kolom penerima "perihal" pada ${UID} berjenis string, harus JSON (daftar penerima).`);
    const kode = await post(staff.admin, '/sop/alur/periksa', { definisi: { ...withKolom('penerima'), model: 'berita', uid: 'api::berita.berita' } });
    expect(kode.body.data.galat.join(' ')).toContain(
      'efek salinanPerPenerima hanya untuk jenis konten yang dijalankan alur tanpa kode; api::berita.berita diatur SOP dalam kode.'
    );
    // nor into one of the engine's own fields
    expect((await post(staff.admin, '/sop/alur/periksa', { definisi: withKolom('paraf') })).body.data.galat.join(' ')).toContain(
      `kolom penerima "paraf" tidak ada pada ${UID}`
    );
    expect((await post(staff.admin, '/sop/alur/periksa', { definisi: salinan })).body.data).toMatchObject({ sah: true, galat: [] });
    expect((await get(staff.admin, `/sop/alur/${MODEL}`)).body.data.versiAktif).toBeNull();

    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi`, { definisi: salinan })).status).toBe(201);
    const activated = await post(staff.admin, `/sop/alur/${MODEL}/versi/2/aktifkan`);
    expect(activated.status).toBe(200);
    expect(activated.body.data.versiAktif).toBe(2);
  });

  it('makes one copy per recipient for the Caraka, who records each receipt; the next step waits for all of them', async () => {
    const created = await cmCreate(app, staff.operator, UID, {
      perihal: 'Undangan rapat koordinasi persandian',
      tujuan: 'Setda',
      penerima: PENERIMA,
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect((await transit(app, staff.operator, MODEL, documentId, 'diagendakan')).status).toBe(200);
    expect((await transit(app, staff.kasi, MODEL, documentId, 'diparaf')).status).toBe(200);
    const nomorAgenda = String((await stored(documentId)).nomorAgenda);
    expect(nomorAgenda).toMatch(/^0001\/\d{4}$/);

    // the Caraka is an active Caraka: a Kasi id is refused, nothing made
    const notCaraka = await transit(app, staff.kasi, MODEL, documentId, 'diantar', { data: { caraka: staff.kasi.id } });
    expect(notCaraka.status).toBe(400);
    expect(await copiesOf(documentId)).toHaveLength(0);
    expect((await stored(documentId)).tahap).toBe('diparaf');

    const assigned = await transit(app, staff.kasi, MODEL, documentId, 'diantar', { data: { caraka: staff.caraka.id } });
    expect(assigned.status).toBe(200);
    const copies = await copiesOf(documentId);
    expect(copies).toHaveLength(2);
    expect(copies.map((copy) => [copy.nomorSalinan, copy.jumlahSalinan, copy.tahap, copy.carakaId])).toEqual([
      [1, 2, 'ditugaskan', staff.caraka.id],
      [2, 2, 'ditugaskan', staff.caraka.id],
    ]);
    expect(copies[0]).toMatchObject({
      tujuan: 'Ajudan Wali Kota, Wali Kota Pekalongan',
      alamat: 'Jl. Mataram No. 1',
      saluran: 'ajudan',
      nomorAgendaSurat: nomorAgenda,
      perihalSurat: 'Undangan rapat koordinasi persandian',
      indukUid: UID,
      indukDocumentId: documentId,
      indukTahapAntar: 'diantar',
    });
    expect(copies[1]).toMatchObject({ tujuan: 'Kepala Dinas Kesehatan', saluran: 'caraka', alamat: 'Jl. Sriwijaya No. 44' });

    // the record's panel lists its copies (and the record runs under the version it started under)
    const panel = await sopView(app, staff.operator, MODEL, documentId);
    expect(panel.body.data.alurVersi).toBe(2);
    expect(panel.body.data.distribusi).toEqual(
      copies.map((copy) => expect.objectContaining({ documentId: copy.documentId, tahap: 'ditugaskan', nomorSalinan: copy.nomorSalinan }))
    );

    // the Caraka hears of his copies (by number, subject and recipient), not of the record he may not read
    const mail = await smtp.waitFor((one) => one.to.includes(staff.caraka.email) && one.subject.includes('salinan untuk diantar'));
    expect(mail.subject).toBe(`[Meja Sandi] 2 salinan untuk diantar ${nomorAgenda}`);
    expect(mail.text).toContain('2 salinan naskah "Undangan rapat koordinasi persandian"');
    expect(mail.text).toContain('2. Kepala Dinas Kesehatan');
    expect(mail.text).toContain(`/admin/content-manager/collection-types/${DISTRIBUSI}`);

    // his distribusi list shows recipient, address and letter, never the link to the parent
    const list = await get(staff.caraka, `/content-manager/collection-types/${DISTRIBUSI}?page=1&pageSize=50`);
    expect(list.status).toBe(200);
    const listed = (list.body.results as Record<string, unknown>[]).filter((row) => copies.some((copy) => copy.documentId === row.documentId));
    expect(listed).toHaveLength(2);
    for (const row of listed) {
      expect(row).toMatchObject({ nomorAgendaSurat: nomorAgenda, perihalSurat: 'Undangan rapat koordinasi persandian', tahap: 'ditugaskan' });
      expect(row).not.toHaveProperty('indukUid');
      expect(row).not.toHaveProperty('indukDocumentId');
    }
    // ... and gives him no read of the record itself, which its workflow does not name him on
    expect((await sopView(app, staff.caraka, MODEL, documentId)).status).toBe(403);
    expect((await get(staff.caraka, `/content-manager/collection-types/${UID}/${documentId}`)).status).toBe(403);
    const antrian = await get(staff.caraka, '/sop/antrian');
    expect(
      (antrian.body.data as { model: string; documentId: string }[]).filter((item) => item.model === 'distribusi').map((item) => item.documentId)
    ).toEqual(expect.arrayContaining(copies.map((copy) => copy.documentId)));

    // a corrected subject reaches the copies
    expect((await cmUpdate(app, staff.operator, UID, documentId, { perihal: 'Undangan rapat koordinasi persandian 2026' })).status).toBe(200);
    expect((await copiesOf(documentId)).map((copy) => copy.perihalSurat)).toEqual([
      'Undangan rapat koordinasi persandian 2026',
      'Undangan rapat koordinasi persandian 2026',
    ]);

    const early = await transit(app, staff.operator, MODEL, documentId, 'dikirim');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('Masih ada 2 salinan yang belum memiliki tanda terima.');

    // only the Caraka carrying the copy records its receipt
    const view = await sopView(app, staff.caraka, 'distribusi', copies[0].documentId);
    expect(view.status).toBe(200);
    expect(view.body.data.aksi.map((aksi: { ke: string }) => aksi.ke)).toEqual(['diterima', 'gagal']);
    const other = await transit(app, staff.carakaLain, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Bagus' } });
    expect(other.status).toBe(403);

    const first = await transit(app, staff.caraka, 'distribusi', copies[0].documentId, 'diterima', {
      data: { diterimaOleh: 'Bagus, ajudan Wali Kota', bukti: await uploadPhoto(staff.caraka, 'satu') },
    });
    expect(first.status).toBe(200);
    const half = await transit(app, staff.operator, MODEL, documentId, 'dikirim');
    expect(half.status).toBe(409);
    expect(half.body.error.message).toBe('Masih ada 1 salinan yang belum memiliki tanda terima.');

    const second = await transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', {
      data: { diterimaOleh: 'Sri, sekretariat Dinas Kesehatan', bukti: await uploadPhoto(staff.caraka, 'dua') },
    });
    expect(second.status).toBe(200);
    const received = await app.strapi.db
      .query(DISTRIBUSI)
      .findMany({ where: { indukDocumentId: documentId }, populate: { bukti: true }, orderBy: { nomorSalinan: 'asc' } });
    expect(received.map((copy: Copy & { bukti: { mime: string } | null }) => [copy.tahap, copy.diterimaOleh, copy.bukti?.mime])).toEqual([
      ['diterima', 'Bagus, ajudan Wali Kota', 'image/jpeg'],
      ['diterima', 'Sri, sekretariat Dinas Kesehatan', 'image/jpeg'],
    ]);

    expect((await transit(app, staff.operator, MODEL, documentId, 'dikirim')).status).toBe(200);
    // the parent has left the delivery state: a copy's steps are closed
    const panelAfter = await sopView(app, staff.operator, MODEL, documentId);
    expect(panelAfter.body.data.distribusi.map((copy: { tahap: string }) => copy.tahap)).toEqual(['diterima', 'diterima']);
    expect((await transit(app, staff.operator, MODEL, documentId, 'diarsipkan')).status).toBe(200);

    // audit: the record's steps, one receipt per copy, the chain intact
    const trail = await readAuditFor(app.strapi.db.connection, MODEL, documentId);
    expect(trail.map((row) => row.ke)).toEqual(['draf', 'diagendakan', 'diparaf', 'diantar', 'diubah', 'dikirim', 'diarsipkan']);
    expect(trail.find((row) => row.ke === 'diantar')).toMatchObject({ aktorId: staff.kasi.id, dari: 'diparaf' });
    for (const copy of copies) {
      const rows = await readAuditFor(app.strapi.db.connection, 'distribusi', copy.documentId);
      expect(rows.map((row) => [row.dari, row.ke, row.aktorId])).toEqual([['ditugaskan', 'diterima', staff.caraka.id]]);
    }
    const verify = await get(staff.admin, '/sop/audit/verify');
    expect(verify.body.data).toMatchObject({ ok: true });
    // the record's own e-mails (with its link) never went to the Caraka
    expect(smtp.messages.filter((one) => one.to.includes(staff.caraka.email) && one.text.includes(`${UID}/${documentId}`))).toEqual([]);
  });

  it('refuses recipients the channel rule or the component refuses (400), and the step changes nothing', async () => {
    const wrongChannel = [{ jabatan: 'Sekretaris Daerah', kategori: 'sekda', saluran: 'caraka' }];
    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Nota dinas', tujuan: 'Setda', penerima: wrongChannel });
    const documentId = created.body.data.documentId as string;
    expect((await transit(app, staff.operator, MODEL, documentId, 'diagendakan')).status).toBe(200);
    expect((await transit(app, staff.kasi, MODEL, documentId, 'diparaf')).status).toBe(200);
    const refused = await transit(app, staff.kasi, MODEL, documentId, 'diantar', { data: { caraka: staff.caraka.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Sekretaris Daerah (Sekretaris Daerah) harus menerima melalui ajudan, bukan diantar caraka.');
    expect(await copiesOf(documentId)).toHaveLength(0);
    expect((await stored(documentId)).tahap).toBe('diparaf');

    expect(
      (await cmUpdate(app, staff.operator, UID, documentId, { penerima: [{ jabatan: 'K', kategori: 'kepala_opd', saluran: 'pos' }] })).status
    ).toBe(200);
    const invalid = await transit(app, staff.kasi, MODEL, documentId, 'diantar', { data: { caraka: staff.caraka.id } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toBe('Penerima ke-1 pada kolom "penerima" (jabatan): jabatan penerima wajib diisi.');
    expect(await copiesOf(documentId)).toHaveLength(0);
  });
});
