/**
 * Issue 14: public complaints are inserted straight into their table (`simpanPublik`), past the
 * document service and so past the SOP workflow gate. Everything the gate enforces on a create
 * must still hold there: only the client's four fields come from the client, the workflow
 * fields are the ones the gate would set, the deadlines, the ticket and the code's hash are the
 * server's, and the first audit row is written. Also: the ticket is drawn and written in one
 * statement, with the tracking code's hash bound to the documentId (`h2`); `h1` hashes of older
 * complaints are still verified, and their keyed codes still derived.
 */
import crypto from 'crypto';
import { formatKodeLacak, formatNomorTiket, KODE_LACAK_BYTES } from '../../src/domain/pengaduan';
import { pengaduanSettings, subKey } from '../../src/api/pengaduan/lib/settings';
import { ulangan } from '../../src/api/pengaduan/lib/idempotensi';
import { setClock } from '../../src/plugins/sop/server/src/services/clock';
import { createSopWorkflowGate } from '../../src/plugins/sop/server/src/middlewares/gate';
import { readAuditFor, verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';
import { sopRegistryOf } from '../../src/plugins/sop/server/src/services/registry';
import { startApp, type TestApp } from '../helpers/app';

const UID = 'api::pengaduan.pengaduan';
const ISI = 'Antrean di loket pelayanan sangat panjang dan nomor antrean tidak dipanggil berurutan.';
// A weekday morning, so both complaints of a comparison get the same deadlines
const SAAT = new Date('2026-03-10T02:15:00.000Z');

type Row = Record<string, unknown>;

describe('pengaduan: the direct insert of a public complaint stores what the gate would', () => {
  let app: TestApp;

  const kirim = (data: unknown, key?: string) => {
    const request = app.http().post('/api/pengaduan').set('Content-Type', 'application/json');
    return (key ? request.set('Idempotency-Key', key) : request).send(JSON.stringify({ data }));
  };
  const table = (): string => (app.strapi.db.metadata.get(UID) as { tableName: string }).tableName;
  const rawRow = async (nomorTiket: string): Promise<Row> => {
    const row = (await app.strapi.db.connection(table()).where({ nomor_tiket: nomorTiket }).first()) as Row | undefined;
    if (!row) throw new Error(`no complaint ${nomorTiket}`);
    return row;
  };
  const hmacHex = (purpose: 'kode-lacak' | 'idempotensi', text: string): Buffer =>
    crypto.createHmac('sha256', subKey(pengaduanSettings(app.strapi), purpose)).update(text).digest();

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    setClock(null);
    await app?.destroy();
  });

  it('sets every field the gate sets on a create, and the same columns as the document-service path', async () => {
    setClock(SAAT);
    const input = { nama: 'Rahmat Hidayat', kontak: 'rahmat@contoh.id', isi: ISI };
    const response = await kirim(input);
    expect(response.status).toBe(201);
    const publik = await rawRow(response.body.data.nomorTiket as string);

    // What the gate makes of the same create (it is the first middleware of the document service).
    let gated: Row | null = null;
    const context = { uid: UID, action: 'create', params: { data: { ...input, saluran: 'web' } as Row } };
    await createSopWorkflowGate(app.strapi)(context, async () => {
      gated = { ...context.params.data };
      return null;
    });
    expect(gated).not.toBeNull();
    const meta = app.strapi.db.metadata.get(UID) as { attributes: Record<string, { columnName?: string }> };
    const gateSet = Object.keys(gated!).filter((field) => !(field in input) && field !== 'saluran');
    expect(gateSet).toEqual(expect.arrayContaining(['tahap', 'versi']));
    for (const field of gateSet) {
      const column = meta.attributes[field]?.columnName ?? field;
      expect([field, publik[column]]).toEqual([field, gated![field]]);
    }
    expect(publik.tahap).toBe(sopRegistryOf(app.strapi).workflow('pengaduan')!.initial);
    expect(Number(publik.versi)).toBe(0);
    expect(publik.saluran).toBe('web');
    expect(publik.tanggapan).toBeNull();
    expect(publik.kode_lacak_hash).toMatch(/^h2:[0-9a-f]{64}$/);

    // The same complaint recorded by staff through the document service (gate + intake middleware), at the same instant.
    const staf = (await app.strapi.documents(UID as never).create({ data: { ...input, saluran: 'telepon' } as never })) as { nomorTiket: string };
    const dicatat = await rawRow(staf.nomorTiket);
    expect(Object.keys(publik).sort()).toEqual(Object.keys(dicatat).sort());
    const beda = new Set(['id', 'document_id', 'nomor_tiket', 'kode_lacak_hash', 'saluran', 'created_at', 'updated_at', 'published_at']);
    for (const column of Object.keys(dicatat)) {
      // which columns are filled, and with what kind of value, is the same on both paths
      expect([column, publik[column] === null, typeof publik[column]]).toEqual([column, dicatat[column] === null, typeof dicatat[column]]);
      if (!beda.has(column)) expect([column, publik[column]]).toEqual([column, dicatat[column]]);
    }
    for (const column of ['created_at', 'updated_at', 'published_at', 'waktu_diterima']) {
      expect([column, new Date(publik[column] as string).getTime()]).toEqual([column, SAAT.getTime()]);
    }

    // The first audit row: one, from no state to the initial one, by the complainant, sealed in the trail.
    const [audit, ...lain] = await readAuditFor(app.strapi.db.connection, 'pengaduan', String(publik.document_id));
    expect(lain).toEqual([]);
    expect(audit).toMatchObject({ dari: null, ke: publik.tahap, aktorId: null, aktorNama: 'Pelapor', waktu: SAAT.toISOString() });
    const [auditStaf] = await readAuditFor(app.strapi.db.connection, 'pengaduan', String(dicatat.document_id));
    expect(audit.urutan).toBe(auditStaf.urutan);
    expect((await verifyAuditTrail(app.strapi.db.connection)).ok).toBe(true);
    setClock(null);
  });

  it('takes none of the server-owned fields from the client', async () => {
    const before = Number(await app.strapi.db.query(UID).count({}));
    for (const extra of [
      { tahap: 'selesai' },
      { versi: 7 },
      { nomorTiket: 'ADU-1999-000001' },
      { kodeLacakHash: `h2:${'a'.repeat(64)}` },
      { tenggat: '2099-01-01T00:00:00.000Z' },
      { tanggapan: 'Sudah selesai.' },
      { saluran: 'telepon' },
      { documentId: 'pilihan-sendiri' },
      { createdAt: '2000-01-01T00:00:00.000Z' },
    ]) {
      const response = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI, ...extra });
      expect([Object.keys(extra)[0], response.status]).toEqual([Object.keys(extra)[0], 400]);
    }
    expect(Number(await app.strapi.db.query(UID).count({}))).toBe(before);
  });

  it('numbers tickets per year without gaps and binds the code to the documentId (h2)', async () => {
    const tiket: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI });
      expect(response.status).toBe(201);
      tiket.push(response.body.data.nomorTiket as string);
      const row = await rawRow(response.body.data.nomorTiket as string);
      const expected = `h2:${hmacHex('kode-lacak', `h2\n${String(row.document_id)}\n${String(response.body.data.kodeLacak)}`).toString('hex')}`;
      expect(row.kode_lacak_hash).toBe(expected);
    }
    const angka = tiket.map((nomor) => Number(/^ADU-\d{4}-(\d{6,})$/.exec(nomor)?.[1]));
    expect(angka[1]).toBe(angka[0] + 1);
    expect(angka[2]).toBe(angka[1] + 1);
  });

  it('gives the number back when the complaint rolls back at its last statement', async () => {
    const knex = app.strapi.db.connection;
    const postgres = app.strapi.db.dialect.client === 'postgres';
    // Refuses writing a ticket to one complaint: the insert passes, the statement that draws and writes the number fails.
    if (postgres) await knex.raw(`alter table ?? add constraint uji_tolak_tiket check (nomor_tiket is null or nama <> 'Tolak Saya')`, [table()]);
    else await knex.raw(`create trigger uji_tolak_tiket before update of nomor_tiket on ?? when new.nama = 'Tolak Saya' begin select raise(abort, 'uji'); end`, [table()]);
    try {
      const sebelum = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI });
      expect(sebelum.status).toBe(201);
      const count = Number(await app.strapi.db.query(UID).count({}));
      const gagal = await kirim({ nama: 'Tolak Saya', kontak: '0812-3456-7890', isi: ISI });
      expect(gagal.status).toBe(500);
      expect(Number(await app.strapi.db.query(UID).count({}))).toBe(count);
      const sesudah = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI });
      expect(sesudah.status).toBe(201);
      const angka = (nomor: string) => Number(/-(\d+)$/.exec(nomor)?.[1]);
      expect(angka(sesudah.body.data.nomorTiket as string)).toBe(angka(sebelum.body.data.nomorTiket as string) + 1);
    } finally {
      if (postgres) await knex.raw('alter table ?? drop constraint uji_tolak_tiket', [table()]);
      else await knex.raw('drop trigger uji_tolak_tiket');
    }
  });

  it('still verifies an h1 hash (bound to the ticket) and still derives the keyed code of an h1 complaint', async () => {
    const response = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI }, 'kunci-lama-h1');
    expect(response.status).toBe(201);
    const nomorTiket = response.body.data.nomorTiket as string;
    const kunci = (await app.strapi.db.connection('pengaduan_idempotensi').where({ nomor_tiket: nomorTiket }).first()) as {
      kunci: string;
      sidik: string;
      berlaku_sampai: string;
    };
    expect(kunci).toBeDefined();
    // As a complaint filed before session 4 was stored: the code derived from (key, ticket), its hash bound to the ticket.
    const kodeH1 = formatKodeLacak(hmacHex('idempotensi', `kode-lacak\n${kunci.kunci}\n${nomorTiket}`).subarray(0, KODE_LACAK_BYTES));
    const hashH1 = `h1:${hmacHex('kode-lacak', `${nomorTiket}\n${kodeH1}`).toString('hex')}`;
    await app.strapi.db.connection(table()).where({ nomor_tiket: nomorTiket }).update({ kode_lacak_hash: hashH1 });

    const lacak = await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?kode=${kodeH1}`);
    expect(lacak.status).toBe(200);
    expect(lacak.body.data.nomorTiket).toBe(nomorTiket);
    expect((await app.http().get(`/api/pengaduan/lacak/${nomorTiket}?kode=${response.body.data.kodeLacak as string}`)).status).toBe(404);

    const jawaban = await ulangan(
      app.strapi,
      pengaduanSettings(app.strapi),
      { id: kunci.kunci, sidik: kunci.sidik, berlakuSampai: new Date(kunci.berlaku_sampai) },
      new Date(),
      false
    );
    expect(jawaban).toMatchObject({ nomorTiket, kodeLacak: kodeH1, samaIsi: true });
  });

  it('writes the ticket as formatNomorTiket does, past six digits too', async () => {
    const first = await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI });
    expect(first.status).toBe(201);
    const [, tahun] = /^ADU-(\d{4})-/.exec(first.body.data.nomorTiket as string)!;
    await app.strapi.db.connection('sop_agenda_counter').where({ buku: 'pengaduan', tahun: Number(tahun) }).update({ terakhir: 999_998 });
    const tiket: string[] = [];
    for (let i = 0; i < 2; i += 1) tiket.push((await kirim({ nama: 'Rahmat Hidayat', kontak: '0812-3456-7890', isi: ISI })).body.data.nomorTiket as string);
    expect(tiket).toEqual([formatNomorTiket(Number(tahun), 999_999), formatNomorTiket(Number(tahun), 1_000_000)]);
    expect(tiket[1]).toBe(`ADU-${tahun}-1000000`);
  });
});
