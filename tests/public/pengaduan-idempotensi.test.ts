/**
 * Issue 11 §4: a double click must not lose the ticket. The same form token, or the same
 * `Idempotency-Key` from the same client, files one complaint; every repeat — even truly
 * concurrent — answers with that complaint's ticket and tracking code.
 */
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE } from '../helpers/sop';

const UID = 'api::pengaduan.pengaduan';
const ISI = 'Loket pelayanan tutup lebih awal tanpa pemberitahuan kepada warga.';
const TERBILANG = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const decode = (text: string): string => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

type Tiket = { status: number; nomorTiket: string | null; kodeLacak: string | null; text: string };

describe('pengaduan: a repeated or concurrent submission answers with the complaint it filed', () => {
  let app: TestApp;
  const stored = async (): Promise<number> => Number(await app.strapi.db.query(UID).count({}));

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_FORM_MIN_SECONDS: '1', PENGADUAN_RATE_LIMIT: '1000', IS_PROXIED: 'true' } });
  });
  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  const openForm = async (): Promise<{ token: string; jawaban: string }> => {
    const response = await app.http().get('/pengaduan');
    expect(response.status).toBe(200);
    const token = /name="token" value="([^"]+)"/.exec(response.text)?.[1];
    const sum = /Berapa hasil (\w+) ditambah (\w+)\?/.exec(response.text);
    if (!token || !sum) throw new Error('not a complaint form');
    return { token: decode(token), jawaban: String(TERBILANG.indexOf(sum[1]) + TERBILANG.indexOf(sum[2])) };
  };

  const submit = async (fields: Record<string, string>): Promise<Tiket> => {
    const response = await app.http().post('/pengaduan').set('X-Forwarded-For', '203.0.113.50').type('form').send(fields);
    return {
      status: response.status,
      nomorTiket: /<strong class="nomor-tiket">([^<]+)<\/strong>/.exec(response.text)?.[1] ?? null,
      kodeLacak: /<code class="kode-lacak">([^<]+)<\/code>/.exec(response.text)?.[1] ?? null,
      text: response.text,
    };
  };

  const tracks = async (nomorTiket: string, kodeLacak: string) =>
    (await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?kode=${encodeURIComponent(kodeLacak)}`).set('X-Forwarded-For', '203.0.113.51')).status;

  it('the form sent twice at once (a double click), five times over: one complaint each, both answers show its ticket and code', async () => {
    for (let round = 0; round < 5; round += 1) {
      const form = await openForm();
      await sleep(1100);
      const before = await stored();
      const body = { nama: `Rina ${round}`, kontak: 'rina@contoh.id', isi: ISI, layanan: '', situs_web: '', jawaban: form.jawaban, token: form.token, altcha: '' };
      const [first, second] = await Promise.all([submit(body), submit(body)]);
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      for (const answer of [first, second]) {
        expect(answer.text).not.toContain('belum terkirim');
        expect(answer.nomorTiket).toMatch(/^ADU-\d{4}-\d{6}$/);
        expect(answer.kodeLacak).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      }
      expect(second.nomorTiket).toBe(first.nomorTiket);
      expect(second.kodeLacak).toBe(first.kodeLacak);
      expect(await stored()).toBe(before + 1);
      expect(await tracks(first.nomorTiket!, first.kodeLacak!)).toBe(200);
    }
  });

  it('sent again later: the same receipt; sent again with changed text: the ticket without the code and a note, nothing new filed; after the token expired: the ticket without the code', async () => {
    const form = await openForm();
    await sleep(1100);
    const body = { nama: 'Budi', kontak: '0812-3333-4444', isi: ISI, situs_web: '', jawaban: form.jawaban, token: form.token };
    const first = await submit(body);
    expect(first.status).toBe(201);
    const before = await stored();

    const again = await submit(body);
    expect(again).toMatchObject({ status: 200, nomorTiket: first.nomorTiket, kodeLacak: first.kodeLacak });
    expect(again.text).toContain('sudah terkirim sebelumnya');

    const changed = await submit({ ...body, isi: `${ISI} Ditambah keterangan baru.` });
    // the ticket, not the code: the token alone does not prove the sender filed it (session 7)
    expect(changed).toMatchObject({ status: 200, nomorTiket: first.nomorTiket, kodeLacak: null });
    expect(changed.text).toContain('perubahan yang Anda kirim kemudian tidak dicatat');
    expect(changed.text).toContain('Kode lacak hanya ditampilkan lagi bila isian yang dikirim sama');

    setClock(new Date(Date.now() + 2 * 60 * 60 * 1000 + 60_000));
    const late = await submit(body);
    setClock(null);
    expect(late).toMatchObject({ status: 200, nomorTiket: first.nomorTiket, kodeLacak: null });
    expect(late.text).toContain('Kode lacak tidak dapat ditampilkan lagi');
    expect(await stored()).toBe(before);
  });

  it('after staff issued a new tracking code, a resend shows the ticket but not the old (now invalid) code; the API key answers 409', async () => {
    const petugas = await createAdminSession(app, ROLE.petugasPengaduan);
    const form = await openForm();
    await sleep(1100);
    const body = { nama: 'Dewi', kontak: 'dewi@contoh.id', isi: ISI, situs_web: '', jawaban: form.jawaban, token: form.token };
    const first = await submit(body);
    expect(first.status).toBe(201);
    const keyed = await api({ data: { nama: 'Dewi', kontak: 'dewi@contoh.id', isi: ISI } }, 'kunci-dewi');
    expect(keyed.status).toBe(201);
    for (const nomorTiket of [first.nomorTiket!, keyed.body.data.nomorTiket as string]) {
      const row = (await app.strapi.db.query(UID).findOne({ where: { nomorTiket }, select: ['documentId'] })) as { documentId: string };
      const reissued = await app.http().post(`/sop/pengaduan/${row.documentId}/kode-lacak`).set('Authorization', `Bearer ${petugas.token}`);
      expect(reissued.status).toBe(200);
      expect(await tracks(nomorTiket, reissued.body.data.kodeLacak)).toBe(200);
    }
    const again = await submit(body);
    expect(again).toMatchObject({ status: 200, nomorTiket: first.nomorTiket, kodeLacak: null });
    const keyedAgain = await api({ data: { nama: 'Dewi', kontak: 'dewi@contoh.id', isi: ISI } }, 'kunci-dewi');
    expect(keyedAgain.status).toBe(409);
    expect(keyedAgain.body.error.message).toContain(keyed.body.data.nomorTiket);
  });

  const api = (body: object, key: string | null, client = '198.51.100.7') => {
    const request = app.http().post('/api/pengaduan').set('X-Forwarded-For', client);
    return (key === null ? request : request.set('Idempotency-Key', key)).send(body);
  };

  it('JSON API: the same Idempotency-Key and body sent twice at once gives the same 201 twice, five times over', async () => {
    for (let round = 0; round < 5; round += 1) {
      const before = await stored();
      const body = { data: { nama: `Sari ${round}`, kontak: 'sari@contoh.id', isi: ISI } };
      const key = `a8f4c2e0-0000-4000-8000-00000000000${round}`;
      const [first, second] = await Promise.all([api(body, key), api(body, key)]);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(first.body.data).toEqual({ nomorTiket: expect.stringMatching(/^ADU-/), kodeLacak: expect.stringMatching(/^[0-9A-Z-]{19}$/) });
      expect(await stored()).toBe(before + 1);
      expect(await tracks(first.body.data.nomorTiket, first.body.data.kodeLacak)).toBe(200);
      const later = await api(body, key);
      expect(later.status).toBe(201);
      expect(later.body).toEqual(first.body);
    }
  });

  it('JSON API: the same key with another body is a 422 and files nothing; the key is per client and lasts 24 hours; a bad key is a 400; no key files every time', async () => {
    const body = { data: { nama: 'Tono', kontak: 'tono@contoh.id', isi: ISI } };
    const first = await api(body, 'kunci-tono-1');
    expect(first.status).toBe(201);
    const before = await stored();

    const other = await api({ data: { ...body.data, isi: `${ISI} Versi lain.` } }, 'kunci-tono-1');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ data: null, error: { status: 422, name: 'UnprocessableEntityError' } });
    expect(other.body.error.message).toContain('Idempotency-Key ini sudah dipakai untuk pengaduan dengan isi yang berbeda');
    expect(await stored()).toBe(before);

    const otherClient = await api(body, 'kunci-tono-1', '198.51.100.99');
    expect(otherClient.status).toBe(201);
    expect(otherClient.body.data.nomorTiket).not.toBe(first.body.data.nomorTiket);

    setClock(new Date(Date.now() + 24 * 60 * 60 * 1000 + 60_000));
    const nextDay = await api(body, 'kunci-tono-1');
    setClock(null);
    expect(nextDay.status).toBe(201);
    expect(nextDay.body.data.nomorTiket).not.toBe(first.body.data.nomorTiket);
    expect(await stored()).toBe(before + 2);

    for (const bad of ['x'.repeat(256), 'dengan spasi']) {
      const response = await api(body, bad);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('Idempotency-Key tidak sah');
    }
    const [a, b] = await Promise.all([api(body, null), api(body, null)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.data.nomorTiket).not.toBe(b.body.data.nomorTiket);
    expect(await stored()).toBe(before + 4);
  });
});
