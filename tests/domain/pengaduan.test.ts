import fc from 'fast-check';
import { DEFAULT_SCHEDULE } from '../../src/domain/calendar';
import {
  formatKodeLacak,
  formatNomorTiket,
  hitungTenggat,
  normalizeKodeLacak,
  normalizeNomorTiket,
  parseKontak,
  parseTimers,
  tenggatAktif,
  validateEnvelope,
  validateFields,
  validatePetugas,
} from '../../src/domain/pengaduan';
import { PENGADUAN } from '../../src/sop-defs/pengaduan/workflow';
import { decide, availableActions } from '../../src/plugins/sop/server/src/engine/decide';
import type { Actor } from '../../src/plugins/sop/server/src/engine/types';
import { clientKey, connectRateLimitRedis, createRateLimiter } from '../../src/api/pengaduan/lib/rate-limit';

const ISI = 'Antrean pelayanan hari ini sangat panjang dan petugas tidak ada di tempat.';
const valid = { nama: 'Siti Aminah', kontak: 'siti@contoh.id', isi: ISI };

const messages = (body: unknown): string[] => {
  const result = validateEnvelope(body);
  return result.ok ? [] : result.masalah.map((m) => `${m.path.join('.')}: ${m.message}`);
};

describe('pengaduan: kontak', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0858 6062 0563', '+6285860620563'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.789', '+628123456789'],
    ['0812345678', '+62812345678'],
  ])('accepts the Indonesian mobile number %s as %s', (input, normalised) => {
    expect(parseKontak(input)).toEqual({ jenis: 'telepon', nilai: normalised });
  });

  it.each(['081234567', '0812345678901234', '0285421243', '+1 555 123 4567', '12345678901', '08-abc', '', '62 21 1234567', '+0812345678'])(
    'refuses %j',
    (input) => {
      expect(parseKontak(input)).toBeNull();
    }
  );

  it('accepts e-mail addresses and refuses malformed ones', () => {
    expect(parseKontak(' warga@pekalongankota.go.id ')).toEqual({ jenis: 'email', nilai: 'warga@pekalongankota.go.id' });
    for (const bad of ['warga@', '@contoh.id', 'warga@@contoh.id', 'warga contoh@contoh.id', `${'a'.repeat(250)}@contoh.id`]) {
      expect(parseKontak(bad)).toBeNull();
    }
  });
});

