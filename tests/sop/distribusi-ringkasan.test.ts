/**
 * Issue 16 — lists that say what to do: every copy (distribusi) carries its recipient, address,
 * channel and its letter's agenda number and subject, as far as the reader's grants allow, and
 * is titled by its recipient. Set when the copy is made, filled at boot for older copies, kept
 * in step with a corrected subject.
 */
import { backfillRingkasanDistribusi } from '../../src/sop-defs/distribusi/ringkasan';
import { ringkasanSalinan, tujuanSalinan } from '../../src/sop-defs/ringkasan-salinan';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, ROLE, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { usePostgres } from '../helpers/env';
import { withStatements } from '../helpers/statements';

const DISTRIBUSI = 'api::distribusi.distribusi';
const LETTER_FIELDS = ['tujuan', 'alamat', 'saluran', 'nomorAgendaSurat', 'perihalSurat'] as const;

type Copy = Record<(typeof LETTER_FIELDS)[number], string | null> & { id: number; documentId: string; nomorSalinan: number };

describe('distribusi: recipient, address, channel and letter on every copy', () => {
  let app: TestApp;
  const staff: BeritaStaff & { sandiman?: AdminSession } = {};
  let beritaId: string;
  let nomorAgenda: string;

  const copiesOf = async (where: Record<string, unknown>): Promise<Copy[]> =>
    (await app.strapi.db.query(DISTRIBUSI).findMany({ where, orderBy: { nomorSalinan: 'asc' } })) as Copy[];

  const cmList = (session: AdminSession) =>
    app.http().get(`/content-manager/collection-types/${DISTRIBUSI}?page=1&pageSize=50`).set('Authorization', `Bearer ${session.token}`);

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    beritaId = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka', {
      penerima: [
        { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan', alamat: 'Jl. Mataram No. 1' },
        { jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka', alamat: 'Jl. Sriwijaya No. 44, Pekalongan' },
      ],
    });
    const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId } })) as {
      id: number;
      nomorAgenda: string;
    };
    nomorAgenda = berita.nomorAgenda;
    expect(nomorAgenda).toBeTruthy();
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('a berita copy is titled by its recipient and carries address, channel, agenda number and subject', async () => {
    const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId } })) as { id: number };
    const copies = await copiesOf({ berita: { id: berita.id } });
    expect(copies.map((copy) => LETTER_FIELDS.map((field) => copy[field]))).toEqual([
      ['H. Wali Kota, Wali Kota Pekalongan', 'Jl. Mataram No. 1', 'ajudan', nomorAgenda, BERITA_CONTOH.perihal],
      ['Kepala Dinas Kesehatan', 'Jl. Sriwijaya No. 44, Pekalongan', 'caraka', nomorAgenda, BERITA_CONTOH.perihal],
    ]);
  });

  it("the Caraka's list shows them; the Sandiman, who may not read berita, gets no letter number or subject", async () => {
    const caraka = await cmList(staff.caraka!);
    expect(caraka.status).toBe(200);
    const row = (caraka.body.results as Copy[]).find((copy) => copy.tujuan === 'Kepala Dinas Kesehatan')!;
    expect(row).toMatchObject({
      alamat: 'Jl. Sriwijaya No. 44, Pekalongan',
      saluran: 'caraka',
      nomorAgendaSurat: nomorAgenda,
      perihalSurat: BERITA_CONTOH.perihal,
    });

    const sandiman = await cmList(staff.sandiman!);
    expect(sandiman.status).toBe(200);
    const seen = (sandiman.body.results as Copy[]).find((copy) => copy.tujuan === 'Kepala Dinas Kesehatan')!;
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty('perihalSurat');
    expect(seen).not.toHaveProperty('nomorAgendaSurat');
  });

  it('a corrected subject reaches the copies in the same step', async () => {
    const response = await app
      .http()
      .post(`/sop/berita/${beritaId}/koreksi`)
      .set('Authorization', `Bearer ${staff.operator!.token}`)
      .send({ catatan: 'Perihal salah ketik (uji)', data: { perihal: 'Undangan Rapat Koordinasi Persandian 2026' } });
    expect(response.status).toBe(200);
    const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId } })) as { id: number };
    const copies = await copiesOf({ berita: { id: berita.id } });
    expect(copies.map((copy) => copy.perihalSurat)).toEqual([
      'Undangan Rapat Koordinasi Persandian 2026',
      'Undangan Rapat Koordinasi Persandian 2026',
    ]);
  });

  it("a kriptogram copy carries the kriptogram's agenda number and never the salinan's subject", async () => {
    const documentId = await walkKriptogramTo(app, { sandiman: staff.sandiman!, kasi: staff.kasi! }, 'dinomori');
    const kriptogram = (await app.strapi.db.query('api::kriptogram.kriptogram').findOne({ where: { documentId } })) as {
      id: number;
      nomorAgenda: string;
    };
    const copies = await copiesOf({ kriptogram: { id: kriptogram.id } });
    expect(copies.map((copy) => LETTER_FIELDS.map((field) => copy[field]))).toEqual([
      ['H. Wali Kota, Wali Kota Pekalongan', null, 'ajudan', kriptogram.nomorAgenda, null],
      ['Kepala Satpol PP', null, 'caraka', kriptogram.nomorAgenda, null],
    ]);
  });

  it('a copy already there when the agenda number is drawn gets it; without copies, on PostgreSQL, only the commit follows the draw', async () => {
    const rowOf = async (documentId: string) =>
      (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId } })) as { id: number; nomorAgenda: string | null };
    const withCopy = await walkBeritaTo(app, staff, 'dicetak');
    const parent = await rowOf(withCopy);
    expect(parent.nomorAgenda).toBeNull();
    const copy = (await app.strapi.db.query(DISTRIBUSI).create({ data: { berita: parent.id, nomorSalinan: 1 } })) as { id: number };
    expect((await transit(app, staff.operator!, 'berita', withCopy, 'diagendakan')).status).toBe(200);
    const drawn = (await rowOf(withCopy)).nomorAgenda;
    expect(drawn).toMatch(/\d/);
    expect((await copiesOf({ berita: { id: parent.id } })).map((one) => one.nomorAgendaSurat)).toEqual([drawn]);
    await app.strapi.db.query(DISTRIBUSI).delete({ where: { id: copy.id } });

    const alone = await walkBeritaTo(app, staff, 'dicetak');
    const { value: response, sqls } = await withStatements(app, () => transit(app, staff.operator!, 'berita', alone, 'diagendakan'));
    expect(response.status).toBe(200);
    expect((await rowOf(alone)).nomorAgenda).toMatch(/\d/);
    if (usePostgres()) {
      // the counter row stays locked from the draw to the commit: the copies were looked for before it
      const draw = sqls.findIndex((sql) => /^with nomor as/i.test(sql.trim()));
      expect(draw).toBeGreaterThan(0);
      expect(sqls[draw + 1]).toMatch(/^commit/i);
      expect(sqls.slice(0, draw).filter((sql) => /from "public"\."distribusi"/.test(sql))).toHaveLength(1);
    }
  });

  it('copies made before the summary existed get it at boot, once', async () => {
    const blank = Object.fromEntries(LETTER_FIELDS.map((field) => [field, null]));
    const before = await copiesOf({});
    await app.strapi.db.query(DISTRIBUSI).updateMany({ where: { id: { $in: before.map((copy) => copy.id) } }, data: blank });
    expect(await backfillRingkasanDistribusi(app.strapi)).toBe(before.length);
    const after = await copiesOf({});
    expect(after.map((copy) => LETTER_FIELDS.map((field) => copy[field]))).toEqual(before.map((copy) => LETTER_FIELDS.map((field) => copy[field])));
    expect(await backfillRingkasanDistribusi(app.strapi)).toBe(0);
  });

  it('the title falls back to the job, then to the copy number', () => {
    expect(tujuanSalinan({ nama: 'Budi', jabatan: 'Camat' })).toBe('Budi, Camat');
    expect(tujuanSalinan({ nama: 'Camat', jabatan: 'Camat' })).toBe('Camat');
    expect(tujuanSalinan({ nama: ' ', jabatan: null }, 3)).toBe('Penerima ke-3');
    expect(ringkasanSalinan({ jabatan: 'Camat', saluran: 'faksimili' }, null)).toEqual({
      tujuan: 'Camat',
      alamat: null,
      saluran: 'faksimili',
      nomorAgendaSurat: null,
      perihalSurat: null,
    });
  });
});
