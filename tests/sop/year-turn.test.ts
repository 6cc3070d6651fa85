/**
 * Issue 11 §5: the turn of the year. Every number, book and printed date takes day, month and
 * year from one declared moment, read in WIB (src/clock.ts lists which moment for which).
 * The app's clock is set by the test at 31 Desember 2026 23.59 and 1 Januari 2027 00.00 WIB.
 */
import PizZip from 'pizzip';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { backfillWaktuAgenda } from '../../src/bootstrap/waktu-agenda';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { BERITA_CONTOH, cmCreate, ROLE, sopView, transit } from '../helpers/sop';
import { KRIPTOGRAM_CONTOH, SALINAN_CONTOH } from '../helpers/kriptogram';
import { bukaDocx, expectFile, unduh } from '../letters/unduh';

/** A WIB wall-clock time as an instant: `wib('2026-12-31 23:59')`. */
const wib = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const sheetRows = (bytes: Buffer): string[][] => {
  const xml = new PizZip(bytes).file('xl/worksheets/sheet1.xml')!.asText();
  return [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c [^>]*?(?:\/>|>(.*?)<\/c>)/g)].map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, ''))
  );
};

type Response = { status: number; body: { data?: Record<string, unknown> } };
const ok = async (pending: PromiseLike<unknown>, what: string): Promise<Response> => {
  const response = (await pending) as Response;
  if (response.status !== 200 && response.status !== 201) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
};