describe('pengaduan: the public allow-list', () => {
  it('accepts a valid complaint and normalises it', () => {
    const result = validateEnvelope({
      data: { nama: '  Siti   Aminah ', kontak: '0812 3456 7890', isi: `  ${ISI}\r\nTerima kasih. `, layanan: 'penerimaan-berita' },
    });
    expect(result).toEqual({
      ok: true,
      data: { nama: 'Siti Aminah', kontak: '+6281234567890', isi: `${ISI}\nTerima kasih.`, layanan: 'penerimaan-berita' },
    });
  });

  it('requires the envelope and names every unknown field', () => {
    expect(messages({ nama: 'x' })).toEqual(expect.arrayContaining(['data: Kolom "data" wajib diisi', 'nama: Kolom "nama" tidak dikenal']));
    expect(messages([])).toEqual([': Badan permintaan harus berupa objek JSON { "data": { … } }']);
    expect(messages({ data: 'teks' })[0]).toMatch(/^data: Kolom "data" harus berupa objek/);
    const unknown = messages({ data: { ...valid, id: 1, documentId: 'x', status: 'selesai', tahap: 'selesai', publishedAt: null } });
    for (const field of ['id', 'documentId', 'status', 'tahap', 'publishedAt']) {
      expect(unknown).toContain(`data.${field}: Kolom "${field}" tidak dikenal`);
    }
    expect(messages(JSON.parse(`{"data":${JSON.stringify(valid).slice(0, -1)},"__proto__":{"x":1},"constructor":1}}`))).toEqual([
      'data.__proto__: Kolom "__proto__" tidak dikenal',
      'data.constructor: Kolom "constructor" tidak dikenal',
    ]);
    expect(messages({ data: valid, meta: {} })).toEqual(['meta: Kolom "meta" tidak dikenal']);
  });

  it('checks each field in Indonesian', () => {
    expect(messages({ data: { ...valid, nama: 'A' } })).toEqual(['data.nama: Nama minimal 2 karakter']);
    expect(messages({ data: { ...valid, nama: 'A'.repeat(101) } })).toEqual(['data.nama: Nama paling banyak 100 karakter']);
    expect(messages({ data: { ...valid, nama: 42 } })).toEqual(['data.nama: Nama harus berupa teks']);
    expect(messages({ data: { ...valid, kontak: 'bukan kontak' } })[0]).toMatch(
      /^data.kontak: Kontak harus alamat e-mail atau nomor ponsel Indonesia/
    );
    expect(messages({ data: { ...valid, isi: 'terlalu pendek' } })).toEqual(['data.isi: Isi pengaduan minimal 20 karakter']);
    expect(messages({ data: { ...valid, isi: 'x'.repeat(5001) } })).toEqual(['data.isi: Isi pengaduan paling banyak 5000 karakter']);
    expect(messages({ data: { ...valid, layanan: 'Bukan Slug!' } })[0]).toMatch(/^data.layanan: Layanan harus berupa slug/);
    expect(messages({ data: { nama: 'Siti' } })).toEqual(['data.kontak: Kontak wajib diisi', 'data.isi: Isi pengaduan wajib diisi']);
  });

  it('refuses NUL bytes and control characters, keeps line breaks in isi', () => {
    expect(messages({ data: { ...valid, nama: 'Siti\u0000' } })).toEqual(['data.nama: Nama memuat karakter kendali yang tidak diizinkan']);
    expect(messages({ data: { ...valid, nama: 'Siti\nAminah' } })).toEqual(['data.nama: Nama memuat karakter kendali yang tidak diizinkan']);
    expect(messages({ data: { ...valid, isi: `${ISI}\u0007` } })).toEqual(['data.isi: Isi pengaduan memuat karakter kendali yang tidak diizinkan']);
    expect(messages({ data: { ...valid, isi: `${ISI}\u009b` } })).toHaveLength(1);
    expect(messages({ data: { ...valid, kontak: 'siti@contoh.id\u0000' } })[0]).toMatch(/karakter kendali/);
    expect(messages({ data: { ...valid, isi: `${ISI}\ud800` } })).toHaveLength(1);
    expect(messages({ data: { ...valid, isi: `${ISI}\n\tBaris kedua.` } })).toEqual([]);
  });

  it('treats an empty layanan on the HTML form as none', () => {
    expect(validateFields({ ...valid, layanan: '' })).toEqual({ ok: true, data: valid });
    expect(validateFields({}).ok).toBe(false);
  });

  it('lets staff omit the contact but not break the rules of the fields given', () => {
    expect(validatePetugas({ nama: 'Pak Darto', isi: 'Keluhan lewat telepon', kontak: '' })).toEqual({
      ok: true,
      data: { nama: 'Pak Darto', isi: 'Keluhan lewat telepon' },
    });
    expect(validatePetugas({ kontak: '0812-3456-7890' })).toEqual({ ok: true, data: { kontak: '+6281234567890' } });
    expect(validatePetugas({ kontak: 'salah' }).ok).toBe(false);
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        const result = validateEnvelope(body);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 }
    );
  });
});

