/**
 * Issue 13: a workflow made without code issues a named letter. "Pengiriman Berita Biasa" is
 * stored over `/sop/alur` with `buatSurat` on its send step (a surat dinas: number = the agenda
 * number, hal, body and addressees from the record's fields, signature block from the Kasi's
 * paraf). Before the step the letter does not exist (409, no print button); after it the panel
 * offers it to the roles that read the record and the .docx holds what the office expects,
 * including the Plh form of Permendagri 1/2023; a role that may not read the type gets 403; a
 * definition naming fields the type lacks is refused at activation with the reason.
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { cmCreate, ROLE, sopView, transit } from '../helpers/sop';
import { bukaDocx, expectFile, TEMPLATE_TAG, unduh, xmlEscape } from '../letters/unduh';
import { BOUND_EFFECTS, ConflictError, sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import type { JenisKonten, WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { daftarPenerimaSurat } from '../../src/domain/letters/surat';
import { buatSuratParams, periksaBuatSurat, SURAT_EFFECTS, SURAT_VOCABULARY } from '../../src/sop-defs/surat';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
const MODEL = 'berita-keluar';
const SEND = 'Kirim';

type Definisi = WorkflowData & { transitions: (WorkflowData['transitions'][number] & { effects?: { type: string; params?: object }[] })[] };

/** The fixture's definition with `buatSurat` (these params) on its send step. */
const withSurat = (params: Record<string, unknown>): Definisi => {
  const copy = structuredClone(definition) as Definisi;
  const send = copy.transitions.find((step) => step.label === SEND)!;
  send.effects = [...(send.effects ?? []), { type: 'buatSurat', params }];
  return copy;
};

const SURAT_DINAS = { surat: 'surat-dinas', perihal: 'perihal', isi: 'isi', penerima: 'tujuan', paraf: 'parafKasi' };

