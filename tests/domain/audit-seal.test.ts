import { createHash } from 'crypto';
import { auditHash, canonicalJson, GENESIS_HASH, inputDigest, type AuditEntry } from '../../src/plugins/sop/server/src/engine/audit-chain';
import {
  checkCheckpoint,
  headsRoot,
  parseAuditKeys,
  sealHash,
  sealRow,
  signCheckpoint,
  verifyStreams,
  type StoredAuditRow,
  type StreamHead,
  type StreamVerdict,
} from '../../src/plugins/sop/server/src/engine/audit-seal';

const KEY = parseAuditKeys('q3v7Zc0mJ0l6dX9yqk3jv8M0p4tB2yR1cT5wN8sE0aU=');
const OTHER = parseAuditKeys('bmV3LWtleS1mb3ItdGhlLWF1ZGl0LXRyYWlsLTMyYnk=');

const entry = (model: string, documentId: string, urutan: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  urutan,
  model,
  documentId,
  dari: urutan === 1 ? null : `tahap${urutan - 1}`,
  ke: `tahap${urutan}`,
  aktorId: 10 + urutan,
  aktorNama: `Pegawai ${urutan}`,
  aktorPeran: 'Operator Transmisi Sandi',
  waktu: new Date(Date.UTC(2026, 10, 23, 3, urutan)).toISOString(),
  catatan: urutan % 2 === 0 ? `catatan ${urutan}` : null,
  digest: inputDigest({ data: null, catatan: null }),
  ...overrides,
});

/**
 * A trail as the server writes it: rows of three records interleaved (ids in append
 * order), each record its own stream, with the recorded heads.
 */
const trail = (keys = KEY): { rows: StoredAuditRow[]; heads: StreamHead[] } => {
  const plan: [string, string][] = [
    ['berita', 'a'],
    ['berita', 'b'],
    ['berita', 'a'],
    ['pengaduan', 'a'],
    ['berita', 'a'],
    ['berita', 'b'],
    ['pengaduan', 'a'],
    ['berita', 'a'],
  ];
  const heads = new Map<string, StreamHead>();
  const rows = plan.map(([model, documentId], index) => {
    const previous = heads.get(`${model}:${documentId}`);
    const sealed = sealRow(entry(model, documentId, (previous?.urutan ?? 0) + 1), previous?.hash ?? GENESIS_HASH, keys);
    heads.set(`${model}:${documentId}`, { model, documentId, urutan: sealed.urutan, hash: sealed.hash });
    return { ...sealed, id: index + 1 };
  });
  return { rows, heads: [...heads.values()] };
};

const broken = (verdict: StreamVerdict) => (verdict.ok ? null : verdict.rusak);

