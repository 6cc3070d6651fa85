import { createHash } from 'crypto';
import {
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  inputDigest,
  sealEntry,
  verifyChain,
  type AuditEntry,
  type AuditRow,
  type ChainVerdict,
} from '../../src/plugins/sop/server/src/engine/audit-chain';

const entry = (urutan: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  urutan,
  model: 'berita',
  documentId: `doc${Math.ceil(urutan / 3)}`,
  dari: urutan === 1 ? 'diterima' : `tahap${urutan - 1}`,
  ke: `tahap${urutan}`,
  aktorId: 10 + urutan,
  aktorNama: `Pegawai ${urutan}`,
  aktorPeran: 'Operator Transmisi Sandi',
  waktu: new Date(Date.UTC(2026, 10, 23, 3, urutan)).toISOString(),
  catatan: urutan % 2 === 0 ? `catatan ${urutan}` : null,
  digest: inputDigest({ data: null, catatan: null }),
  ...overrides,
});

/** A valid chain of `length` rows, sealed one after another from GENESIS. */
const chain = (length: number): AuditRow[] => {
  const rows: AuditRow[] = [];
  for (let urutan = 1; urutan <= length; urutan += 1) {
    rows.push(sealEntry(entry(urutan), rows.length ? rows[rows.length - 1].hash : GENESIS_HASH));
  }
  return rows;
};

const brokenAt = (verdict: ChainVerdict): number | null => (verdict.ok ? null : verdict.rusak.urutan);

describe('canonicalJson', () => {
  it('is independent of key order, at every depth', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'teks' } };
    const b = { a: { c: 'teks', d: [1, { x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"teks","d":[1,{"x":1,"y":2}]},"b":1}');
    expect(inputDigest(a)).toBe(inputDigest(b));
  });

  it('keeps array order, drops undefined members and writes null for undefined', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('"kutip"')).toBe('"\\"kutip\\""');
  });

  it('distinguishes values that differ only in type', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(inputDigest(null)).toBe(createHash('sha256').update('null').digest('hex'));
  });
});

describe('audit hash chain', () => {
  it('starts from GENESIS: 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const [first] = chain(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(auditHash(entry(1), GENESIS_HASH));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an empty chain is valid and its head is GENESIS', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
    expect(verifyChain([], { head: null })).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('a sealed chain verifies, and its head is the last hash', () => {
    const rows = chain(8);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 8, head: rows[7].hash });
    expect(verifyChain(rows, { head: { urutan: 8, hash: rows[7].hash } }).ok).toBe(true);
  });

  it('every field is covered by the hash', () => {
    const fields: (keyof AuditEntry)[] = ['model', 'documentId', 'dari', 'ke', 'aktorId', 'aktorNama', 'aktorPeran', 'waktu', 'catatan', 'digest'];
    for (const field of fields) {
      const rows = chain(6);
      const current = rows[3][field];
      const changed = typeof current === 'number' ? current + 1 : current === null ? 'diisi' : `${String(current)}x`;
      rows[3] = { ...rows[3], [field]: changed };
      expect([field, brokenAt(verifyChain(rows))]).toEqual([field, 4]);
    }
  });

  it('names the first broken link for an edited row, even when the attacker rehashes it', () => {
    const rows = chain(7);
    rows[4] = { ...rows[4], catatan: 'diubah' };
    expect(verifyChain(rows)).toMatchObject({ ok: false, rusak: { urutan: 5, alasan: expect.stringContaining('hash') } });
    // rehash the edited row: now the NEXT row no longer points at it
    rows[4] = sealEntry(rows[4], rows[4].prevHash);
    expect(verifyChain(rows)).toMatchObject({ ok: false, rusak: { urutan: 6, alasan: expect.stringContaining('sebelumnya') } });
  });

  it('names the position of a deleted row', () => {
    for (const deleted of [0, 3, 6]) {
      const rows = chain(7);
      rows.splice(deleted, 1);
      expect(brokenAt(verifyChain(rows))).toBe(deleted === 6 ? null : deleted + 1);
    }
  });

  it('names the first moved position when rows are reordered', () => {
    const rows = chain(7);
    [rows[2], rows[5]] = [rows[5], rows[2]];
    expect(verifyChain(rows)).toMatchObject({ ok: false, rusak: { urutan: 3, alasan: expect.stringContaining('posisi 3') } });
  });

  it('names a renumbered row', () => {
    const rows = chain(5);
    rows[1] = { ...rows[1], urutan: 7 };
    expect(brokenAt(verifyChain(rows))).toBe(2);
  });

  it('with the recorded head, rows cut off the end are a broken link too', () => {
    const rows = chain(7);
    const head = { urutan: 7, hash: rows[6].hash };
    expect(verifyChain(rows.slice(0, 5), { head })).toMatchObject({ ok: false, count: 5, rusak: { urutan: 6 } });
    expect(verifyChain([], { head })).toMatchObject({ ok: false, rusak: { urutan: 1 } });
    // rows beyond the recorded end
    expect(verifyChain(rows, { head: { urutan: 6, hash: rows[5].hash } })).toMatchObject({ ok: false, rusak: { urutan: 7 } });
    // the end replaced by a forged, correctly chained row
    const forged = [...rows.slice(0, 6), sealEntry(entry(7, { aktorNama: 'Pemalsu' }), rows[5].hash)];
    expect(verifyChain(forged)).toMatchObject({ ok: true });
    expect(verifyChain(forged, { head })).toMatchObject({ ok: false, rusak: { urutan: 7 } });
    // the anchor itself removed
    expect(verifyChain(rows, { head: null })).toMatchObject({ ok: false, rusak: { urutan: 7 } });
  });
});
