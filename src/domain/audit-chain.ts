import { createHash } from 'crypto';

/** One row of the append-only SOP audit trail, as hashed. */
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

export type AuditRow = AuditEntry & { prevHash: string; hash: string };

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

export const sealEntry = (entry: AuditEntry, prevHash: string): AuditRow => ({
  ...entry,
  prevHash,
  hash: auditHash(entry, prevHash),
});

export type ChainVerdict =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; head: string; rusak: { urutan: number; alasan: string } };

/**
 * Walks the rows in stored order and names the first broken link: a gap or swap in
 * the sequence (deleted or reordered rows), a prevHash that does not point at the
 * previous row, or a row whose content no longer matches its hash.
 */
export const verifyChain = (rows: readonly AuditRow[]): ChainVerdict => {
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expected = index + 1;
    const broken = (alasan: string): ChainVerdict => ({
      ok: false,
      count: rows.length,
      head: rows.length ? rows[rows.length - 1].hash : GENESIS_HASH,
      rusak: { urutan: expected, alasan },
    });
    if (row.urutan !== expected) {
      return broken(`urutan ${row.urutan} ditemukan di posisi ${expected}: baris hilang atau urutannya diubah`);
    }
    if (row.prevHash !== prevHash) return broken('hash sebelumnya tidak menunjuk ke baris sebelumnya');
    if (auditHash(row, row.prevHash) !== row.hash) return broken('isi baris tidak cocok dengan hash-nya');
    prevHash = row.hash;
  }
  return { ok: true, count: rows.length, head: prevHash };
};