describe('the turn of the year (WIB): numbers, books and printed dates', () => {
  let app: TestApp;
  const staff: Record<string, AdminSession> = {};

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.petugas = await createAdminSession(app, ROLE.petugasPengaduan);
  });

  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  const at = async <T>(local: string, work: () => Promise<T>): Promise<T> => {
    setClock(wib(local));
    try {
      return await work();
    } finally {
      setClock(null);
    }
  };

  const step = (session: AdminSession, model: string, documentId: string, ke: string, data?: Record<string, unknown>) =>
    ok(transit(app, session, model, documentId, ke, data ? { data } : {}), `${model} → ${ke}`);

  const beritaAt = async (perihal: string, diterima: string, registered: string): Promise<string> => {
    const created = await at(diterima, () =>
      ok(cmCreate(app, staff.operator, 'api::berita.berita', { ...BERITA_CONTOH, perihal, waktuDiterima: wib(diterima).toISOString() }), 'create')
    );
    const documentId = String(created.body.data!.documentId);
    await at(registered, async () => {
      await step(staff.operator, 'berita', documentId, 'diperiksa');
      await step(staff.operator, 'berita', documentId, 'dicetak');
      await step(staff.operator, 'berita', documentId, 'diagendakan');
    });
    return documentId;
  };

  const nomorAgenda = async (model: string, documentId: string, session: AdminSession) =>
    String((await ok(sopView(app, session, model, documentId), 'view')).body.data!.nomorAgenda);

  const bookNumbers = async (buku: string, dari: string, sampai: string): Promise<string[]> => {
    const rows = sheetRows(expectFile(await unduh(app, staff.kasi, `/sop/agenda/${buku}?dari=${dari}&sampai=${sampai}&format=xlsx`)).bytes);
    const header = rows[3];
    return rows.slice(4).map((row) => row[header.indexOf('Nomor agenda')]);
  };

  it('berita: the agenda number and its year come from the registration moment; each year’s book lists exactly its numbers, in order', async () => {
    // received on the 30th, registered at 23.58 on the 31st
    const a = await beritaAt('A diterima 30 Desember', '2026-12-30 10:00', '2026-12-31 23:58');
    // received and registered at 23.59 on the 31st
    const b = await beritaAt('B diterima 31 Desember 23.59', '2026-12-31 23:59', '2026-12-31 23:59');
    // received at 23.59 on the 31st, registered at 00.00 on the 1st
    const c = await beritaAt('C diterima 31 Desember, diagendakan 1 Januari', '2026-12-31 23:59', '2027-01-01 00:00');
    // received and registered at 00.00 on the 1st
    const d = await beritaAt('D diterima 1 Januari 00.00', '2027-01-01 00:00', '2027-01-01 00:00');
    expect([await nomorAgenda('berita', a, staff.operator), await nomorAgenda('berita', b, staff.operator)]).toEqual(['0001/2026', '0002/2026']);
    expect([await nomorAgenda('berita', c, staff.operator), await nomorAgenda('berita', d, staff.operator)]).toEqual(['0001/2027', '0002/2027']);

    expect(await bookNumbers('surat-masuk', '2026-01-01', '2026-12-31')).toEqual(['0001/2026', '0002/2026']);
    expect(await bookNumbers('surat-masuk', '2027-01-01', '2027-12-31')).toEqual(['0001/2027', '0002/2027']);
    expect(await bookNumbers('surat-masuk', '2026-12-31', '2026-12-31')).toEqual(['0001/2026', '0002/2026']);
    expect(await bookNumbers('surat-masuk', '2027-01-01', '2027-01-01')).toEqual(['0001/2027', '0002/2027']);
    expect(await bookNumbers('surat-masuk', '2026-12-30', '2026-12-30')).toEqual([]);

    // an entry numbered before the registration moment was recorded gets it from its audit row at start
    const rowA = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: a }, select: ['id', 'waktuAgenda'] })) as {
      id: number;
      waktuAgenda: string | Date;
    };
    expect(new Date(rowA.waktuAgenda).toISOString()).toBe(wib('2026-12-31 23:58').toISOString());
    await app.strapi.db.query('api::berita.berita').update({ where: { id: rowA.id }, data: { waktuAgenda: null } });
    expect(await backfillWaktuAgenda(app.strapi)).toBe(1);
    const filled = (await app.strapi.db.query('api::berita.berita').findOne({ where: { id: rowA.id }, select: ['waktuAgenda'] })) as {
      waktuAgenda: string | Date;
    };
    expect(new Date(filled.waktuAgenda).toISOString()).toBe(wib('2026-12-31 23:58').toISOString());

    // the kartu kendali is dated by the step that made it (diteruskan ke Kasi), printed "dicetak" by the print moment
    await at('2027-01-01 00:05', () => step(staff.operator, 'berita', c, 'diteruskan_ke_kasi'));
    const kartu = await at('2027-01-01 00:06', async () =>
      bukaDocx(expectFile(await unduh(app, staff.operator, `/sop/berita/${c}/dokumen/kartu-kendali`)).bytes)
    );
    expect(kartu.teks).toContain('0001/2027');
    expect(kartu.teks).toContain('1 Januari 2027');
    expect(kartu.teks).not.toContain('Januari 2026');
  });

  it('kriptogram (the issue’s example): registered 31 Desember 23.27, numbered 1 Januari 00.20 → 048/001/XII/2026, not 048/001/I/2026; the next year’s first is 048/001/I/2027', async () => {
    const walk = async (times: { registered: string; signed: string; numbered: string }) => {
      const created = await at(times.registered, () =>
        ok(cmCreate(app, staff.sandiman, 'api::kriptogram.kriptogram', KRIPTOGRAM_CONTOH), 'create kriptogram')
      );
      const documentId = String(created.body.data!.documentId);
      await at(times.registered, async () => {
        await step(staff.sandiman, 'kriptogram', documentId, 'diagendakan');
        await step(staff.sandiman, 'kriptogram', documentId, 'dilaporkan');
        await step(staff.kasi, 'kriptogram', documentId, 'ditugaskan_deskripsi', { sandiman: staff.sandiman.id });
        await step(staff.sandiman, 'kriptogram', documentId, 'dideskripsi', { salinan: SALINAN_CONTOH });
        await step(staff.sandiman, 'kriptogram', documentId, 'diparaf_sandiman');
      });
      await at(times.signed, () => step(staff.kasi, 'kriptogram', documentId, 'ditandatangani_kasi'));
      await at(times.numbered, () =>
        step(staff.sandiman, 'kriptogram', documentId, 'dinomori', { checklist: { cap: true, amplop: true, amplopRangkap: true } })
      );
      return documentId;
    };
    const lama = await walk({ registered: '2026-12-31 23:27', signed: '2026-12-31 23:59', numbered: '2027-01-01 00:20' });
    const baru = await walk({ registered: '2027-01-01 00:00', signed: '2027-01-01 00:10', numbered: '2027-01-01 00:30' });
    expect(await nomorAgenda('kriptogram', lama, staff.sandiman)).toBe('K-0001/2026');
    expect(await nomorAgenda('kriptogram', baru, staff.sandiman)).toBe('K-0001/2027');

    const salinan = (await app.strapi.db.query('api::salinan.salinan').findMany({ select: ['nomor'], orderBy: { id: 'asc' } })) as {
      nomor: string;
    }[];
    expect(salinan.map((row) => row.nomor)).toEqual(['048/001/XII/2026', '048/001/I/2027']);
    const copies = (await app.strapi.db.query('api::distribusi.distribusi').findMany({ select: ['nomorSurat'] })) as { nomorSurat: string }[];
    expect(new Set(copies.map((copy) => copy.nomorSurat))).toEqual(new Set(['048/001/XII/2026', '048/001/I/2027']));

    const pengantar = bukaDocx(expectFile(await unduh(app, staff.sandiman, `/sop/kriptogram/${lama}/dokumen/surat-pengantar`)).bytes);
    expect(pengantar.teks).toContain('048/001/XII/2026');
    expect(pengantar.teks).toContain('31 Desember 2026');
    expect(pengantar.teks).not.toContain('/I/2026');
    const pengantarBaru = bukaDocx(expectFile(await unduh(app, staff.sandiman, `/sop/kriptogram/${baru}/dokumen/surat-pengantar`)).bytes);
    expect(pengantarBaru.teks).toContain('048/001/I/2027');
    expect(pengantarBaru.teks).toContain('1 Januari 2027');

    expect(await bookNumbers('kriptogram-masuk', '2026-01-01', '2026-12-31')).toEqual(['K-0001/2026']);
    expect(await bookNumbers('kriptogram-masuk', '2027-01-01', '2027-12-31')).toEqual(['K-0001/2027']);
  });

  it('pengaduan: the ticket year is the recording moment in WIB — 23.59 on the 31st is 2026, 00.00 on the 1st is 2027', async () => {
    const file = (local: string, ip: string) =>
      at(local, () =>
        ok(
          app
            .http()
            .post('/api/pengaduan')
            .set('X-Forwarded-For', ip)
            .send({ data: { nama: 'Rina', kontak: 'rina@contoh.id', isi: 'Antrean panjang sekali pada malam tahun baru.' } }),
          `pengaduan ${local}`
        )
      );
    expect((await file('2026-12-31 23:59', '198.51.100.1')).body.data!.nomorTiket).toBe('ADU-2026-000001');
    expect((await file('2027-01-01 00:00', '198.51.100.2')).body.data!.nomorTiket).toBe('ADU-2027-000001');
    // recorded by staff at 00.05 on the 1st for a call received at 23.50 on the 31st: numbered when recorded
    const staffCreated = await at('2027-01-01 00:05', () =>
      ok(
        cmCreate(app, staff.petugas, 'api::pengaduan.pengaduan', {
          nama: 'Penelepon',
          kontak: '081234567890',
          isi: 'Pengaduan lewat telepon pada malam tahun baru.',
          saluran: 'telepon',
          waktuDiterima: wib('2026-12-31 23:50').toISOString(),
        }),
        'pengaduan petugas'
      )
    );
    expect(staffCreated.body.data!.nomorTiket).toBe('ADU-2027-000002');
  });
});