describe('buatSurat: the vocabulary entry', () => {
  it('is described in Indonesian; its letter is one of a closed list, its fields are names', () => {
    expect(SURAT_VOCABULARY.effects?.buatSurat.describe).toMatch(/surat dinas/);
    expect(buatSuratParams.parse(SURAT_DINAS)).toEqual(SURAT_DINAS);
    expect(buatSuratParams.safeParse({ ...SURAT_DINAS, surat: 'surat-cinta' }).error?.issues[0].message).toBe(
      'surat harus salah satu dari: surat-dinas, nota-dinas'
    );
    expect(buatSuratParams.safeParse({ ...SURAT_DINAS, isi: 'isi; drop table' }).error?.issues[0].message).toBe('nama kolom tidak sah');
    expect(buatSuratParams.safeParse({ ...SURAT_DINAS, pejabat: 'walikota' }).success).toBe(false);
    expect(buatSuratParams.safeParse({ ...SURAT_DINAS, tembusan: 'x' }).success).toBe(false);
  });

  it('checks the params against the type: a field of a kind that does not print as text is refused with the kinds it takes', () => {
    const jenis = {
      uid: 'api::surat.surat',
      attributes: { suratTerbit: { type: 'json' }, paraf: { type: 'json' }, judul: { type: 'string' }, lampiran: { type: 'media' } },
      transitions: [{ from: ['a'], to: 'b', label: 'Paraf', roles: ['kasi'], effects: [{ type: 'signRecord', params: { kolom: 'parafKasi' } }] }],
    } as unknown as JenisKonten;
    expect(periksaBuatSurat({ surat: 'nota-dinas', perihal: 'judul', isi: 'judul', paraf: 'parafKasi' }, jenis)).toEqual([]);
    expect(periksaBuatSurat({ surat: 'nota-dinas', perihal: 'judul', isi: 'lampiran', paraf: 'parafKasi' }, jenis)).toEqual([
      'efek buatSurat: kolom isi "lampiran" berjenis media, tidak dapat dicetak; pilih kolom berjenis string, text, richtext.',
    ]);
    const { suratTerbit: _engine, ...withoutEngine } = jenis.attributes;
    expect(
      periksaBuatSurat({ surat: 'nota-dinas', perihal: 'judul', isi: 'judul', paraf: 'parafKasi' }, { ...jenis, attributes: withoutEngine })
    ).toEqual([
      'efek buatSurat hanya untuk jenis konten yang dijalankan alur tanpa kode; api::surat.surat tidak memiliki kolom mesin SOP "suratTerbit".',
    ]);
  });

  it('reads the addressees from a text (one per line) or a list', () => {
    expect(daftarPenerimaSurat('Sekretariat Daerah\r\n\nBappeda; Dinas Kominfo ')).toEqual(['Sekretariat Daerah', 'Bappeda', 'Dinas Kominfo']);
    expect(daftarPenerimaSurat([{ nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan' }, 'Setda', null])).toEqual([
      'H. Wali Kota, Wali Kota Pekalongan',
      'Setda',
    ]);
    expect(daftarPenerimaSurat(null)).toEqual([]);
  });
});

describe('buatSurat on a workflow bound without code', () => {
  let app: TestApp;
  const staff: Record<'admin' | 'operator' | 'kasi' | 'caraka' | 'kadis' | 'plh', AdminSession> = {} as never;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);
  const stored = async (documentId: string) =>
    (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;
  const url = (documentId: string, jenis = 'surat-dinas') => `/sop/${MODEL}/${documentId}/dokumen/${jenis}`;

  /** A record created by the Operator and walked to `ke` (the Kasi's paraf given by `pemaraf`). */
  const walk = async (ke: 'diagendakan' | 'diparaf' | 'dikirim', data: Record<string, unknown>, pemaraf = staff.kasi): Promise<string> => {
    const created = await cmCreate(app, staff.operator, UID, data);
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const steps: [AdminSession, string][] = [
      [staff.operator, 'diagendakan'],
      [pemaraf, 'diparaf'],
      [staff.operator, 'dikirim'],
    ];
    for (const [who, step] of steps.slice(0, steps.findIndex(([, one]) => one === ke) + 1)) {
      const response = await transit(app, who, MODEL, documentId, step);
      expect([step, response.status, response.body.error?.message]).toEqual([step, 200, undefined]);
    }
    return documentId;
  };

  beforeAll(async () => {
    app = await startApp({ beforeLoad: withBeritaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.plh = await createAdminSession(app, ROLE.sandiman, { firstname: 'Budi', lastname: 'Sandiman' });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('offers the letter names as a dropdown in the vocabulary (GET /sop/kosakata)', async () => {
    const response = await app.http().get('/sop/kosakata').set('Authorization', `Bearer ${staff.admin.token}`);
    expect(response.status).toBe(200);
    const entry = (
      response.body.data.effects as { type: string; describe: string; params: { properties: Record<string, { enum?: string[] }> } }[]
    ).find((effect) => effect.type === 'buatSurat');
    expect(entry?.describe).toMatch(/^Terbitkan surat/);
    expect(entry?.params.properties.surat.enum).toEqual(['surat-dinas', 'nota-dinas']);
    expect(Object.keys(entry?.params.properties ?? {})).toEqual(['surat', 'perihal', 'isi', 'penerima', 'paraf', 'pejabat']);
  });

  it('refuses, over periksa and at activation, fields the type lacks or cannot print and a paraf no step gives', async () => {
    const bad = withSurat({ surat: 'surat-dinas', perihal: 'judul', isi: 'paraf', penerima: 'tujuan', paraf: 'parafKabid' });
    const created = await post(staff.admin, '/sop/alur', { model: MODEL, nama: 'Pengiriman Berita Biasa', uid: UID, definisi: bad });
    expect(created.status).toBe(201);
    const expected = [
      `Langkah "${SEND}": efek buatSurat: kolom perihal "judul" tidak ada pada jenis konten ${UID}.`,
      `Langkah "${SEND}": efek buatSurat: kolom isi "paraf" tidak ada pada jenis konten ${UID}.`,
      `Langkah "${SEND}": efek buatSurat: kolom paraf "parafKabid" tidak diisi oleh efek signRecord mana pun pada alur ini.`,
    ];
    const checked = await post(staff.admin, '/sop/alur/periksa', { definisi: bad });
    expect(checked.status).toBe(200);
    expect(checked.body.data).toMatchObject({ sah: false, galat: expected });
    const refused = await post(staff.admin, `/sop/alur/${MODEL}/versi/1/aktifkan`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.galat).toEqual(expected);
    expect(sopRegistryOf(app.strapi).sop(MODEL)).toBeUndefined();

    // the engine's own fields are not the type's text
    const engine = await post(staff.admin, '/sop/alur/periksa', { definisi: withSurat({ ...SURAT_DINAS, isi: 'tahap' }) });
    expect(engine.body.data.galat).toEqual([`Langkah "${SEND}": efek buatSurat: kolom isi "tahap" tidak ada pada jenis konten ${UID}.`]);
    // a code SOP's type has no suratTerbit: the letters of bound workflows are not its own
    const berita = (await app.http().get('/sop/alur/berita').set('Authorization', `Bearer ${staff.admin.token}`)).body.data.versi[0]
      .definisi as Definisi;
    berita.transitions[0].effects = [...(berita.transitions[0].effects ?? []), { type: 'buatSurat', params: SURAT_DINAS }];
    const onCode = await post(staff.admin, '/sop/alur/periksa', { definisi: berita });
    expect(onCode.body.data.galat).toContainEqual(expect.stringContaining('api::berita.berita tidak memiliki kolom mesin SOP "suratTerbit"'));
  });

  it('activates the sound version', async () => {
    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi`, { definisi: withSurat(SURAT_DINAS) })).status).toBe(201);
    const activated = await post(staff.admin, `/sop/alur/${MODEL}/versi/2/aktifkan`);
    expect([activated.status, activated.body.error?.details]).toEqual([200, undefined]);
  });

  it('before the send step the letter does not exist: 409 with the reason, no print button', async () => {
    const documentId = await walk('diparaf', { perihal: 'Undangan rapat', tujuan: 'Setda', isi: 'Isi.' });
    const early = await unduh(app, staff.operator, url(documentId));
    expect(early.status).toBe(409);
    expect(early.json?.error?.message).toBe(
      `Surat dinas naskah ini belum diterbitkan: diterbitkan pada langkah "${SEND}". Tahap sekarang: Diparaf Kasi.`
    );
    const view = await sopView(app, staff.operator, MODEL, documentId);
    expect(view.status).toBe(200);
    expect(view.body.data.dokumen).toEqual([]);
    // the handler never issues a letter without its signature: the step would roll back
    const record = await sopRegistryOf(app.strapi)
      .sop(MODEL)!
      .loadRecord(app.strapi, await walk('diagendakan', { perihal: 'x', tujuan: 'y' }));
    const issue = SURAT_EFFECTS.buatSurat({ type: 'buatSurat', ...SURAT_DINAS }, {
      strapi: app.strapi,
      uid: UID,
      record: record!,
      actor: { id: staff.operator.id, name: 'Oki Operator', roles: ['operator'], peran: ROLE.operator },
      now: new Date(),
    } as never);
    await expect(issue).rejects.toThrow(new ConflictError('Surat dinas belum dapat diterbitkan: paraf "parafKasi" belum diberikan.'));
  });

  it('the send step issues it: recorded on the record, offered to the readers, the .docx holds number, hal, body, addressees and the Kasi', async () => {
    const isi = 'Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi persandian.\nRapat diadakan di Balai Kota pukul 09.00 WIB.';
    const documentId = await walk('dikirim', { perihal: 'Undangan rapat koordinasi persandian', tujuan: 'Sekretariat Daerah\nBappeda', isi });
    const row = await stored(documentId);
    const nomorAgenda = String(row.nomorAgenda);
    expect(nomorAgenda).toMatch(/^\d{4}\/\d{4}$/);
    expect(row.suratTerbit).toEqual({
      'surat-dinas': {
        perihal: 'perihal',
        isi: 'isi',
        penerima: 'tujuan',
        paraf: 'parafKasi',
        pejabat: 'kasi',
        waktu: expect.any(String),
        oleh: { userId: staff.operator.id, nama: 'Oki Operator', peran: ROLE.operator },
        // the text as issued, which the letter prints
        nilai: { perihal: 'Undangan rapat koordinasi persandian', isi, penerima: 'Sekretariat Daerah\nBappeda' },
      },
    });

    for (const reader of [staff.operator, staff.kasi]) {
      const view = await sopView(app, reader, MODEL, documentId);
      expect(view.body.data.dokumen).toEqual([{ jenis: 'surat-dinas', label: 'Cetak surat dinas', url: url(documentId) }]);
    }
    const file = expectFile(await unduh(app, staff.kasi, url(documentId)));
    expect(file.headers['content-disposition']).toBe(`attachment; filename="surat-dinas-${nomorAgenda.replace('/', '-')}.docx"`);
    const docx = bukaDocx(file.bytes);
    for (const text of [
      nomorAgenda,
      'Undangan rapat koordinasi persandian',
      'Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi persandian.',
      'Rapat diadakan di Balai Kota pukul 09.00 WIB.',
      '1. Sekretariat Daerah',
      '2. Bappeda',
      'Kepala Seksi Persandian dan Keamanan Informasi,',
      'Kartika Kasi',
    ]) {
      expect(docx.teks).toContain(xmlEscape(text));
    }
    expect(docx.document).toContain('<w:br/>'); // the body's line break
    expect(docx.teks).not.toContain('Plh.');
    expect(docx.semua.replace(/<[^>]+>/g, '')).not.toMatch(TEMPLATE_TAG);

    // another letter this workflow never issues
    const nota = await unduh(app, staff.operator, url(documentId, 'nota-dinas'));
    expect(nota.status).toBe(409);
    expect(nota.json?.error?.message).toMatch(/^Nota dinas naskah ini belum diterbitkan/);
    // a role the workflow does not name may not read the type: no letter
    const caraka = await unduh(app, staff.caraka, url(documentId));
    expect(caraka.status).toBe(403);
    expect((await sopView(app, staff.caraka, MODEL, documentId)).status).toBe(403);
    // the bound loader gives the effects the whole row: the version the record runs under, and a further paraf keeps the Kasi's
    const record = (await sopRegistryOf(app.strapi).sop(MODEL)!.loadRecord(app.strapi, documentId))!;
    expect(record.alurVersi).toBe(2);
    await BOUND_EFFECTS.signRecord({ type: 'signRecord', kolom: 'parafKabid' }, {
      strapi: app.strapi,
      uid: UID,
      record,
      actor: { id: staff.admin.id, name: 'Ani Admin', roles: [], peran: 'Super Admin' },
      now: new Date(),
    } as never);
    expect(Object.keys((await stored(documentId)).paraf as object).sort()).toEqual(['parafKabid', 'parafKasi']);
    // a code SOP's records have no such letter
    expect((await unduh(app, staff.kasi, `/sop/berita/${documentId}/dokumen/surat-dinas`)).status).toBe(404);
  });

  it('a paraf by a Plh Kasi prints "Plh. Kepala Seksi …" above the deputy’s own name', async () => {
    const JAM = 3600_000;
    const mandate = await cmCreate(app, staff.kadis, 'api::pelaksana.pelaksana', {
      peran: 'kasi',
      jenis: 'plh',
      pejabatId: staff.kasi.id,
      pelaksanaId: staff.plh.id,
      alasan: 'Dinas luar',
      mulai: new Date(Date.now() - JAM).toISOString(),
      selesai: new Date(Date.now() + 8 * JAM).toISOString(),
    });
    expect(mandate.status).toBe(201);
    const documentId = await walk('dikirim', { perihal: 'Pemberitahuan gangguan jaring', tujuan: 'Bagian Umum', isi: 'Mohon maklum.' }, staff.plh);
    const docx = bukaDocx(expectFile(await unduh(app, staff.operator, url(documentId))).bytes);
    expect(docx.teks).toContain('Plh. Kepala Seksi Persandian dan Keamanan Informasi,');
    expect(docx.teks).toContain('Budi Sandiman');
    expect(docx.teks).toContain('a.n. Kartika Kasi');
    expect(docx.teks).toContain('Bagian Umum');
    expect(docx.teks).not.toContain('1. Bagian Umum');
  });
});
