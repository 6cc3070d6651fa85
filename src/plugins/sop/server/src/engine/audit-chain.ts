import { createHash } from 'crypto';

/*
 * The audit entry, canonical JSON and input digests, used by the keyed trail
 * (./audit-seal.ts) — and the trail before it (version 0): one global chain of plain
 * SHA-256 hashes (`auditHash`, `sealEntry`, `verifyChain`), kept only so that a database
 * written by an older release can be verified before it is re-sealed (src/plugins/sop/server/src/services/audit.ts).
 * Anyone can rerun a plain hash, so version 0 proves nothing against a database writer.
 */

/** One row of the append-only SOP audit trail, as hashed; `urutan` is its position (per record since version 1). */
export type AuditEntry = {
  urutan: number;
  model: string;
  documentId: string;
  dari: string | null;
  ke: string;
  aktorId: number | null;
  aktorNama: string;
  aktorPeran: string;
  /** ISO 8601, stored as text so the database cannot alter what was hashed */
  waktu: string;
  catatan: string | null;
  digest: string;
};

/** An entry with the hash of the row before it and its own hash. */
export type AuditRow = AuditEntry & { prevHash: string; hash: string };

/** The `prevHash` of a chain's first row: 64 zeros; also the root of an empty trail. */
export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Canonical JSON: keys sorted at every level, so equal values hash equally. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/** Digest of a transition's input, so the trail proves what was submitted without storing it. */
export const inputDigest = (input: unknown): string => sha256(canonicalJson(input ?? null));

/** Version 0 (legacy): the plain SHA-256 (hex) of a row after `prevHash`. */
export const auditHash = (entry: AuditEntry, prevHash: string): string =>
  sha256(
    canonicalJson([
      entry.urutan,
      entry.model,
      entry.documentId,
      entry.dari,
      entry.ke,
      entry.aktorId,
      entry.aktorNama,
      entry.aktorPeran,
      entry.waktu,
      entry.catatan,
      entry.digest,
      prevHash,
    ])
  );

/** Version 0 (legacy): the entry with its previous and own plain hash. */
export const sealEntry = (entry: AuditEntry, prevHash: string): AuditRow => ({
  ...entry,
  prevHash,
  hash: auditHash(entry, prevHash),
});

/** Version 0 (legacy) verdict: ok with count and last hash, or the first broken link. */
export type ChainVerdict =
  { ok: true; count: number; head: string } | { ok: false; count: number; head: string; rusak: { urutan: number; alasan: string } };

/**
 * The end of the chain as last appended, stored apart from the rows: without it, rows
 * cut off the end would leave a shorter chain that still verifies.
 */
export type ChainHead = { urutan: number; hash: string };

/**
 * Walks the rows in stored order and names the first broken link: a gap or swap in
 * the sequence (deleted or reordered rows), a prevHash that does not point at the
 * previous row, or a row whose content no longer matches its hash. Given the recorded
 * `head` (null when it is missing), the chain must also end exactly there.
 */
export const verifyChain = (rows: readonly AuditRow[], options: { head?: ChainHead | null } = {}): ChainVerdict => {
  const broken = (urutan: number, alasan: string): ChainVerdict => ({
    ok: false,
    count: rows.length,
    head: rows.length ? rows[rows.length - 1].hash : GENESIS_HASH,
    rusak: { urutan, alasan },
  });
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expected = index + 1;
    if (row.urutan !== expected) {
      return broken(expected, `urutan ${row.urutan} ditemukan di posisi ${expected}: baris hilang atau urutannya diubah`);
    }
    if (row.prevHash !== prevHash) return broken(expected, 'hash sebelumnya tidak menunjuk ke baris sebelumnya');
    if (auditHash(row, row.prevHash) !== row.hash) return broken(expected, 'isi baris tidak cocok dengan hash-nya');
    prevHash = row.hash;
  }
  const { head } = options;
  if (head === null && rows.length > 0) return broken(rows.length, 'penanda ujung rantai hilang');
  if (head) {
    if (head.urutan > rows.length) {
      return broken(rows.length + 1, `baris terakhir hilang: ujung rantai tercatat pada urutan ${head.urutan}`);
    }
    if (head.urutan < rows.length) return broken(head.urutan + 1, 'baris sesudah ujung rantai yang tercatat');
    if (head.hash !== prevHash) return broken(head.urutan, 'hash baris terakhir tidak cocok dengan ujung rantai yang tercatat');
  }
  return { ok: true, count: rows.length, head: prevHash };
};
