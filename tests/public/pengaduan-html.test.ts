import type * as AltchaV1 from 'altcha-lib/dist/cjs/v1/index';
import { startApp, type TestApp } from '../helpers/app';

// altcha-lib exposes v1 only through its `exports` map; the types come from the file itself.
const altcha = require('altcha-lib/v1') as typeof AltchaV1;

const UID = 'api::pengaduan.pengaduan';
const ISI = 'Petugas loket meminta biaya untuk layanan yang seharusnya gratis.';

const decode = (text: string): string =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

type FormPage = { token: string; soal: string; jawaban: string; altcha: { challenge: string; salt: string; signature: string; maxnumber: number; algorithm: string }; html: string };

const TERBILANG = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

const readForm = (html: string): FormPage => {
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  const soal = /<label for="jawaban">([^<]+)<\/label>/.exec(html)?.[1];
  const challenge = /data-altcha="([^"]+)"/.exec(html)?.[1];
  if (!token || !soal || !challenge) throw new Error(`not a complaint form: ${html.slice(0, 500)}`);
  const sum = /Berapa hasil (\w+) ditambah (\w+)\?/.exec(soal);
  if (!sum) throw new Error(`unexpected question: ${soal}`);
  return {
    token: decode(token),
    soal,
    jawaban: String(TERBILANG.indexOf(sum[1]) + TERBILANG.indexOf(sum[2])),
    altcha: JSON.parse(decode(challenge)) as FormPage['altcha'],
    html,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Pengaduan HTML pages (no JavaScript needed)', () => {
  let app: TestApp;
  const stored = async (): Promise<number> => Number(await app.strapi.db.query(UID).count({}));

  const openForm = async (): Promise<FormPage> => {
    const response = await app.http().get('/pengaduan');
    expect(response.status).toBe(200);
    return readForm(response.text);
  };

  const submit = (fields: Record<string, string>) => app.http().post('/pengaduan').type('form').send(fields);
  const track = (fields: Record<string, string>) => app.http().post('/pengaduan/lacak').type('form').send(fields);
  /** Every line handed to the server's logger, at every level (the access log is level `http`). */
  const logged: string[] = [];

  beforeAll(async () => {
    app = await startApp({
      env: { PENGADUAN_FORM_MIN_SECONDS: '1', PENGADUAN_RATE_LIMIT: '1000' },
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
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('serves an accessible form in Indonesian with a strict CSP and no inline script or style', async () => {
    const response = await app.http().get('/pengaduan');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = response.text;
    expect(html).toContain('<html lang="id">');
    expect(html).toMatch(/<form class="formulir" method="post" action="\/pengaduan"/);
    for (const field of ['nama', 'kontak', 'isi', 'jawaban']) expect(html).toContain(`<label for="${field}">`);
    expect(html).toMatch(/<div hidden>\s*<label for="situs_web">[^<]*<\/label>\s*<input id="situs_web" name="situs_web"/);
    expect(html).toContain('<script src="/assets/pengaduan.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).toContain('tidak dipungut biaya');
    const layanan = /<select id="layanan" name="layanan"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1];
    if (app.strapi.contentTypes['api::standar-pelayanan.standar-pelayanan' as keyof typeof app.strapi.contentTypes] && layanan) {
      expect(layanan).toMatch(/<option value="[a-z0-9-]+">/);
    }
    const script = await app.http().get('/assets/pengaduan.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('takes a form-encoded complaint and answers with the ticket and tracking code', async () => {
    const form = await openForm();
    await sleep(1100);
    const before = await stored();
    const response = await submit({ nama: 'Wati', kontak: '0812-1111-2222', isi: ISI, layanan: '', situs_web: '', jawaban: form.jawaban, token: form.token, altcha: '' });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const nomorTiket = /<strong class="nomor-tiket">([^<]+)<\/strong>/.exec(response.text)?.[1];
    const kodeLacak = /<code class="kode-lacak">([^<]+)<\/code>/.exec(response.text)?.[1];
    expect(nomorTiket).toMatch(/^ADU-\d{4}-\d{6}$/);
    expect(kodeLacak).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(response.text).not.toContain('0812-1111-2222');
    expect(await stored()).toBe(before + 1);
    const row = (await app.strapi.db.query(UID).findOne({ where: { nomorTiket } })) as Record<string, unknown>;
    expect(row).toMatchObject({ nama: 'Wati', kontak: '+6281211112222', saluran: 'web', tahap: 'diterima' });

    const tracked = await track({ nomor: nomorTiket!, kode: kodeLacak! });
    expect(tracked.status).toBe(200);
    expect(tracked.text).toContain(`Pengaduan ${nomorTiket}`);
    expect(tracked.text).toContain('Status: <strong>Diterima</strong>');
    expect(tracked.text).toMatch(/<li><time datetime="[^"]+">[^<]+ WIB<\/time> — Diterima<\/li>/);
    expect(tracked.text).not.toContain('Wati');

    const wrong = await track({ nomor: nomorTiket!, kode: '0000-0000-0000-0000' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('Pengaduan tidak ditemukan');
    const blank = await app.http().get(`/pengaduan/lacak?nomor=${nomorTiket}`);
    expect(blank.status).toBe(200);
    expect(blank.text).toContain(`value="${nomorTiket}"`);

    // the same form token files no second complaint: it answers with the first one's receipt
    const replay = await submit({ nama: 'Wati', kontak: '0812-1111-2222', isi: ISI, situs_web: '', jawaban: form.jawaban, token: form.token });
    expect(replay.status).toBe(200);
    expect(replay.text).toContain(`<strong class="nomor-tiket">${nomorTiket}</strong>`);
    expect(replay.text).toContain(`<code class="kode-lacak">${kodeLacak}</code>`);
    expect(await stored()).toBe(before + 1);
  });

  it('keeps the tracking code out of addresses and of every log line, on the HTML and the JSON route', async () => {
    const form = await openForm();
    await sleep(1100);
    const filed = await submit({ nama: 'Rahasia', kontak: '0812-3333-4444', isi: ISI, layanan: '', situs_web: '', jawaban: form.jawaban, token: form.token, altcha: '' });
    expect(filed.status).toBe(201);
    const nomorTiket = /<strong class="nomor-tiket">([^<]+)<\/strong>/.exec(filed.text)![1];
    const kodeLacak = /<code class="kode-lacak">([^<]+)<\/code>/.exec(filed.text)![1];
    // the form posts the code; the receipt's own link carries the ticket number only
    const page = await app.http().get('/pengaduan/lacak');
    expect(page.text).toContain('<form class="formulir" method="post" action="/pengaduan/lacak">');
    expect(filed.text).not.toContain(`kode=${kodeLacak}`);
    logged.length = 0;
    // the access log is built only when level `http` is on (the default; the tests run at `warn`)
    const log = app.strapi.log as unknown as { level: string };
    const level = log.level;
    log.level = 'http';

    const compact = kodeLacak.replace(/-/g, '');
    expect((await track({ nomor: nomorTiket, kode: kodeLacak })).status).toBe(200);
    expect((await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?kode=${kodeLacak}`)).status).toBe(200);
    // an old link with the code in its address: the code is not used, and not logged
    const oldLink = await app.http().get(`/pengaduan/lacak?nomor=${nomorTiket}&kode=${kodeLacak}`);
    expect(oldLink.status).toBe(200);
    expect(oldLink.text).not.toContain('class="hasil-lacak"');
    expect(oldLink.text).toContain('kode lacak tidak dibaca dari alamat');
    // the name sent in another case, percent-encoded, bracketed or repeated, the code in lower case
    for (const query of [
      `KODE=${kodeLacak.toLowerCase()}`,
      `%6Bode=${encodeURIComponent(kodeLacak)}`,
      `kode[$eq]=${compact}`,
      `x=1&kode=${compact}&kode=${kodeLacak}`,
    ]) {
      expect((await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?${query}`)).status).toBeLessThan(500);
    }
    log.level = level;
    const joined = logged.join('\n');
    const accessLines = logged.filter((line) => line.includes('/lacak'));
    expect(accessLines.length).toBeGreaterThanOrEqual(7);
    expect(joined).toContain(`POST /pengaduan/lacak`);
    expect(joined).toContain(`GET /api/pengaduan/lacak/${nomorTiket}?kode=[disamarkan]`);
    for (const secret of [kodeLacak, kodeLacak.toLowerCase(), compact, encodeURIComponent(kodeLacak)]) {
      expect(joined).not.toContain(secret);
    }
  });

  it('rejects a filled honeypot without storing anything', async () => {
    const form = await openForm();
    await sleep(1100);
    const before = await stored();
    const response = await submit({ nama: 'Bot', kontak: 'bot@contoh.id', isi: ISI, situs_web: 'http://spam.example', jawaban: form.jawaban, token: form.token });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Pengaduan belum terkirim');
    expect(await stored()).toBe(before);
  });

  it('rejects a submission faster than a person could type, a wrong answer and a forged token', async () => {
    const before = await stored();
    const fast = await openForm();
    const tooFast = await submit({ nama: 'Cepat', kontak: 'cepat@contoh.id', isi: ISI, jawaban: fast.jawaban, token: fast.token });
    expect(tooFast.status).toBe(400);
    expect(tooFast.text).toContain('terlalu cepat');

    const form = await openForm();
    await sleep(1100);
    const wrong = await submit({ nama: 'Salah Hitung', kontak: 'salah@contoh.id', isi: ISI, jawaban: String(Number(form.jawaban) + 1), token: form.token });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Jawaban pertanyaan keamanan salah');
    expect(wrong.text).toContain('value="Salah Hitung"');

    const [payload] = form.token.split('.');
    const forged = await submit({ nama: 'Palsu', kontak: 'palsu@contoh.id', isi: ISI, jawaban: form.jawaban, token: `${payload}.AAAA` });
    expect(forged.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('re-renders the form with the values kept (escaped) and every problem named', async () => {
    const form = await openForm();
    await sleep(1100);
    const before = await stored();
    const response = await submit({ nama: '<script>alert(1)</script>', kontak: 'bukan-kontak', isi: 'Pendek "sekali"', jawaban: form.jawaban, token: form.token });
    expect(response.status).toBe(400);
    const html = response.text;
    expect(html).toContain('Pengaduan belum terkirim');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('>Pendek &quot;sekali&quot;</textarea>');
    expect(html).toContain('<a href="#kontak">Kontak harus alamat e-mail atau nomor ponsel Indonesia');
    expect(html).toContain('<a href="#isi">Isi pengaduan minimal 20 karakter</a>');
    expect(html).toMatch(/<input id="kontak"[^>]*aria-invalid="true"/);
    expect(readForm(html).token).not.toBe(form.token);
    expect(await stored()).toBe(before);
  });

  it('accepts the proof-of-work answer of the script instead of the sum', async () => {
    const form = await openForm();
    expect(form.altcha).toMatchObject({ algorithm: 'SHA-256', maxnumber: 50000 });
    const solution = await altcha.solveChallenge(form.altcha.challenge, form.altcha.salt, form.altcha.algorithm, form.altcha.maxnumber).promise;
    expect(solution).not.toBeNull();
    const payload = (number: number) =>
      Buffer.from(JSON.stringify({ algorithm: 'SHA-256', challenge: form.altcha.challenge, number, salt: form.altcha.salt, signature: form.altcha.signature })).toString('base64');
    await sleep(1100);
    const before = await stored();

    const tampered = await submit({ nama: 'Skrip', kontak: 'skrip@contoh.id', isi: ISI, altcha: payload(solution!.number + 1), token: form.token });
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('Verifikasi otomatis gagal');

    const other = await openForm();
    await sleep(1100);
    const borrowed = await submit({ nama: 'Skrip', kontak: 'skrip@contoh.id', isi: ISI, altcha: payload(solution!.number), token: other.token });
    expect(borrowed.status).toBe(400);

    const accepted = await submit({ nama: 'Skrip', kontak: 'skrip@contoh.id', isi: ISI, altcha: payload(solution!.number), token: form.token });
    expect(accepted.status).toBe(201);
    expect(await stored()).toBe(before + 1);
  });

  it('answers wrong formats and oversized forms with an HTML page', async () => {
    const json = await app.http().post('/pengaduan').set('Content-Type', 'application/json').send('{}');
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(/^text\/html/);
    expect(json.text).toContain('Format kiriman tidak didukung');
    const big = await app.http().post('/pengaduan').type('form').send({ isi: 'x'.repeat(17 * 1024) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('Pengaduan terlalu panjang');
  });
});
