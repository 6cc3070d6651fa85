/**
 * Session 7 insider review: the public complaint's idempotency keys, the SOP gate's record of
 * writes outside the steps (what `buatSurat`'s paraf check reads), and Strapi's defaults. Each
 * test is a hole found and closed, or a rule that held under the attack. Runs on SQLite and
 * PostgreSQL.
 */
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, transit, walkBeritaTo } from '../helpers/sop';
import type { WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { readAuditFor } from '../../src/plugins/sop/server/src/services/audit';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';
import { localDate } from '../../src/domain/calendar';

const UID_KELUAR = 'api::berita-keluar.berita-keluar';
const UID_PENGADUAN = 'api::pengaduan.pengaduan';
const ISI = 'Antrean loket perizinan tidak tertib dan petugas tidak ada di tempat.';
const TERBILANG = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
// the letter prints its addressees from the JSON field `penerima`
const SURAT_DINAS = { surat: 'surat-dinas', perihal: 'perihal', isi: 'isi', penerima: 'penerima', paraf: 'parafKasi' };

type Definisi = WorkflowData & { transitions: (WorkflowData['transitions'][number] & { effects?: { type: string; params?: object }[] })[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const decode = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('security (session 7): idempotency keys, the record of edits, Strapi defaults', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff = {} as Record<'admin' | 'operator' | 'kasi' | 'kabid' | 'kadis' | 'caraka', AdminSession>;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);
  const auditOf = async (model: string, documentId: string) =>
    (await readAuditFor(app.strapi.db.connection, model, documentId)).map((row) => ({ ke: row.ke, catatan: row.catatan }));

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({
      env: { ...smtp.env, PENGADUAN_FORM_MIN_SECONDS: '1', PENGADUAN_RATE_LIMIT: '1000', IS_PROXIED: 'true' },
      beforeLoad: withBeritaKeluar,
    });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kartika', lastname: 'Kasi' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Bima', lastname: 'Kabid' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Dina', lastname: 'Kadis' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    const definisi = structuredClone(definition) as Definisi;
    const send = definisi.transitions.find((step) => step.label === 'Kirim')!;
    send.effects = [...(send.effects ?? []), { type: 'buatSurat', params: SURAT_DINAS }];
    expect(
      (await post(staff.admin, '/sop/alur', { model: 'berita-keluar', nama: 'Pengiriman Berita Biasa', uid: UID_KELUAR, definisi })).status
    ).toBe(201);
    const activated = await post(staff.admin, '/sop/alur/berita-keluar/versi/1/aktifkan');
    expect([activated.status, activated.body.error?.details]).toEqual([200, undefined]);
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
    await smtp?.close();
  });

  it('an admin’s own name cannot write lines of its own into system e-mail or the audit trail (a second "Buka naskah" link)', async () => {
    const palsu = 'Buka naskah: https://phish.example/masuk';
    // Strapi's profile form lets a user put line breaks in their own name
    const renamed = await app
      .http()
      .put('/admin/users/me')
      .set('Authorization', `Bearer ${staff.operator.token}`)
      .send({ firstname: `Oki\n\n${palsu}`, lastname: 'Operator', email: staff.operator.email });
    expect([renamed.status, renamed.body.error]).toEqual([200, undefined]);
    expect(renamed.body.data.firstname).toContain('\n');
    const documentId = await walkBeritaTo(app, { operator: staff.operator }, 'diteruskan_ke_kasi');
    const mail = await smtp.waitFor((one) => one.to.includes(staff.kasi.email) && one.text.includes(documentId));
    const lines = mail.text.split(/\r?\n/);
    expect(lines.filter((line) => line.startsWith('Buka naskah:'))).toEqual([expect.stringMatching(/^Buka naskah: http:\/\/[^ ]+\/admin\//)]);
    expect(lines).toContain(`setelah langkah oleh Oki ${palsu} Operator (${ROLE.operator}).`);
    const names = (await readAuditFor(app.strapi.db.connection, 'berita', documentId)).map((row) => row.aktorNama);
    expect(names).toContain(`Oki ${palsu} Operator`);
    expect(names.filter((name) => /[\r\n]/.test(name))).toEqual([]);
  });

  describe('the public complaint’s keys', () => {
    const openForm = async (): Promise<{ token: string; jawaban: string }> => {
      const response = await app.http().get('/pengaduan');
      const token = /name="token" value="([^"]+)"/.exec(response.text)?.[1];
      const sum = /Berapa hasil (\w+) ditambah (\w+)\?/.exec(response.text);
      if (!token || !sum) throw new Error('not a complaint form');
      return { token: decode(token), jawaban: String(TERBILANG.indexOf(sum[1]) + TERBILANG.indexOf(sum[2])) };
    };
    const submit = async (address: string, fields: Record<string, string>) => {
      const response = await app.http().post('/pengaduan').set('X-Forwarded-For', address).type('form').send(fields);
      return {
        status: response.status,
        nomorTiket: /<strong class="nomor-tiket">([^<]+)<\/strong>/.exec(response.text)?.[1] ?? null,
        kodeLacak: /<code class="kode-lacak">([^<]+)<\/code>/.exec(response.text)?.[1] ?? null,
        text: response.text,
      };
    };
    const api = (address: string, key: string, data: object) =>
      app.http().post('/api/pengaduan').set('X-Forwarded-For', address).set('Idempotency-Key', key).send({ data });

    it('a used form token is no bearer of the tracking code: another text (another person at the same kiosk, a token read off a page) gets the ticket, never the code', async () => {
      const form = await openForm();
      await sleep(1100);
      const warga = { nama: 'Sari Warga', kontak: '0812-7777-1111', isi: ISI, layanan: '', situs_web: '', jawaban: form.jawaban, token: form.token };
      const filed = await submit('203.0.113.70', warga);
      expect(filed.status).toBe(201);
      expect(filed.kodeLacak).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      // the next person presses Back and sends the same form with their own text; or anyone holding the token, with any text, no answer
      for (const fields of [
        { ...warga, nama: 'Orang Lain', isi: 'Pengaduan lain tentang parkir liar di depan kantor kelurahan.' },
        { token: form.token },
      ]) {
        const other = await submit('198.51.100.9', fields);
        expect([other.status, other.nomorTiket]).toEqual([200, filed.nomorTiket]);
        expect(other.kodeLacak).toBeNull();
        expect(other.text).not.toContain(filed.kodeLacak!);
        expect(other.text).toContain('perubahan yang Anda kirim kemudian tidak dicatat');
      }
      // the filer's own resend still shows it
      const again = await submit('203.0.113.70', warga);
      expect([again.status, again.kodeLacak]).toEqual([200, filed.kodeLacak]);
    });

    it('held: one Idempotency-Key sent at once with different bodies and with the same body: one complaint, the others 422 or the same 201; tickets gap-free; a form token and an API key never meet', async () => {
      const before = Number(await app.strapi.db.query(UID_PENGADUAN).count({}));
      const key = `kunci-${Date.now()}`;
      const bodies = [0, 1, 2, 3].map((n) => ({ nama: `Pelapor ${n % 2}`, kontak: '0813-2222-0000', isi: `${ISI} (${n % 2})` }));
      const answers = await Promise.all(bodies.map((body) => api('203.0.113.80', key, body)));
      const created = answers.filter((answer) => answer.status === 201);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 422, 422]);
      expect(new Set(created.map((answer) => answer.body.data.nomorTiket)).size).toBe(1);
      expect(new Set(created.map((answer) => answer.body.data.kodeLacak)).size).toBe(1);
      for (const refused of answers.filter((answer) => answer.status === 422))
        expect(JSON.stringify(refused.body)).not.toMatch(/ADU-|[0-9A-Z]{4}-[0-9A-Z]{4}-/);
      expect(Number(await app.strapi.db.query(UID_PENGADUAN).count({}))).toBe(before + 1);
      // the same key from another address is another key; a form nonce sent as an API key files anew
      const elsewhere = await api('203.0.113.81', key, bodies[0]);
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body.data.nomorTiket).not.toBe(created[0].body.data.nomorTiket);
      const rows = (await app.strapi.db.query(UID_PENGADUAN).findMany({ select: ['nomorTiket'], where: { saluran: 'web' } })) as {
        nomorTiket: string;
      }[];
      const numbers = rows.map((row) => Number(row.nomorTiket.slice(-6))).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, index) => numbers[0] + index));
    });
  });

  it('a holiday for today, declared by the Operator at 15.00, does not erase the day’s elapsed working minutes: only Super Admin declares one', async () => {
    const UID = 'api::hari-libur.hari-libur';
    const today = localDate(new Date());
    const body = { tanggal: today, nama: 'Libur mendadak', jenis: 'libur_daerah' };
    for (const who of [staff.operator, staff.kasi]) {
      const refused = await cmCreate(app, who, UID, body);
      expect([refused.status, refused.body.error?.message]).toEqual([403, expect.stringContaining(`Hari libur ${today} sudah berjalan atau lewat`)]);
    }
    const declared = await cmCreate(app, staff.admin, UID, body);
    expect(declared.status).toBe(201);
    const removed = await app
      .http()
      .delete(`/content-manager/collection-types/${UID}/${declared.body.data.documentId as string}`)
      .set('Authorization', `Bearer ${staff.operator.token}`);
    expect(removed.status).toBe(403);
  });

  it('a number past its column’s range or not a number, in a filter, an address or a relation filter, is a 400 for every role, never a 500', async () => {
    const postgres = app.strapi.db.dialect.client === 'postgres';
    const CM = '/content-manager/collection-types';
    const token = (await app.strapi.service('admin::api-token').create({ name: 'serangan-sesi7', type: 'read-only', lifespan: null })) as {
      accessKey: string;
    };
    const asked: [string, string][] = [
      [staff.caraka.token, `${CM}/api::distribusi.distribusi?filters[id][$eq]=99999999999`],
      [staff.caraka.token, `${CM}/api::distribusi.distribusi?filters[berita][id][$eq]=99999999999`],
      [staff.operator.token, `${CM}/api::berita.berita?filters[id][$in][0]=99999999999999999999`],
      [staff.operator.token, `${CM}/api::berita.berita?filters[id][$eq]=abc`],
      [staff.kasi.token, `${CM}/api::kriptogram.kriptogram?filters[tahunAgenda][$gt]=1.5`],
      [staff.operator.token, '/upload/files?filters[id][$eq]=99999999999'],
      [staff.operator.token, '/upload/folders/99999999999'],
      [token.accessKey, '/api/beritas?filters[id][$eq]=99999999999'],
    ];
    for (const [bearer, path] of asked) {
      const answer = await app.http().get(path).set('Authorization', `Bearer ${bearer}`);
      expect([path, answer.status < 500]).toEqual([path, true]);
      if (postgres) {
        expect([path, answer.status, answer.body.error?.message]).toEqual([path, 400, expect.stringContaining('angka di luar jangkauan')]);
      }
    }
    expect((await app.http().get('/api/health')).status).toBe(200);
  });

  describe('the record of edits outside the steps', () => {
    it('clearing a berita’s recipients in the content manager is an audit row, as any other edit', async () => {
      const documentId = await walkBeritaTo(app, staff, 'diterima');
      const cleared = await cmUpdate(app, staff.operator, 'api::berita.berita', documentId, { penerima: [] });
      expect(cleared.status).toBe(200);
      const row = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId }, populate: ['penerima'] })) as {
        penerima: unknown[];
      };
      expect(row.penerima).toEqual([]);
      expect((await auditOf('berita', documentId)).at(-1)).toEqual({
        ke: 'diubah',
        catatan: 'Diubah lewat panel admin (content manager): penerima.',
      });
    });

    it('a letter is not issued after its JSON addressees were emptied since the paraf (409)', async () => {
      const created = await cmCreate(app, staff.operator, UID_KELUAR, {
        perihal: 'Undangan rapat',
        tujuan: 'Setda',
        isi: 'Dengan hormat, rapat koordinasi diadakan Senin.',
        penerima: ['Sekretaris Daerah', 'Asisten Pemerintahan'],
      });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId as string;
      for (const [who, step] of [
        [staff.operator, 'diagendakan'],
        [staff.kasi, 'diparaf'],
      ] as const) {
        expect((await transit(app, who, 'berita-keluar', documentId, step)).status).toBe(200);
      }
      expect((await cmUpdate(app, staff.operator, UID_KELUAR, documentId, { penerima: null })).status).toBe(200);
      expect((await auditOf('berita-keluar', documentId)).at(-1)).toEqual({
        ke: 'diubah',
        catatan: 'Diubah lewat panel admin (content manager): penerima.',
      });
      const send = await transit(app, staff.operator, 'berita-keluar', documentId, 'dikirim');
      expect([send.status, send.body.error?.message]).toEqual([
        409,
        'Surat dinas belum dapat diterbitkan: kolom penerima diubah setelah paraf "parafKasi" diberikan; mintakan paraf ulang.',
      ]);
    });
  });
});
