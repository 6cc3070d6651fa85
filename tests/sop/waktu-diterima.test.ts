import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, cmUpdate, ROLE, walkBeritaTo } from '../helpers/sop';
import { composeMail } from '../helpers/sanapati-mail';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';

/*
 * A receipt time typed by staff into a berita or kriptogram (content manager, create and edit) must be
 * plausible, as in a correction: not in the future, not more than ten years back. A far-past time was
 * taken before, and made every overdue walk (the daily digest) start centuries back. An unchanged time
 * echoed by the edit form passes however old the record is. Refused writes leave nothing behind.
 */

const BERITA = 'api::berita.berita';
const KRIPTOGRAM = 'api::kriptogram.kriptogram';
// the server's clock for this file: Tuesday 1 December 2026, 10.00 WIB
const NOW = new Date('2026-12-01T03:00:00.000Z');
const HOUR = 3_600_000;

type Answer = {
  status: number;
  body: { data?: Record<string, unknown>; error?: { status: number; name: string; message: string; details?: unknown } };
};

describe('waktuDiterima written by staff: no future, at most ten years back (berita, kriptogram, pengaduan)', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    setClock(NOW);
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  const storedWaktu = async (documentId: string): Promise<string> =>
    new Date(
      ((await app.strapi.db.query(BERITA).findOne({ where: { documentId } })) as { waktuDiterima: string | Date }).waktuDiterima
    ).toISOString();

  const koreksi = (documentId: string, waktuDiterima: string) =>
    app
      .http()
      .post(`/sop/berita/${documentId}/koreksi`)
      .set('Authorization', `Bearer ${staff.operator.token}`)
      .send({ catatan: 'Waktu diterima salah ketik', data: { waktuDiterima } });

  const counts = async () => ({
    berita: Number((await app.strapi.db.connection('berita').count({ n: '*' }))[0].n),
    kriptogram: Number((await app.strapi.db.connection('kriptogram').count({ n: '*' }))[0].n),
    pengaduan: Number((await app.strapi.db.connection('pengaduan').count({ n: '*' }))[0].n),
    audit: Number((await app.strapi.db.connection('sop_audit').count({ n: '*' }))[0].n),
  });

  const refused = async (pending: PromiseLike<Answer>, message: RegExp) => {
    const before = await counts();
    const answer = await pending;
    expect({ status: answer.status, name: answer.body.error?.name }).toEqual({ status: 400, name: 'ValidationError' });
    expect(answer.body.error?.message).toMatch(message);
    expect(await counts()).toEqual(before);
    return answer;
  };

  const created = async (pending: PromiseLike<Answer>) => {
    const answer = await pending;
    if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.data!;
  };

  it('refuses a berita received in 1900 or two hours from now, and writes nothing', async () => {
    const old = await refused(
      cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: '1900-01-01T00:00:00.000Z' }),
      /^Waktu diterima lebih dari sepuluh tahun yang lalu\.$/
    );
    expect(old.body.error?.details).toEqual({ field: 'waktuDiterima' });
    await refused(
      cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: new Date(NOW.getTime() + 2 * HOUR).toISOString() }),
      /^Waktu diterima tidak boleh di masa depan\.$/
    );
  });

  it('takes a berita received half a minute ahead (a fast workstation clock) and one nine years back, each with its tenggat', async () => {
    const ahead = await created(
      cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: new Date(NOW.getTime() + 30_000).toISOString() })
    );
    expect(new Date(String(ahead.waktuDiterima)).getTime()).toBe(NOW.getTime() + 30_000);
    // Monday 4 December 2017, 09.00 WIB + one service day → Tuesday 09.00 WIB
    const late = await created(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: '2017-12-04T02:00:00.000Z' }));
    expect(new Date(String(late.tenggat)).toISOString()).toBe('2017-12-05T02:00:00.000Z');
  });

  it('refuses a kriptogram received tomorrow', async () => {
    await refused(
      cmCreate(app, staff.sandiman, KRIPTOGRAM, {
        nomorKriptogram: 'KR-0100/JKS/XII/2026',
        asal: 'Jaring Komunikasi Sandi Pemerintah Provinsi',
        klasifikasi: 'rahasia',
        derajatKecepatan: 'segera',
        waktuDiterima: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
        teksKriptogram: 'XKQWT PLMZR AABCE QQRTS',
      }),
      /masa depan/
    );
  });

  it('refuses an edit that moves the receipt time to 1970 and keeps the stored one', async () => {
    const berita = await created(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, perihal: 'Berita yang waktunya hendak diubah' }));
    await refused(cmUpdate(app, staff.operator, BERITA, String(berita.documentId), { waktuDiterima: '1970-01-01T00:00:00.000Z' }), /sepuluh tahun/);
    const stored = (await app.strapi.db.query(BERITA).findOne({ where: { documentId: berita.documentId } })) as { waktuDiterima: string | Date };
    expect(new Date(stored.waktuDiterima).toISOString()).toBe(BERITA_CONTOH.waktuDiterima);
  });

  it('passes an edit that echoes an old stored time unchanged (a record from before the bound) and saves the rest', async () => {
    const berita = await created(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, perihal: 'Berita lama dari buku agenda kertas' }));
    const documentId = String(berita.documentId);
    // a record carried over from before the bound, written by server code
    await app.strapi.db.query(BERITA).update({ where: { documentId }, data: { waktuDiterima: '2001-03-05T02:00:00.000Z' } });
    const answer = await cmUpdate(app, staff.operator, BERITA, documentId, {
      perihal: 'Berita lama dari buku agenda kertas (diperbaiki)',
      waktuDiterima: '2001-03-05T09:00:00+07:00',
    });
    expect(answer.status).toBe(200);
    const stored = (await app.strapi.db.query(BERITA).findOne({ where: { documentId } })) as { perihal: string; waktuDiterima: string | Date };
    expect(stored.perihal).toBe('Berita lama dari buku agenda kertas (diperbaiki)');
    expect(new Date(stored.waktuDiterima).toISOString()).toBe('2001-03-05T02:00:00.000Z');
  });

  it('a complaint recorded by staff keeps its own bound: a year back', async () => {
    const complaint = {
      nama: 'Penelepon',
      kontak: '081234567890',
      isi: 'Pengaduan lewat telepon tentang layanan persandian.',
      saluran: 'telepon',
    };
    await refused(
      cmCreate(app, staff.petugas, 'api::pengaduan.pengaduan', { ...complaint, waktuDiterima: '2025-11-01T03:00:00.000Z' }),
      /Waktu diterima lebih dari setahun yang lalu/
    );
    await created(cmCreate(app, staff.petugas, 'api::pengaduan.pengaduan', { ...complaint, waktuDiterima: '2026-11-30T03:00:00.000Z' }));
  });
  it('refuses an edit to a time that reads one way and would be stored another, and clearing the time', async () => {
    const berita = await created(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, perihal: 'Berita untuk bentuk waktu yang aneh' }));
    const documentId = String(berita.documentId);
    // digits are milliseconds since 1970 (as Strapi stores them), whatever Date would make of them
    for (const value of ['0002025', '002025', 0]) {
      await refused(cmUpdate(app, staff.operator, BERITA, documentId, { waktuDiterima: value }), /sepuluh tahun/);
    }
    for (const value of [null, '']) {
      await refused(cmUpdate(app, staff.operator, BERITA, documentId, { waktuDiterima: value }), /^Waktu diterima wajib diisi\.$/);
    }
    expect(await storedWaktu(documentId)).toBe(BERITA_CONTOH.waktuDiterima);
  });

  it('stores exactly the instant it checked: an offset in hours only, and milliseconds as a number', async () => {
    const berita = await created(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: '2026-11-30T10:00+07' }));
    const documentId = String(berita.documentId);
    expect(await storedWaktu(documentId)).toBe('2026-11-30T03:00:00.000Z');
    // Monday 30 November, 10.00 WIB + one service day → Tuesday 10.00 WIB
    expect(new Date(String(berita.tenggat)).toISOString()).toBe('2026-12-01T03:00:00.000Z');
    const answer = await cmUpdate(app, staff.operator, BERITA, documentId, { waktuDiterima: Date.parse('2026-11-27T02:00:00.000Z') });
    expect(answer.status).toBe(200);
    expect(await storedWaktu(documentId)).toBe('2026-11-27T02:00:00.000Z');
  });

  it('a correction stays within a year, unless the record was entered with an older time: then within its ten years', async () => {
    const baru = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita biasa yang dikoreksi' });
    const tuaDua = new Date(NOW.getTime() - 2 * 365 * 24 * HOUR).toISOString();
    const ditolak = await koreksi(baru, tuaDua);
    expect({ status: ditolak.status, message: (ditolak.body as { error?: { message: string } }).error?.message }).toEqual({
      status: 400,
      message: 'Waktu diterima lebih dari setahun yang lalu.',
    });
    const lama = await walkBeritaTo(app, staff, 'diagendakan', {
      perihal: 'Berita lama yang dicatat terlambat',
      waktuDiterima: '2017-12-04T02:00:00.000Z',
    });
    const diterima = await koreksi(lama, '2017-12-05T02:00:00.000Z');
    expect(diterima.status).toBe(200);
    expect(await storedWaktu(lama)).toBe('2017-12-05T02:00:00.000Z');
    const terlalu = await koreksi(lama, '2015-01-05T02:00:00.000Z');
    expect({ status: terlalu.status, message: (terlalu.body as { error?: { message: string } }).error?.message }).toEqual({
      status: 400,
      message: 'Waktu diterima lebih dari sepuluh tahun yang lalu.',
    });
  });

  it('takes an unchanged time sent in another form on a registered record as unchanged, and refuses a number beyond any date', async () => {
    const terdaftar = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita terdaftar yang disunting' });
    const echo = await cmUpdate(app, staff.operator, BERITA, terdaftar, {
      isiRingkas: 'Ringkasan diperbaiki.',
      waktuDiterima: '2026-11-23T10:00+07',
    });
    expect(echo.status).toBe(200);
    expect(await storedWaktu(terdaftar)).toBe(BERITA_CONTOH.waktuDiterima);
    await refused(cmCreate(app, staff.operator, BERITA, { ...BERITA_CONTOH, waktuDiterima: 9e15 }), /^Waktu diterima tidak sah\.$/);
  });

  it('sets aside an uploaded .eml whose Received date lies centuries back, and takes one stamped ahead of our clock as received now', async () => {
    const withReceived = async (stamp: string) =>
      Buffer.concat([
        Buffer.from(`Received: from relay.bssn.go.id by mail.pekalongankota.go.id; ${stamp}\r\n`),
        await composeMail({ subject: `Berita dengan cap ${stamp}`, text: 'Isi berita.' }),
      ]);
    const uploadOne = async (stamp: string) => {
      const answer = await app
        .http()
        .post('/sop/intake/eml')
        .set('Authorization', `Bearer ${staff.operator.token}`)
        .attach('files', await withReceived(stamp), { filename: 'cap.eml', contentType: 'message/rfc822' });
      return { status: answer.status, hasil: (answer.body as { data: { hasil: string; alasan?: string; documentId?: string }[] }).data[0] };
    };
    const files = async () => Number((await app.strapi.db.connection('files').count({ n: '*' }))[0].n);

    const beforeFiles = await files();
    const before = await counts();
    const old = await uploadOne('Sat, 1 Jan 1000 00:00:00 +0000');
    // 200, not 201: no berita was made, no file kept
    expect(old.status).toBe(200);
    expect(old.hasil.hasil).toBe('gagal');
    expect(old.hasil.alasan).toBe('Waktu diterima lebih dari sepuluh tahun yang lalu (1000-01-01T00:00:00.000Z).');
    expect((await counts()).berita).toBe(before.berita);
    expect(await files()).toBe(beforeFiles);

    for (const stamp of ['Fri, 31 Dec 9999 23:00:00 +0000', 'Tue, 1 Dec 2026 03:02:00 +0000']) {
      const ahead = await uploadOne(stamp);
      expect({ stamp, status: ahead.status, hasil: ahead.hasil.hasil }).toEqual({ stamp, status: 201, hasil: 'baru' });
      expect(await storedWaktu(String(ahead.hasil.documentId))).toBe(NOW.toISOString());
    }
  });
});
