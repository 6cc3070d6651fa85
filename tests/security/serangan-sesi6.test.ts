/**
 * Session 6 attack on the low-code vocabulary effects: `buatSurat` (a named letter issued by a
 * step of a workflow made without code) and `salinanPerPenerima` (one copy per recipient). Each
 * test is a hole found and closed, or a rule that held under the attack.
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, transit } from '../helpers/sop';
import { bukaDocx, expectFile, unduh, xmlEscape } from '../letters/unduh';
import type { WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { readAuditFor } from '../../src/plugins/sop/server/src/services/audit';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import salinan from '../fixtures/sop/berita-keluar/definition-salinan.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
const MODEL = 'berita-keluar';
const DISTRIBUSI = 'api::distribusi.distribusi';
const JAM = 3600_000;
const SURAT_DINAS = { surat: 'surat-dinas', perihal: 'perihal', isi: 'isi', penerima: 'tujuan', paraf: 'parafKasi' };
const ISI_ASLI = 'Dengan hormat, rapat koordinasi persandian diadakan Senin pukul 09.00 WIB.';
const ISI_PALSU = 'Dengan hormat, seluruh kunci sandi diserahkan kepada pembawa surat ini.';

type Definisi = WorkflowData & { transitions: (WorkflowData['transitions'][number] & { effects?: { type: string; params?: object }[] })[] };

describe('security (session 6): buatSurat and the copies of a workflow made without code', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff = {} as Record<'admin' | 'operator' | 'kasi' | 'caraka' | 'kadis', AdminSession>;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);
  const url = (documentId: string) => `/sop/${MODEL}/${documentId}/dokumen/surat-dinas`;
  const stored = async (documentId: string) =>
    (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;

  const walk = async (ke: 'diparaf' | 'dikirim'): Promise<string> => {
    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Undangan rapat koordinasi', tujuan: 'Setda', isi: ISI_ASLI });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const steps: [AdminSession, string][] = [
      [staff.operator, 'diagendakan'],
      [staff.kasi, 'diparaf'],
      [staff.operator, 'dikirim'],
    ];
    for (const [who, step] of steps.slice(0, steps.findIndex(([, one]) => one === ke) + 1)) {
      const response = await transit(app, who, MODEL, documentId, step);
      expect([step, response.status, response.body.error?.message]).toEqual([step, 200, undefined]);
    }
    return documentId;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env, beforeLoad: withBeritaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    const definisi = structuredClone(definition) as Definisi;
    const send = definisi.transitions.find((step) => step.label === 'Kirim')!;
    send.effects = [...(send.effects ?? []), { type: 'buatSurat', params: SURAT_DINAS }];
    expect((await post(staff.admin, '/sop/alur', { model: MODEL, nama: 'Pengiriman Berita Biasa', uid: UID, definisi })).status).toBe(201);
    const activated = await post(staff.admin, `/sop/alur/${MODEL}/versi/1/aktifkan`);
    expect([activated.status, activated.body.error?.details]).toEqual([200, undefined]);
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
    await smtp?.close();
  });

  it('an issued letter keeps the text it was issued with: an edit of the record afterwards does not reach the signed letter', async () => {
    const documentId = await walk('dikirim');
    const before = bukaDocx(expectFile(await unduh(app, staff.operator, url(documentId))).bytes);
    expect(before.teks).toContain(xmlEscape(ISI_ASLI));
    // the record is not final: the Operator may still edit its fields in the content manager
    const edited = await cmUpdate(app, staff.operator, UID, documentId, { isi: ISI_PALSU, perihal: 'Penyerahan kunci sandi' });
    expect(edited.status).toBe(200);
    const after = bukaDocx(expectFile(await unduh(app, staff.operator, url(documentId))).bytes);
    expect(after.teks).toContain(xmlEscape(ISI_ASLI));
    expect(after.teks).toContain('Undangan rapat koordinasi');
    expect(after.teks).not.toContain(xmlEscape(ISI_PALSU));
    expect(after.teks).not.toContain('Penyerahan kunci sandi');
    expect(after.teks).toContain('Kartika Kasi');
  });

  it('a letter is not issued over a signature given before its text was changed (409, nothing issued)', async () => {
    const documentId = await walk('diparaf');
    expect((await cmUpdate(app, staff.operator, UID, documentId, { isi: ISI_PALSU })).status).toBe(200);
    const send = await transit(app, staff.operator, MODEL, documentId, 'dikirim');
    expect(send.status).toBe(409);
    expect(send.body.error.message).toBe(
      'Surat dinas belum dapat diterbitkan: kolom isi diubah setelah paraf "parafKasi" diberikan; mintakan paraf ulang.'
    );
    const row = await stored(documentId);
    expect([row.tahap, row.suratTerbit ?? null]).toEqual(['diparaf', null]);
    // a change of a field the letter does not print holds nothing up
    const other = await walk('diparaf');
    expect((await cmUpdate(app, staff.operator, UID, other, { penerima: [] })).status).toBe(200);
    expect((await transit(app, staff.operator, MODEL, other, 'dikirim')).status).toBe(200);
  });

  it('held: nobody outside the workflow downloads the letter, and no client sets suratTerbit or a copy’s parent', async () => {
    const documentId = await walk('dikirim');
    expect((await unduh(app, staff.caraka, url(documentId))).status).toBe(403);
    // another model in the URL: a code SOP has no such letter
    expect((await unduh(app, staff.kasi, `/sop/berita/${documentId}/dokumen/surat-dinas`)).status).toBe(404);
    const forged = { 'surat-dinas': { perihal: 'perihal', isi: 'isi', penerima: null, paraf: 'parafKasi', pejabat: 'kadis', waktu: '2020-01-01' } };
    const set = await cmUpdate(app, staff.operator, UID, documentId, { suratTerbit: forged });
    expect(set.status).toBe(403);
    const fresh = await cmCreate(app, staff.operator, UID, { perihal: 'x', tujuan: 'y', suratTerbit: forged });
    expect(fresh.status).toBe(403);
    // a copy is made only by a step: not by the content manager, with or without a parent
    const copy = await cmCreate(app, staff.kasi, DISTRIBUSI, { tujuan: 'x', indukUid: UID, indukDocumentId: documentId, indukTahapAntar: 'dikirim' });
    expect(copy.status).toBe(403);
    // nor by REST with a full-access API token, which the /sop routes do not take either
    const token = (await app.strapi.service('admin::api-token').create({ name: 'serangan-sesi6', type: 'full-access', lifespan: null })) as {
      accessKey: string;
    };
    const rest = await app
      .http()
      .post('/api/distribusis')
      .set('Authorization', `Bearer ${token.accessKey}`)
      .send({ data: { tujuan: 'x', indukUid: UID, indukDocumentId: documentId, indukTahapAntar: 'dikirim' } });
    expect(rest.status).toBe(403);
    const restSurat = await app
      .http()
      .put(`/api/berita-keluars/${documentId}`)
      .set('Authorization', `Bearer ${token.accessKey}`)
      .send({ data: { suratTerbit: forged } });
    // the type made in the Content-Type Builder has no REST route here (405); with one, the gate refuses (403)
    expect([403, 405]).toContain(restSurat.status);
    expect((await app.http().get(url(documentId)).set('Authorization', `Bearer ${token.accessKey}`)).status).toBe(401);
    expect(((await stored(documentId)).suratTerbit as Record<string, { pejabat: string }>)['surat-dinas'].pejabat).toBe('kasi');
    expect(await app.strapi.db.query(DISTRIBUSI).count({ where: { indukDocumentId: documentId } })).toBe(0);
  });

  it('held: a deactivated or blocked Kasi, one whose role was taken away, and a Plh whose mandate ended take no step; the trail verifies', async () => {
    const created = await cmCreate(app, staff.operator, UID, { perihal: 'Pemberitahuan', tujuan: 'Setda', isi: ISI_ASLI });
    const target = created.body.data.documentId as string;
    expect((await transit(app, staff.operator, MODEL, target, 'diagendakan')).status).toBe(200);
    const users = app.strapi.db.query('admin::user');
    const inactive = await createAdminSession(app, ROLE.kasi, { firstname: 'Nonaktif', lastname: 'Kasi' });
    const blocked = await createAdminSession(app, ROLE.kasi, { firstname: 'Diblokir', lastname: 'Kasi' });
    const moved = await createAdminSession(app, ROLE.kasi, { firstname: 'Pindah', lastname: 'Kasi' });
    const plh = await createAdminSession(app, ROLE.sandiman, { firstname: 'Budi', lastname: 'Plh' });
    await users.update({ where: { id: inactive.id }, data: { isActive: false } });
    await users.update({ where: { id: blocked.id }, data: { blocked: true } });
    const carakaRole = (await app.strapi.db.query('admin::role').findOne({ where: { name: ROLE.caraka } })) as { id: number };
    await users.update({ where: { id: moved.id }, data: { roles: [carakaRole.id] } });
    const mandate = await cmCreate(app, staff.kadis, 'api::pelaksana.pelaksana', {
      peran: 'kasi',
      jenis: 'plh',
      pejabatId: staff.kasi.id,
      pelaksanaId: plh.id,
      alasan: 'Dinas luar',
      mulai: new Date(Date.now() - JAM).toISOString(),
      selesai: new Date(Date.now() + JAM).toISOString(),
    });
    expect(mandate.status).toBe(201);
    setClock(new Date(Date.now() + 2 * JAM));
    for (const who of [inactive, blocked, moved, plh]) {
      const step = await transit(app, who, MODEL, target, 'diparaf');
      expect([who.email, [401, 403].includes(step.status)]).toEqual([who.email, true]);
    }
    expect((await stored(target)).tahap).toBe('diagendakan');
    expect((await transit(app, staff.kasi, MODEL, target, 'diparaf')).status).toBe(200);
    setClock(null);
    const trail = await readAuditFor(app.strapi.db.connection, MODEL, target);
    expect(trail.map((row) => [row.ke, row.aktorId])).toEqual([
      ['draf', staff.operator.id],
      ['diagendakan', staff.operator.id],
      ['diparaf', staff.kasi.id],
    ]);
    const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.admin.token}`);
    expect(verify.body.data).toMatchObject({ ok: true });
  });

  it('a recipient or a subject cannot write lines of its own into the Caraka’s e-mail (a second "Daftar distribusi" link)', async () => {
    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi`, { definisi: salinan })).status).toBe(201);
    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi/2/aktifkan`)).status).toBe(200);
    const palsu = 'Daftar distribusi: https://phish.example/masuk';
    const created = await cmCreate(app, staff.operator, UID, {
      perihal: `Undangan rapat\r\n\r\n${palsu}`,
      tujuan: 'Setda',
      penerima: [{ nama: `Ajudan Wali Kota\n\n${palsu}\n`, jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' }],
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect((await transit(app, staff.operator, MODEL, documentId, 'diagendakan')).status).toBe(200);
    expect((await transit(app, staff.kasi, MODEL, documentId, 'diparaf')).status).toBe(200);
    expect((await transit(app, staff.kasi, MODEL, documentId, 'diantar', { data: { caraka: staff.caraka.id } })).status).toBe(200);
    const mail = await smtp.waitFor((one) => one.to.includes(staff.caraka.email) && one.subject.includes('salinan untuk diantar'));
    const lines = mail.text.split(/\r?\n/);
    expect(lines.filter((line) => line.startsWith('Daftar distribusi:'))).toEqual([
      expect.stringMatching(/^Daftar distribusi: http:\/\/[^ ]+\/admin\/content-manager\/collection-types\/api::distribusi\.distribusi$/),
    ]);
    expect(lines).toContain(`1. Ajudan Wali Kota ${palsu}, Wali Kota Pekalongan`);
  });
});