describe('keyed audit seal (HMAC-SHA-256, one stream per record)', () => {
  it('parses AUDIT_KEY as a list, the first key sealing; names each key by a public id', () => {
    const both = parseAuditKeys(` ${OTHER[0].key.toString('base64')} , ${KEY[0].key.toString('base64')} `);
    expect(both.map((key) => key.id)).toEqual([OTHER[0].id, KEY[0].id]);
    expect(KEY[0].id).toMatch(/^[0-9a-f]{12}$/);
    expect(KEY[0].id).toBe(createHash('sha256').update(KEY[0].key).digest('hex').slice(0, 12));
    expect(parseAuditKeys('frasa sandi yang panjang sekali untuk audit')[0].key).toHaveLength(32);
    expect(() => parseAuditKeys(' , ')).toThrow(/AUDIT_KEY belum diisi/);
  });

  it('the seal is an HMAC: the published SHA-256 recipe does not produce it, another key gives another seal', () => {
    const first = entry('berita', 'a', 1);
    const seal = sealHash(first, GENESIS_HASH, KEY[0]);
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    expect(seal).not.toBe(auditHash(first, GENESIS_HASH));
    expect(seal).not.toBe(sealHash(first, GENESIS_HASH, OTHER[0]));
    expect(sealRow(first, GENESIS_HASH, KEY)).toMatchObject({ prevHash: GENESIS_HASH, hash: seal, kunci: KEY[0].id });
  });

  it('a trail of interleaved records verifies; head is the root over the stream heads', () => {
    const { rows, heads } = trail();
    const verdict = verifyStreams(rows, heads, KEY);
    expect(verdict).toEqual({ ok: true, count: 8, head: headsRoot(heads) });
    expect(headsRoot([...heads].reverse())).toBe(headsRoot(heads));
    expect(verifyStreams([], [], KEY)).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('every field is covered by the seal', () => {
    const fields: (keyof AuditEntry)[] = ['dari', 'ke', 'aktorId', 'aktorNama', 'aktorPeran', 'waktu', 'catatan', 'digest'];
    for (const field of fields) {
      const { rows, heads } = trail();
      const current = rows[4][field];
      const changed = typeof current === 'number' ? current + 1 : current === null ? 'diisi' : `${String(current)}x`;
      rows[4] = { ...rows[4], [field]: changed };
      expect([field, broken(verifyStreams(rows, heads, KEY))]).toEqual([
        field,
        { model: 'berita', documentId: 'a', urutan: 3, alasan: expect.stringContaining('segel') },
      ]);
    }
  });

  it('an edited row re-sealed with the published SHA-256 recipe, later rows and head recomputed too, is caught', () => {
    const { rows, heads } = trail();
    // the intruder's forgery: the row of stream berita/a at urutan 2 gets another name, then every later link of it is rebuilt
    const streamA = rows.filter((row) => row.model === 'berita' && row.documentId === 'a');
    let prev = streamA[0].hash;
    for (const row of streamA.slice(1)) {
      const edited = row.urutan === 2 ? { ...row, aktorNama: 'Orang Lain' } : row;
      const hash = auditHash(edited, prev);
      Object.assign(row, edited, { prevHash: prev, hash });
      prev = hash;
    }
    const forgedHeads = heads.map((head) => (head.model === 'berita' && head.documentId === 'a' ? { ...head, hash: prev } : head));
    expect(broken(verifyStreams(rows, forgedHeads, KEY))).toMatchObject({ model: 'berita', documentId: 'a', urutan: 2 });
  });

  it('a row sealed under an unknown key is named; a retired key still verifies while listed', () => {
    const old = trail(OTHER);
    expect(broken(verifyStreams(old.rows, old.heads, KEY))).toMatchObject({ urutan: 1, alasan: expect.stringContaining('tidak ada di AUDIT_KEY') });
    expect(verifyStreams(old.rows, old.heads, [...KEY, ...OTHER]).ok).toBe(true);
  });

  it('an inserted row (copied from another stream, or a duplicate) is caught', () => {
    const { rows, heads } = trail();
    const copied = { ...rows[1], id: 100, model: 'berita', documentId: 'a', urutan: 5, prevHash: rows[7].hash };
    expect(broken(verifyStreams([...rows, copied], heads, KEY))).toMatchObject({ documentId: 'a', urutan: 5 });
    const duplicate = { ...rows[2], id: 101 };
    expect(broken(verifyStreams([...rows, duplicate], heads, KEY))).toMatchObject({ documentId: 'a', urutan: 5 });
  });

  it('a deleted row is a gap; the last row deleted is caught by the recorded head; a stream with all rows gone by its head', () => {
    const { rows, heads } = trail();
    expect(
      broken(
        verifyStreams(
          rows.filter((row) => row.id !== 3),
          heads,
          KEY
        )
      )
    ).toMatchObject({
      documentId: 'a',
      urutan: 2,
      alasan: expect.stringContaining('urutan 3 ditemukan di posisi 2'),
    });
    expect(
      broken(
        verifyStreams(
          rows.filter((row) => row.id !== 8),
          heads,
          KEY
        )
      )
    ).toMatchObject({
      documentId: 'a',
      urutan: 4,
      alasan: expect.stringContaining('baris terakhir hilang'),
    });
    expect(
      broken(
        verifyStreams(
          rows.filter((row) => row.model !== 'pengaduan'),
          heads,
          KEY
        )
      )
    ).toMatchObject({
      model: 'pengaduan',
      alasan: expect.stringContaining('semua baris hilang'),
    });
    expect(
      broken(
        verifyStreams(
          rows,
          heads.filter((head) => head.documentId !== 'b'),
          KEY
        )
      )
    ).toMatchObject({
      documentId: 'b',
      alasan: expect.stringContaining('penanda ujung'),
    });
  });

  it('reordering within a stream is caught, whether ids or contents are swapped', () => {
    const { rows, heads } = trail();
    const swappedIds = rows.map((row) => (row.id === 3 ? { ...row, id: 5 } : row.id === 5 ? { ...row, id: 3 } : row));
    expect(broken(verifyStreams(swappedIds, heads, KEY))).toMatchObject({ documentId: 'a', urutan: 2, alasan: expect.stringContaining('posisi 2') });
    const swappedContent = rows.map((row) => (row.id === 3 ? { ...rows[4], id: 3 } : row.id === 5 ? { ...rows[2], id: 5 } : row));
    expect(broken(verifyStreams(swappedContent, heads, KEY))).toMatchObject({ documentId: 'a', urutan: 2 });
  });

  it('truncation to an earlier consistent state passes the chain but not the checkpoint', () => {
    const { rows } = trail();
    const checkpoint = signCheckpoint(rows, 8, new Date('2026-11-30T00:00:00Z'), KEY);
    expect(checkpoint).toMatchObject({ versi: 1, batasId: 8, jumlah: 8, kunci: KEY[0].id });
    expect(checkCheckpoint(checkpoint, rows, KEY)).toEqual({ ok: true });
    // later rows beyond the checkpoint do not disturb it
    const later = { ...sealRow(entry('berita', 'c', 1), GENESIS_HASH, KEY), id: 9 };
    expect(checkCheckpoint(checkpoint, [...rows, later], KEY)).toEqual({ ok: true });
    // the database as it was after row 5: consistent in itself, heads moved back
    const old = rows.filter((row) => row.id <= 5);
    const oldHeads = [...new Map(old.map((row) => [`${row.model}:${row.documentId}`, row])).values()].map((row) => ({
      model: row.model,
      documentId: row.documentId,
      urutan: row.urutan,
      hash: row.hash,
    }));
    expect(verifyStreams(old, oldHeads, KEY).ok).toBe(true);
    expect(checkCheckpoint(checkpoint, old, KEY)).toMatchObject({ ok: false, alasan: expect.stringContaining('mencatat 8 baris') });
    // a whole stream removed with its head
    const noPengaduan = rows.filter((row) => row.model !== 'pengaduan');
    expect(checkCheckpoint(checkpoint, noPengaduan, KEY)).toMatchObject({ ok: false });
    // the same number of rows, another end: a row of a later stream renumbered into the range
    const renumbered = [...rows.filter((row) => row.id !== 8), { ...later, id: 8 }];
    expect(checkCheckpoint(checkpoint, renumbered, KEY)).toMatchObject({ ok: false, alasan: expect.stringContaining('ujung rantai') });
  });

  it('a checkpoint is signed: an edited field, an unknown key or a malformed file is refused', () => {
    const { rows } = trail();
    const checkpoint = signCheckpoint(rows, 8, new Date('2026-11-30T00:00:00Z'), KEY);
    expect(checkCheckpoint({ ...checkpoint, jumlah: 7 }, rows.slice(0, 7), KEY)).toMatchObject({ alasan: expect.stringContaining('tanda tangan') });
    expect(checkCheckpoint({ ...checkpoint, waktu: '2027-01-01T00:00:00.000Z' }, rows, KEY)).toMatchObject({ ok: false });
    expect(checkCheckpoint(checkpoint, rows, OTHER)).toMatchObject({ alasan: expect.stringContaining('tidak ada di AUDIT_KEY') });
    expect(checkCheckpoint({ jumlah: 8 }, rows, KEY)).toMatchObject({ alasan: expect.stringContaining('tidak sah') });
    expect(checkCheckpoint(JSON.parse(canonicalJson(checkpoint)), rows, KEY)).toEqual({ ok: true });
  });
});
