import fs from 'fs';
import path from 'path';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, ROLE, transit } from '../helpers/sop';

/**
 * One error model (issue 12): services throw `@strapi/utils` errors or the one `ConflictError`
 * (src/plugins/sop/server/src/errors.ts), and Strapi's `strapi::errors` middleware writes every error answer as
 * `{ data: null, error: { status, name, message, details } }` — nothing else, message in Indonesian.
 */

type Answer = { status: number; body: unknown; headers: Record<string, string> };

const expectEnvelope = (response: Answer, status: number, name: string, message: string | RegExp, details: Record<string, unknown> = {}) => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual({
    data: null,
    error: { status, name, message: typeof message === 'string' ? message : expect.stringMatching(message), details },
  });
};

describe('the error envelope, one request per kind of refusal', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};
  let documentId: string;

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan, { firstname: 'Pita', lastname: 'Petugas' });
    const created = await cmCreate(app, staff.operator, 'api::berita.berita', BERITA_CONTOH);
    if (created.status !== 201) throw new Error(`create berita: ${created.status} ${JSON.stringify(created.body)}`);
    documentId = String(created.body.data.documentId);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('400 ValidationError: transition input refused by the SOP, with details.issues', async () => {
    const response = await transit(app, staff.operator, 'berita', documentId, 'batal');
    expectEnvelope(response, 400, 'ValidationError', /^Catatan wajib/, { issues: [{ path: 'catatan', message: expect.any(String) }] });
  });

  it('400 ValidationError: a body that does not match the route schema, with details.issues', async () => {
    const response = await app
      .http()
      .post(`/sop/berita/${documentId}/transisi`)
      .set('Authorization', `Bearer ${staff.operator.token}`)
      .send({ ke: 'diperiksa', lain: 1 });
    expectEnvelope(response, 400, 'ValidationError', /^Permintaan tidak sah: /, { issues: [expect.objectContaining({ path: expect.any(String) })] });
  });

  it('403 ForbiddenError: the wrong role', async () => {
    const response = await transit(app, staff.kasi, 'berita', documentId, 'diperiksa');
    expectEnvelope(response, 403, 'ForbiddenError', /tidak berwenang/, { reason: 'peran' });
  });

  it('403 ForbiddenError: a role that may not open the record (the route, not the service, refuses)', async () => {
    const response = await app.http().get(`/sop/berita/${documentId}`).set('Authorization', `Bearer ${staff.petugas.token}`);
    expectEnvelope(response, 403, 'ForbiddenError', 'Peran Anda tidak berwenang membuka naskah ini.');
  });

  it('400 ValidationError: an unknown role asked of /sop/pengguna', async () => {
    const response = await app.http().get('/sop/pengguna?peran=raja').set('Authorization', `Bearer ${staff.kasi.token}`);
    expectEnvelope(response, 400, 'ValidationError', /^Peran "raja" tidak dikenal; gunakan salah satu dari: /);
  });

  it('404 NotFoundError: an unknown model, an unknown record', async () => {
    expectEnvelope(
      await transit(app, staff.operator, 'surat-cinta', documentId, 'diperiksa'),
      404,
      'NotFoundError',
      'Jenis naskah "surat-cinta" tidak dikenal.'
    );
    expectEnvelope(
      await transit(app, staff.operator, 'berita', 'tidakada000000000000000', 'diperiksa'),
      404,
      'NotFoundError',
      'Naskah tidak ditemukan.'
    );
  });

  it('409 ConflictError: a step the record is not at', async () => {
    const response = await transit(app, staff.operator, 'berita', documentId, 'dicetak');
    expectEnvelope(response, 409, 'ConflictError', /\w/, { reason: 'tahap' });
  });

  it('409 ConflictError: a document not yet available at this tahap (details.tahap)', async () => {
    const response = await app.http().get(`/sop/berita/${documentId}/dokumen/kartu-kendali`).set('Authorization', `Bearer ${staff.operator.token}`);
    expectEnvelope(response, 409, 'ConflictError', /^Kartu kendali \/ lembar pengantar belum diisi/, { tahap: 'diterima' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('413, 415 and 404 on the public complaint API keep their status, name and body', async () => {
    const tooLarge = await app
      .http()
      .post('/api/pengaduan')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ data: { isi: 'x'.repeat(17 * 1024) } }));
    expectEnvelope(tooLarge, 413, 'PayloadTooLargeError', 'Badan permintaan terlalu besar: paling banyak 16 KiB.');
    expect(tooLarge.headers['cache-control']).toBe('no-store');

    const wrongType = await app.http().post('/api/pengaduan').set('Content-Type', 'text/plain').send('halo');
    expectEnvelope(
      wrongType,
      415,
      'UnsupportedMediaTypeError',
      'Jenis konten tidak didukung: kirim badan JSON dengan Content-Type: application/json (UTF-8, tanpa kompresi).'
    );
    expect(wrongType.headers['cache-control']).toBe('no-store');

    const missing = await app.http().get('/api/pengaduan/lacak/ADU-2026-999999?kode=0000-0000-0000-0000');
    expectEnvelope(missing, 404, 'NotFoundError', 'Pengaduan tidak ditemukan: nomor tiket atau kode lacak tidak cocok.');
  });
});

describe('the rule stays true: no hand-built error envelope under src/', () => {
  const SRC = path.resolve(__dirname, '..', '..', 'src');

  const sourceFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
    });

  /** The code without its comments (doc comments may show the envelope). */
  const code = (file: string): string =>
    fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

  // The health probe answers its own documented body `{ status, database }` with 503 — not an error envelope.
  const STATUS_ALLOWED = new Set(['api/health/controllers/health.ts']);

  const files = sourceFiles(SRC).map((file) => ({ name: path.relative(SRC, file).split(path.sep).join('/'), text: code(file) }));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((file) => file.name)).toContain('plugins/sop/server/src/errors.ts');
  });

  it('builds no `{ data: null, error: … }` body and no `error: { status … }` object', () => {
    const offenders = files.filter((file) => /data\s*:\s*null\s*,\s*error\s*:/.test(file.text) || /error\s*:\s*\{\s*status\s*:/.test(file.text));
    expect(offenders.map((file) => file.name)).toEqual([]);
  });

  it('sets no 4xx/5xx status by hand and uses no ctx.throw (throw a typed error instead)', () => {
    const offenders = files.filter(
      (file) =>
        (/\bctx\.(?:response\.)?status\s*=\s*[45]\d\d\b/.test(file.text) && !STATUS_ALLOWED.has(file.name)) || /\bctx\.throw\s*\(/.test(file.text)
    );
    expect(offenders.map((file) => file.name)).toEqual([]);
  });

  it('keeps HTTP status codes out of the transition and correction services', () => {
    for (const name of ['plugins/sop/server/src/services/transition.ts', 'plugins/sop/server/src/services/koreksi.ts']) {
      const file = files.find((candidate) => candidate.name === name);
      expect(file?.text).toBeDefined();
      expect(file?.text).not.toMatch(/\b(?:400|401|403|404|409|413|415|422|429)\b/);
    }
  });
});
