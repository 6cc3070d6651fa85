import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, ROLE, sopView, transit } from '../helpers/sop';

const UID = 'api::kriptogram.kriptogram';
// A marker that must never be stored or logged in clear.
const PLAINTEXT = 'ISI-RAHASIA-UJI-7f3a9c: Rencana pengamanan kunjungan kerja tanggal 30 November.';

const SALINAN = {
  perihal: 'Pengamanan kunjungan kerja',
  isi: PLAINTEXT,
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' },
    { jabatan: 'Sekretaris Daerah', kategori: 'sekda', saluran: 'ajudan' },
    { jabatan: 'Kepala Satpol PP', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
};

describe('Naskah Dinas yang Dikecualikan: one rahasia kriptogram with three recipients, steps 1–9', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const logged: string[] = [];
  const staff: Record<string, AdminSession> = {};
  let documentId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({
      env: smtp.env,
      beforeLoad: (strapi) => {
        for (const level of ['error', 'warn', 'info', 'http', 'debug', 'verbose'] as const) {
          const original = strapi.log[level].bind(strapi.log);
          strapi.log[level] = ((message: unknown, ...rest: unknown[]) => {
            logged.push(`${String(message)} ${rest.map((item) => JSON.stringify(item)).join(' ')}`);
            return original(message as string, ...rest);
          }) as never;
        }
      },
    });
    staff.sandiman = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Utama' });
    staff.sandimanLain = await createAdminSession(app, ROLE.sandiman, { firstname: 'Sandi', lastname: 'Lain' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  const expectStatus = async (pending: PromiseLike<{ status: number; body: unknown }>, status: number) => {
    const response = await pending;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response as { status: number; body: { data: Record<string, unknown>; error?: { message: string } } };
  };
  const step = (who: AdminSession, ke: string, extra: { catatan?: string; data?: Record<string, unknown> } = {}) =>
    transit(app, who, 'kriptogram', documentId, ke, extra);
  const readIsi = (who: AdminSession) => app.http().get(`/sop/kriptogram/${documentId}/isi`).set('Authorization', `Bearer ${who.token}`);

  it('the Sandiman registers, agendas and reports the kriptogram; the Kasi is notified', async () => {
    const created = await expectStatus(
      cmCreate(app, staff.sandiman, UID, {
        nomorKriptogram: 'KR-0099/JKS/XI/2026',
        asal: 'Jaring Komunikasi Sandi Pemerintah Provinsi',
        klasifikasi: 'rahasia',
        derajatKecepatan: 'segera',
        teksKriptogram: 'XKQWT PLMZR AABCE QQRTS',
      }),
      201
    );
    documentId = String(created.body.data.documentId);
    await expectStatus(step(staff.operator, 'diagendakan'), 403);
    await expectStatus(step(staff.sandiman, 'dilaporkan'), 409);
    const agenda = await expectStatus(step(staff.sandiman, 'diagendakan'), 200);
    expect(agenda.body.data.nomorAgenda).toBe('K-0001/2026');
    await expectStatus(step(staff.sandiman, 'dilaporkan'), 200);
    const mail = await smtp.waitFor((m) => m.to.includes(staff.kasi.email));
    expect(mail.subject).toContain('Dilaporkan ke Kasi');
  });

  it('the Kasi assigns a Sandiman; only that Sandiman may decrypt', async () => {
    await expectStatus(step(staff.sandiman, 'ditugaskan_deskripsi', { data: { sandiman: staff.sandiman.id } }), 403);
    await expectStatus(step(staff.kasi, 'ditugaskan_deskripsi'), 400);
    await expectStatus(step(staff.kasi, 'ditugaskan_deskripsi', { data: { sandiman: staff.caraka.id } }), 400);
    await expectStatus(step(staff.kasi, 'ditugaskan_deskripsi', { data: { sandiman: staff.sandiman.id } }), 200);
    await smtp.waitFor((m) => m.to.includes(staff.sandiman.email) && m.subject.includes('Ditugaskan'));
    const other = await expectStatus(step(staff.sandimanLain, 'dideskripsi', { data: { salinan: SALINAN } }), 403);
    expect(other.body.error?.message).toMatch(/Sandiman yang ditugaskan/);
    const missing = await expectStatus(step(staff.sandiman, 'dideskripsi'), 400);
    expect(JSON.stringify(missing.body)).toContain('data.salinan');
    await expectStatus(step(staff.sandiman, 'dideskripsi', { data: { salinan: { ...SALINAN, isi: undefined } } }), 400);
    await expectStatus(step(staff.sandiman, 'dideskripsi', { data: { salinan: SALINAN } }), 200);
    const view = await expectStatus(sopView(app, staff.sandiman, 'kriptogram', documentId), 200);
    expect(view.body.data.bolehBacaIsi).toBe(true);
    expect(JSON.stringify(view.body)).not.toContain(PLAINTEXT);
  });

  it('need to know: the assigned Sandiman and the Kasi read the plaintext, every read audited; others get 403', async () => {
    for (const who of [staff.caraka, staff.operator, staff.kabid, staff.sandimanLain]) {
      const refused = await readIsi(who);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain(PLAINTEXT);
    }
    const bySandiman = await expectStatus(readIsi(staff.sandiman), 200);
    expect(bySandiman.body.data.isi).toBe(PLAINTEXT);
    const byKasi = await expectStatus(readIsi(staff.kasi), 200);
    expect(byKasi.body.data.isi).toBe(PLAINTEXT);
    const reads = await app.strapi.db.connection('sop_audit').where({ document_id: documentId, ke: 'isi_dibaca' });
    expect(reads.map((row: { aktor_id: number }) => Number(row.aktor_id)).sort()).toEqual([staff.sandiman.id, staff.kasi.id].sort());
    // The content manager never shows the plaintext, not even to the Kasi.
    const salinan = await app.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId } } });
    const cm = await app
      .http()
      .get(`/content-manager/collection-types/api::salinan.salinan/${salinan.documentId}`)
      .set('Authorization', `Bearer ${staff.kasi.token}`);
    expect(cm.status).toBe(200);
    expect(JSON.stringify(cm.body)).not.toContain(PLAINTEXT);
    expect(cm.body.data.isi).toBeUndefined();
    const cmList = await app
      .http()
      .get('/content-manager/collection-types/api::salinan.salinan')
      .set('Authorization', `Bearer ${staff.sandiman.token}`);
    expect(JSON.stringify(cmList.body)).not.toContain(PLAINTEXT);
  });

  it('paraf, a return by the Kasi, the signature, and numbering with the checklist', async () => {
    await expectStatus(step(staff.kasi, 'ditandatangani_kasi'), 409);
    await expectStatus(step(staff.sandiman, 'diparaf_sandiman'), 200);
    await expectStatus(step(staff.kasi, 'dideskripsi'), 400);
    await expectStatus(step(staff.kasi, 'dideskripsi', { catatan: 'Perbaiki alamat penerima.' }), 200);
    await expectStatus(step(staff.sandiman, 'diparaf_sandiman', { data: { salinan: SALINAN } }), 200);
    await expectStatus(step(staff.kasi, 'ditandatangani_kasi'), 200);
    await expectStatus(step(staff.sandiman, 'dinomori'), 400);
    const noDouble = await expectStatus(step(staff.sandiman, 'dinomori', { data: { checklist: { cap: true, amplop: true } } }), 400);
    expect(noDouble.body.error?.message).toMatch(/amplop rangkap/);
    await expectStatus(step(staff.sandiman, 'dinomori', { data: { checklist: { cap: false, amplop: true, amplopRangkap: true } } }), 400);
    const numbered = await expectStatus(
      step(staff.sandiman, 'dinomori', { data: { checklist: { cap: true, amplop: true, amplopRangkap: true } } }),
      200
    );
    const copies = numbered.body.data.distribusi as { documentId: string; nomorSalinan: number; tahap: string }[];
    expect(copies.map((c) => c.nomorSalinan).sort()).toEqual([1, 2, 3]);
    const salinan = await app.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId } } });
    expect(salinan).toMatchObject({ capDinas: true, amplopDisegel: true, amplopRangkap: true, jumlahSalinan: 3 });
    expect(salinan.nomor).toMatch(/^048\/001\/[IVX]+\/2026$/);
  });

  it('distribution needs a resi per copy, then kriptogram and salinan are archived together', async () => {
    const view = await expectStatus(sopView(app, staff.sandiman, 'kriptogram', documentId), 200);
    const copies = view.body.data.distribusi as { documentId: string }[];
    await expectStatus(step(staff.sandiman, 'didistribusikan'), 409);
    await expectStatus(transit(app, staff.sandimanLain, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan' } }), 403);
    await expectStatus(
      transit(app, staff.sandiman, 'distribusi', copies[0].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan Wali Kota' } }),
      200
    );
    await expectStatus(transit(app, staff.caraka, 'distribusi', copies[1].documentId, 'diterima', { data: { diterimaOleh: 'Ajudan Sekda' } }), 200);
    await expectStatus(step(staff.sandiman, 'didistribusikan'), 409);
    await expectStatus(transit(app, staff.caraka, 'distribusi', copies[2].documentId, 'diterima', { data: { diterimaOleh: 'TU Satpol PP' } }), 200);
    await expectStatus(step(staff.sandimanLain, 'didistribusikan'), 403);
    await expectStatus(step(staff.sandiman, 'didistribusikan'), 200);
    await expectStatus(step(staff.sandiman, 'diarsipkan'), 200);
    const salinan = await app.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId } } });
    expect(salinan.diarsipkan).toBe(true);
    const final = await expectStatus(sopView(app, staff.kabid, 'kriptogram', documentId), 200);
    expect((final.body.data.riwayat as { ke: string }[]).map((r) => r.ke)).toEqual([
      'diterima',
      'diagendakan',
      'dilaporkan',
      'ditugaskan_deskripsi',
      'dideskripsi',
      'isi_dibaca',
      'isi_dibaca',
      'diparaf_sandiman',
      'dideskripsi',
      'diparaf_sandiman',
      'ditandatangani_kasi',
      'dinomori',
      'didistribusikan',
      'diarsipkan',
    ]);
    const verify = await expectStatus(app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi.token}`), 200);
    expect(verify.body.data.ok).toBe(true);
  });

  it('the plaintext is nowhere at rest: not in the database file or dump, not in the log, not in the audit trail', async () => {
    const rows = JSON.stringify(await app.strapi.db.connection('sop_audit').select('*'));
    expect(rows).not.toContain('ISI-RAHASIA-UJI');
    if (app.database.client === 'sqlite') {
      const file = path.resolve(__dirname, '..', '..', app.database.env.DATABASE_FILENAME);
      for (const candidate of [file, `${file}-wal`, `${file}-journal`]) {
        if (fs.existsSync(candidate)) expect(fs.readFileSync(candidate).includes('ISI-RAHASIA-UJI')).toBe(false);
      }
    } else {
      const dump = execFileSync(
        'pg_dump',
        ['-h', app.database.env.DATABASE_HOST, '-U', app.database.env.DATABASE_USERNAME, app.database.env.DATABASE_NAME],
        {
          maxBuffer: 256 * 1024 * 1024,
        }
      );
      expect(dump.length).toBeGreaterThan(1000);
      expect(dump.includes('ISI-RAHASIA-UJI')).toBe(false);
    }
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain('ISI-RAHASIA-UJI');
    expect(smtp.messages.map((m) => `${m.subject}\n${m.text}`).join('\n')).not.toContain('ISI-RAHASIA-UJI');
  });
});
