import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import { createAdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, transit, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { auditHash, GENESIS_HASH, sealEntry, type AuditEntry } from '../../src/plugins/sop/server/src/engine/audit-chain';
import { parseAuditKeys, sealHash, type AuditCheckpoint } from '../../src/plugins/sop/server/src/engine/audit-seal';
import { createAuditCheckpoint, ensureAuditTables, readAuditFor, verifyAuditTrail } from '../../src/plugins/sop/server/src/services/audit';

const TABLE = 'sop_audit';
const HEADS = 'sop_audit_head';
const APP_DIR = path.resolve(__dirname, '..', '..');

type AuditDbRow = {
  id: number;
  urutan: number;
  model: string;
  document_id: string;
  ke: string;
  dari: string | null;
  catatan: string | null;
  aktor_id: number | null;
  aktor_nama: string;
  aktor_peran: string;
  waktu: string;
  digest: string;
  prev_hash: string;
  hash: string;
  kunci: string;
};
type HeadDbRow = { model: string; document_id: string; urutan: number; hash: string };
type Verdict = {
  ok: boolean;
  count: number;
  head: string;
  rusak?: { model: string; documentId: string; urutan: number; alasan: string };
};

const entryOf = (row: AuditDbRow): AuditEntry => ({
  urutan: Number(row.urutan),
  model: row.model,
  documentId: row.document_id,
  dari: row.dari,
  ke: row.ke,
  aktorId: row.aktor_id === null ? null : Number(row.aktor_id),
  aktorNama: row.aktor_nama,
  aktorPeran: row.aktor_peran,
  waktu: row.waktu,
  catatan: row.catatan,
  digest: row.digest,
});

/**
 * Tampering done the way an intruder who holds the database but not AUDIT_KEY would:
 * plain SQL on the audit tables, and every algorithm the repository publishes.
 */
describe('audit trail: keyed per-record chains, checkpoints outside the database (SQL on sop_audit)', () => {
  let app: TestApp;
  let knex: Knex;
  const staff: BeritaStaff = {};
  let original: AuditDbRow[];
  let originalHeads: HeadDbRow[];
  let originalHead: string;
  let first: string;
  let second: string;
  let checkpointFile: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));

  const verify = async (): Promise<Verdict> => {
    const response = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${staff.kasi!.token}`);
    expect(response.status).toBe(200);
    return response.body.data as Verdict;
  };

  const rows = async (): Promise<AuditDbRow[]> => (await knex(TABLE).select('*').orderBy('id', 'asc')) as AuditDbRow[];
  const row = (documentId: string, urutan: number): AuditDbRow =>
    original.find((candidate) => candidate.document_id === documentId && Number(candidate.urutan) === urutan)!;
  const setHead = (documentId: string, urutan: number, hash: string) =>
    knex(HEADS).where({ model: 'berita', document_id: documentId }).update({ urutan, hash });

  /** `npm run audit:verify` as an operator runs it, offline, on this test's database. */
  const auditVerify = (...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', 'audit-verify.js'), ...args], {
      cwd: APP_DIR,
      encoding: 'utf8',
      timeout: 60000,
      env: process.env,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  const flip = (text: string): string => {
    const at = Math.floor(text.length / 2);
    return `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`;
  };

  /** Puts the tables back exactly as they were (same ids, same contents). */
  const restore = async (): Promise<void> => {
    await knex.transaction(async (trx) => {
      await trx(TABLE).delete();
      await trx(TABLE).insert(original);
      await trx(HEADS).delete();
      await trx(HEADS).insert(originalHeads);
    });
  };

  beforeAll(async () => {
    app = await startApp();
    knex = app.strapi.db.connection;
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });

    first = await walkBeritaTo(app, staff, 'diparaf_kadis'); // its stream: urutan 1 (registration in the content manager), 2–8
    second = await walkBeritaTo(app, staff, 'diterima', { perihal: 'Berita kedua' });
    expect((await transit(app, staff.operator!, 'berita', second, 'diperiksa', { catatan: 'Lampiran lengkap dan terbaca' })).status).toBe(200);
    expect((await transit(app, staff.operator!, 'berita', second, 'batal', { catatan: 'Salah alamat, dikembalikan ke pengirim' })).status).toBe(200);

    original = await rows();
    originalHeads = (await knex(HEADS).select('*')) as HeadDbRow[];
    const before = await verify();
    expect(before).toMatchObject({ ok: true, count: 11 });
    originalHead = before.head;
    const made = await createAuditCheckpoint(knex, new Date());
    checkpointFile = path.join(tmp, 'titik-periksa.json');
    fs.writeFileSync(checkpointFile, JSON.stringify(made.checkpoint));
  });

  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await app?.destroy();
  });

  afterEach(async () => {
    await restore();
    expect(await verify()).toEqual({ ok: true, count: 11, head: originalHead });
  });

  it('each record is its own stream numbered 1…n, every row sealed under AUDIT_KEY, each stream head recorded', () => {
    const [key] = parseAuditKeys(process.env.AUDIT_KEY!);
    expect(original.filter((r) => r.document_id === first).map((r) => Number(r.urutan))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(original.filter((r) => r.document_id === second).map((r) => Number(r.urutan))).toEqual([1, 2, 3]);
    expect(new Set(original.map((r) => r.kunci))).toEqual(new Set([key.id]));
    expect(row(first, 6).aktor_nama).toBe('Kasi Persandian');
    expect(row(second, 2).catatan).toBe('Lampiran lengkap dan terbaca');
    expect(row(first, 1).prev_hash).toBe(GENESIS_HASH);
    expect(row(first, 2).prev_hash).toBe(row(first, 1).hash);
    expect(originalHeads.map((h) => [h.document_id, Number(h.urutan)]).sort()).toEqual(
      [
        [first, 8],
        [second, 3],
      ].sort()
    );
  });

  it("the issue's forgery — a row edited, its later hashes recomputed with the published SHA-256 recipe, the head moved — is caught", async () => {
    let prev = row(first, 5).hash;
    for (const urutan of [6, 7, 8]) {
      const edited = urutan === 6 ? { ...row(first, urutan), aktor_nama: 'Orang Lain' } : row(first, urutan);
      const hash = auditHash(entryOf(edited), prev);
      await knex(TABLE).where({ id: edited.id }).update({ aktor_nama: edited.aktor_nama, prev_hash: prev, hash });
      prev = hash;
    }
    await setHead(first, 8, prev);
    const verdict = await verify();
    expect(verdict).toMatchObject({
      ok: false,
      count: 11,
      rusak: { model: 'berita', documentId: first, urutan: 6, alasan: expect.stringContaining('segel') },
    });
    // the same forgery with an HMAC under a key of the intruder's own, named as the server's key
    const ownKey = parseAuditKeys(crypto.randomBytes(32).toString('base64'))[0];
    const edited = { ...row(first, 6), aktor_nama: 'Orang Lain' };
    await knex(TABLE)
      .where({ id: edited.id })
      .update({ aktor_nama: 'Orang Lain', prev_hash: row(first, 5).hash, hash: sealHash(entryOf(edited), row(first, 5).hash, ownKey) });
    expect((await verify()).rusak).toMatchObject({ documentId: first, urutan: 6 });
    // the history shows what the table holds, and says beside it that it is not intact, naming the row
    const view = await sopView(app, staff.kasi!, 'berita', first);
    expect(view.body.data.riwayat.map((entry: { oleh: { nama: string } }) => entry.oleh.nama)).toContain('Orang Lain');
    expect(view.body.data.riwayatRusak).toMatchObject({ documentId: first, urutan: 6 });
    expect((await sopView(app, staff.kasi!, 'berita', second)).body.data.riwayatRusak).toBeNull();
  });

  it.each([
    ['catatan', 'second', 2],
    ['catatan', 'second', 3],
    ['ke', 'first', 3],
    ['aktor_nama', 'first', 6],
    ['waktu', 'first', 1],
    ['hash', 'first', 3],
    ['kunci', 'first', 6],
  ] as const)('one character of %s in row %s/%i flipped → that row is the first broken link', async (column, which, urutan) => {
    const documentId = which === 'first' ? first : second;
    const target = row(documentId, urutan);
    await knex(TABLE)
      .where({ id: target.id })
      .update({ [column]: flip(String(target[column])) });
    expect(await verify()).toMatchObject({ ok: false, count: 11, rusak: { documentId, urutan } });
  });

  it('a row inserted — forged, copied from another record, or a duplicate — is caught', async () => {
    const forged = { ...row(first, 8), id: undefined, urutan: 9, prev_hash: row(first, 8).hash, ke: 'diarsipkan', hash: 'f'.repeat(64) };
    delete (forged as Partial<AuditDbRow>).id;
    await knex(TABLE).insert(forged);
    await setHead(first, 9, forged.hash);
    expect((await verify()).rusak).toMatchObject({ documentId: first, urutan: 9, alasan: expect.stringContaining('segel') });
    await restore();

    const copied = { ...row(second, 3), document_id: first, urutan: 9, prev_hash: row(first, 8).hash };
    delete (copied as Partial<AuditDbRow>).id;
    await knex(TABLE).insert({ ...copied, hash: flip(copied.hash) });
    await setHead(first, 9, flip(copied.hash));
    expect((await verify()).rusak).toMatchObject({ documentId: first, urutan: 9 });
  });

  it.each([1, 4])('row %i of a record deleted → its position is the first broken link', async (urutan) => {
    await knex(TABLE)
      .where({ id: row(first, urutan).id })
      .delete();
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, count: 10, rusak: { documentId: first, urutan } });
    expect(verdict.rusak!.alasan).toContain(`ditemukan di posisi ${urutan}`);
  });

  it('the last row deleted → named (the recorded head still points past it); a new step keeps the gap visible', async () => {
    await knex(TABLE)
      .where({ id: row(second, 3).id })
      .delete();
    expect(await verify()).toMatchObject({
      ok: false,
      count: 10,
      rusak: { documentId: second, urutan: 3, alasan: expect.stringContaining('terakhir hilang') },
    });
    await knex(TABLE)
      .where({ id: row(first, 8).id })
      .delete();
    expect((await transit(app, staff.kadis!, 'berita', first, 'diteruskan_ke_operator')).status).not.toBe(500);
    expect((await verify()).ok).toBe(false);
  });

  it('rows reordered within a record — ids swapped, or contents swapped — are caught', async () => {
    const [a, b] = [row(first, 3), row(first, 6)];
    await knex.transaction(async (trx) => {
      await trx(TABLE).where({ id: a.id }).update({ id: -1 });
      await trx(TABLE).where({ id: b.id }).update({ id: a.id });
      await trx(TABLE).where({ id: -1 }).update({ id: b.id });
    });
    expect(await verify()).toMatchObject({
      ok: false,
      rusak: { documentId: first, urutan: 3, alasan: expect.stringContaining('urutan 6 ditemukan di posisi 3') },
    });
    await restore();

    const [c, d] = [row(first, 2), row(first, 5)];
    const content = ({ id: _id, ...rest }: AuditDbRow) => rest;
    await knex.transaction(async (trx) => {
      await trx(TABLE).where({ id: c.id }).update({ urutan: -2, hash: 'sementara' });
      await trx(TABLE).where({ id: d.id }).update(content(c));
      await trx(TABLE).where({ id: c.id }).update(content(d));
    });
    expect(await verify()).toMatchObject({ ok: false, rusak: { documentId: first, urutan: 2 } });
  });

  it('npm run audit:verify checks the chain and a checkpoint file offline; --tulis writes a new checkpoint', () => {
    const checked = auditVerify(checkpointFile);
    expect(checked.output).toContain('Rantai utuh: 11 baris');
    expect(checked.output).toContain('Cocok dengan titik periksa');
    expect(checked.status).toBe(0);
    const written = path.join(tmp, 'baru.json');
    expect(auditVerify('--tulis', written).status).toBe(0);
    const fresh = JSON.parse(fs.readFileSync(written, 'utf8')) as AuditCheckpoint;
    expect(fresh).toMatchObject({ versi: 1, jumlah: 11, akar: originalHead, kunci: parseAuditKeys(process.env.AUDIT_KEY!)[0].id });
    expect(fresh.tanda).toMatch(/^[0-9a-f]{64}$/);
    expect(auditVerify(written).status).toBe(0);
    fs.writeFileSync(written, JSON.stringify({ ...fresh, jumlah: 3 }));
    expect(auditVerify(written)).toMatchObject({ status: 1, output: expect.stringContaining('tanda tangan titik periksa tidak sah') });
  });

  it('truncation to an earlier consistent state (tail rows deleted, head moved back) passes the chain, not the checkpoint', async () => {
    await knex(TABLE)
      .whereIn('id', [row(first, 7).id, row(first, 8).id])
      .delete();
    await setHead(first, 6, row(first, 6).hash);
    expect(await verify()).toMatchObject({ ok: true, count: 9 });
    const checked = auditVerify(checkpointFile);
    expect(checked.status).toBe(1);
    expect(checked.output).toContain('TIDAK COCOK dengan titik periksa');
    expect(checked.output).toContain('mencatat 11 baris');
  });

  it("a whole record's history deleted with its head passes the chain, not the checkpoint", async () => {
    await knex(TABLE).where({ document_id: second }).delete();
    await knex(HEADS).where({ document_id: second }).delete();
    expect(await verify()).toMatchObject({ ok: true, count: 8 });
    expect(auditVerify(checkpointFile)).toMatchObject({ status: 1, output: expect.stringContaining('TIDAK COCOK') });
  });

  it('a database rolled back to an older copy fails a later checkpoint; later steps do not disturb an older one', async () => {
    const third = await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Berita ketiga' });
    const later = await createAuditCheckpoint(knex, new Date());
    expect(later.checkpoint).toMatchObject({ jumlah: 13 });
    const laterFile = path.join(tmp, 'kemudian.json');
    fs.writeFileSync(laterFile, JSON.stringify(later.checkpoint));
    expect(auditVerify(checkpointFile).status).toBe(0);
    // the older copy: the rows and heads as they were before the third berita
    await restore();
    await knex(HEADS).where({ document_id: third }).delete();
    expect((await verify()).ok).toBe(true);
    expect(auditVerify(laterFile)).toMatchObject({ status: 1, output: expect.stringContaining('mencatat 13 baris') });
  });

  it('AUDIT_KEY rotation: the new key seals new rows, the old one still verifies; without it the old rows are named', async () => {
    const oldKey = process.env.AUDIT_KEY!;
    const newKey = crypto.randomBytes(32).toString('base64');
    try {
      process.env.AUDIT_KEY = `${newKey},${oldKey}`;
      const fourth = await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Berita keempat' });
      const [sealedNew] = await readAuditFor(knex, 'berita', fourth);
      expect(sealedNew.kunci).toBe(parseAuditKeys(newKey)[0].id);
      expect(await verify()).toMatchObject({ ok: true, count: 13 });
      expect(auditVerify(checkpointFile).status).toBe(0);
      process.env.AUDIT_KEY = newKey;
      expect((await verify()).rusak).toMatchObject({ alasan: expect.stringContaining('tidak ada di AUDIT_KEY') });
    } finally {
      process.env.AUDIT_KEY = oldKey;
    }
  });

  it('appends to different records run side by side and form valid streams ending at their recorded heads', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) ids.push(await walkBeritaTo(app, staff, 'diterima', { perihal: `Serentak ${i + 1}` }));
    const responses = await Promise.all(ids.map((documentId) => transit(app, staff.operator!, 'berita', documentId, 'diperiksa')));
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 200));
    expect(await verify()).toMatchObject({ ok: true, count: 35 });
    expect(await knex(HEADS).whereIn('document_id', ids).select('urutan')).toEqual(ids.map(() => ({ urutan: 2 })));
  });

  describe('a trail written before the keyed seal (one global SHA-256 chain)', () => {
    /** Rebuilds the tables in the legacy shape from the current rows, chained the legacy way. */
    const makeLegacy = async (corrupt?: (rows: ReturnType<typeof sealEntry>[]) => void) => {
      const legacy: ReturnType<typeof sealEntry>[] = [];
      for (const current of original) {
        legacy.push(sealEntry({ ...entryOf(current), urutan: legacy.length + 1 }, legacy.length ? legacy[legacy.length - 1].hash : GENESIS_HASH));
      }
      corrupt?.(legacy);
      await knex.schema.dropTable(TABLE);
      await knex.schema.dropTable(HEADS);
      await knex.schema.createTable(TABLE, (table) => {
        table.increments('id').primary();
        table.integer('urutan').notNullable().unique();
        table.string('model', 40).notNullable();
        table.string('document_id', 64).notNullable();
        table.string('dari', 60);
        table.string('ke', 60).notNullable();
        table.integer('aktor_id');
        table.string('aktor_nama', 200).notNullable();
        table.string('aktor_peran', 300).notNullable();
        table.string('waktu', 40).notNullable();
        table.text('catatan');
        table.string('digest', 64).notNullable();
        table.string('prev_hash', 64).notNullable();
        table.string('hash', 64).notNullable().unique();
        table.index(['model', 'document_id'], 'sop_audit_record_idx');
      });
      await knex.schema.createTable(HEADS, (table) => {
        table.integer('id').primary();
        table.integer('urutan').notNullable();
        table.string('hash', 64).notNullable();
      });
      await knex(TABLE).insert(
        legacy.map((sealed) => ({
          urutan: sealed.urutan,
          model: sealed.model,
          document_id: sealed.documentId,
          dari: sealed.dari,
          ke: sealed.ke,
          aktor_id: sealed.aktorId,
          aktor_nama: sealed.aktorNama,
          aktor_peran: sealed.aktorPeran,
          waktu: sealed.waktu,
          catatan: sealed.catatan,
          digest: sealed.digest,
          prev_hash: sealed.prevHash,
          hash: sealed.hash,
        }))
      );
      await knex(HEADS).insert({ id: 1, urutan: legacy.length, hash: legacy[legacy.length - 1].hash });
    };
    const logged: string[] = [];
    const log = { info: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) };

    afterEach(async () => {
      // back to the keyed shape before the outer restore
      if (!(await knex.schema.hasColumn(TABLE, 'kunci'))) {
        await knex.schema.dropTable(TABLE);
        await knex.schema.dropTable(HEADS);
        await ensureAuditTables(knex, log);
      }
    });

    it('verifies at boot and is re-sealed under AUDIT_KEY, per record, same history; appends go on', async () => {
      await makeLegacy();
      await ensureAuditTables(knex, log);
      expect(logged.join('\n')).toMatch(/11 baris.*terverifikasi utuh dan disegel ulang/);
      const verdict = await verifyAuditTrail(knex);
      expect(verdict).toEqual({ ok: true, count: 11, head: originalHead });
      expect((await readAuditFor(knex, 'berita', second)).map((entry) => entry.catatan).slice(1)).toEqual([
        'Lampiran lengkap dan terbaca',
        'Salah alamat, dikembalikan ke pengirim',
      ]);
      const again = await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Sesudah migrasi' });
      expect((await readAuditFor(knex, 'berita', again)).map((entry) => entry.urutan)).toEqual([1, 2]);
      expect(await verifyAuditTrail(knex)).toMatchObject({ ok: true, count: 13 });
    });

    it('a legacy trail that does not verify is not re-sealed: the boot stops naming the broken link, nothing changed', async () => {
      await makeLegacy((legacy) => {
        legacy[4] = { ...legacy[4], aktorNama: 'Orang Lain' };
      });
      await expect(ensureAuditTables(knex, log)).rejects.toThrow(/tidak utuh pada urutan 5.*tidak disegel ulang/);
      expect(await knex.schema.hasColumn(TABLE, 'kunci')).toBe(false);
      expect(await knex(HEADS).select('id', 'urutan')).toEqual([{ id: 1, urutan: 11 }]);
    });
  });
});