describe('pengaduan: ticket and tracking code', () => {
  it('formats and normalises ticket numbers', () => {
    expect(formatNomorTiket(2026, 123)).toBe('ADU-2026-000123');
    expect(formatNomorTiket(2026, 1_234_567)).toBe('ADU-2026-1234567');
    expect(normalizeNomorTiket(' adu-2026-000123 ')).toBe('ADU-2026-000123');
    for (const bad of ['ADU-2026-123', 'ADU-26-000123', "ADU-2026-000123' OR 1=1", null, 42, 'x'.repeat(100)]) {
      expect(normalizeNomorTiket(bad)).toBeNull();
    }
  });

  it('writes 80 random bits as four groups of Crockford base32 and reads them back leniently', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const kode = formatKodeLacak(bytes);
        expect(kode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(normalizeKodeLacak(kode)).toBe(kode);
        expect(normalizeKodeLacak(kode.toLowerCase().replace(/-/g, ' '))).toBe(kode);
      })
    );
    expect(formatKodeLacak(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(formatKodeLacak(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(normalizeKodeLacak('oooo-iiii-llll-0000')).toBe('0000-1111-1111-0000');
    for (const bad of ['ABCD-EFGH-JKMN', 'UUUU-UUUU-UUUU-UUUU', '', null, 'A'.repeat(50)]) expect(normalizeKodeLacak(bad)).toBeNull();
    expect(() => formatKodeLacak(new Uint8Array(9))).toThrow();
  });
});

describe('pengaduan: timers in working days', () => {
  // Monday 23 November 2026, 10.00 WIB
  const senin = new Date('2026-11-23T03:00:00.000Z');

  it('counts 3, 14 and 60 working days on the service calendar, skipping holidays', () => {
    const tenggat = hitungTenggat(senin, { pengakuan: 3, respons: 14, penyelesaian: 60 }, DEFAULT_SCHEDULE, []);
    expect(tenggat.tenggatPengakuan.toISOString()).toBe('2026-11-26T03:00:00.000Z'); // Kamis 10.00
    expect(tenggat.tenggatRespons.toISOString()).toBe('2026-12-11T03:00:00.000Z'); // Jumat 11 Des 10.00
    const libur = hitungTenggat(senin, { pengakuan: 3, respons: 14, penyelesaian: 60 }, DEFAULT_SCHEDULE, ['2026-11-24']);
    expect(libur.tenggatPengakuan.toISOString()).toBe('2026-11-27T03:00:00.000Z');
    expect(tenggat.tenggatPenyelesaian.getTime()).toBeGreaterThan(tenggat.tenggatRespons.getTime());
  });

  it('picks the deadline that applies in each state', () => {
    const t = { tenggatPengakuan: 'a', tenggatRespons: 'b', tenggatPenyelesaian: 'c' };
    expect(['diterima', 'diproses', 'diteruskan_ke_pejabat', 'selesai', 'ditolak'].map((tahap) => tenggatAktif(tahap, t))).toEqual([
      'a',
      'b',
      'c',
      null,
      null,
    ]);
  });

  it('validates the configured timers', () => {
    expect(parseTimers({})).toEqual({ pengakuan: 3, respons: 14, penyelesaian: 60 });
    expect(parseTimers({ pengakuan: '5' }).pengakuan).toBe(5);
    expect(() => parseTimers({ respons: 0 })).toThrow(/1–365/);
    expect(() => parseTimers({ penyelesaian: 'enam puluh' })).toThrow();
  });
});

describe('pengaduan: the workflow on the SOP engine', () => {
  const petugas: Actor = { id: 1, name: 'Petugas', roles: ['petugasPengaduan'] };
  const pejabat: Actor = { id: 2, name: 'Pejabat', roles: ['pejabatPengaduan'] };
  const kasi: Actor = { id: 3, name: 'Kasi', roles: ['kasi'] };
  const now = new Date('2026-11-23T03:00:00.000Z');
  const at = (tahap: string) => ({ tahap });
  const tanggapan = { tanggapan: 'Antrean telah kami tambah petugasnya mulai besok.' };

  it('lets the petugas process, forward or close, and the pejabat close or refuse', () => {
    expect(decide(PENGADUAN, at('diterima'), { ke: 'diproses' }, petugas, now)).toMatchObject({ ok: true, to: 'diproses' });
    expect(decide(PENGADUAN, at('diterima'), { ke: 'diproses' }, kasi, now)).toMatchObject({ ok: false, reason: 'peran' });
    expect(decide(PENGADUAN, at('diterima'), { ke: 'selesai', data: tanggapan }, petugas, now)).toMatchObject({ ok: false, reason: 'tahap' });
    expect(decide(PENGADUAN, at('diproses'), { ke: 'diteruskan_ke_pejabat' }, petugas, now)).toMatchObject({ ok: true });
    expect(decide(PENGADUAN, at('diproses'), { ke: 'selesai', data: tanggapan }, petugas, now)).toMatchObject({
      ok: true,
      effects: [
        { type: 'setTanggapan', tanggapan: tanggapan.tanggapan },
        { type: 'perbaruiTenggat', tahap: 'selesai' },
        { type: 'notifyComplainant', jenis: 'selesai' },
      ],
    });
    expect(decide(PENGADUAN, at('diproses'), { ke: 'selesai' }, petugas, now)).toMatchObject({ ok: false, reason: 'input' });
    expect(decide(PENGADUAN, at('diteruskan_ke_pejabat'), { ke: 'selesai', data: tanggapan }, petugas, now)).toMatchObject({
      ok: false,
      reason: 'peran',
    });
    expect(decide(PENGADUAN, at('diteruskan_ke_pejabat'), { ke: 'selesai', data: tanggapan }, pejabat, now)).toMatchObject({ ok: true });
    expect(decide(PENGADUAN, at('diteruskan_ke_pejabat'), { ke: 'ditolak' }, pejabat, now)).toMatchObject({ ok: false, reason: 'input' });
    expect(decide(PENGADUAN, at('diteruskan_ke_pejabat'), { ke: 'ditolak', catatan: 'Bukan kewenangan dinas.' }, pejabat, now)).toMatchObject({
      ok: true,
      catatan: 'Bukan kewenangan dinas.',
    });
    expect(decide(PENGADUAN, at('diproses'), { ke: 'ditolak', catatan: 'x' }, petugas, now)).toMatchObject({ ok: false, reason: 'peran' });
    expect(decide(PENGADUAN, at('selesai'), { ke: 'ditolak', catatan: 'x' }, pejabat, now)).toMatchObject({ ok: false, reason: 'tahap' });
  });

  it('offers each role its buttons', () => {
    expect(
      availableActions(PENGADUAN, at('diproses'), petugas)
        .map((a) => a.ke)
        .sort()
    ).toEqual(['diteruskan_ke_pejabat', 'selesai']);
    expect(
      availableActions(PENGADUAN, at('diteruskan_ke_pejabat'), pejabat)
        .map((a) => a.ke)
        .sort()
    ).toEqual(['ditolak', 'selesai']);
    expect(availableActions(PENGADUAN, at('selesai'), pejabat)).toEqual([]);
  });
});

describe('pengaduan: rate limiter', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('allows the limit per window per key, then says when to retry', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = createRateLimiter({ limit: 5, windowMs: 600_000, keyPrefix: 'uji' });
    for (let i = 0; i < 5; i += 1) expect((await limiter.hit('a')).allowed).toBe(true);
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect((await limiter.hit('b')).allowed).toBe(true);
    jest.advanceTimersByTime(300_000);
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 300 });
    jest.advanceTimersByTime(300_001);
    expect(await limiter.hit('a')).toEqual({ allowed: true, remaining: 4 });
  });

  it('keeps budgets with different prefixes apart, and a limit of 0 refuses everything', async () => {
    const kiriman = createRateLimiter({ limit: 1, windowMs: 60_000, keyPrefix: 'kiriman' });
    const lacak = createRateLimiter({ limit: 1, windowMs: 60_000, keyPrefix: 'lacak' });
    expect((await kiriman.hit('a')).allowed).toBe(true);
    expect((await lacak.hit('a')).allowed).toBe(true);
    expect((await kiriman.hit('a')).allowed).toBe(false);
    const tertutup = createRateLimiter({ limit: 0, windowMs: 60_000, keyPrefix: 'tertutup' });
    expect(await tertutup.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('falls back to counting in this process while its Redis cannot be reached', async () => {
    const warnings: string[] = [];
    // a port nothing listens on: the limiter must neither hang nor let everything through
    const redis = connectRateLimitRedis('redis://127.0.0.1:1', (message) => warnings.push(message));
    try {
      const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, keyPrefix: `uji-mati-${process.pid}`, redis });
      expect((await limiter.hit('a')).allowed).toBe(true);
      expect((await limiter.hit('a')).allowed).toBe(true);
      expect((await limiter.hit('a')).allowed).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(warnings.length).toBe(1);
    } finally {
      if (redis) {
        const ended = new Promise((resolve) => {
          redis.once('end', resolve);
          setTimeout(resolve, 1000).unref();
        });
        redis.disconnect();
        await ended;
      }
    }
  });

  it('is off for Redis when no address is configured', () => {
    expect(connectRateLimitRedis('', () => undefined)).toBeNull();
  });

  it('buckets IPv4 by address and IPv6 by /64', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(clientKey('2001:db8:0:12:abcd:1:2:3')).toBe(clientKey('2001:DB8::12:ffff:1:2:3'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('')).toBe('tidak-dikenal');
  });
});
