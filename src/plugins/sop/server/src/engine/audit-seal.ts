import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { canonicalJson, GENESIS_HASH, type AuditEntry } from './audit-chain';
import { secretKeyList, type SecretKey } from './keys';

/**
 * The keyed audit trail (seal v1). Every record (`model` + `documentId`) has its own
 * stream: rows numbered 1, 2, 3, … (`urutan`, per stream), each carrying the seal of
 * the previous row of the same stream (`prevHash`, GENESIS for the first) and its own
 * seal `hash` = HMAC-SHA-256 under the audit key named by `kunci`. Without the key
 * nobody can produce a valid row, so a person who holds only the database cannot
 * edit, insert, renumber, copy between streams or reorder rows undetected. What a
 * chain cannot show — the end of a stream cut off together with its head, or a whole
 * stream removed — a checkpoint shows: a signed summary of every stream head that is
 * kept outside the database (see {@link signCheckpoint}).
 */

/** An audit key from AUDIT_KEY: the first one seals new rows and signs checkpoints, all verify. */
export type AuditKey = SecretKey;

/** A stored, sealed audit row: the entry, its stream position, the previous seal, its own seal and key id. */
export type SealedAuditRow = AuditEntry & { prevHash: string; hash: string; kunci: string };

/** A sealed row with its database id (insertion order: ids grow along each stream). */
export type StoredAuditRow = SealedAuditRow & { id: number };

/** Where one stream ends: the recorded (or computed) last row of a record's history. */
export type StreamHead = { model: string; documentId: string; urutan: number; hash: string };

/** The first broken link, named by stream and position. */
export type Breakage = { model: string; documentId: string; urutan: number; alasan: string };

/**
 * The verdict of {@link verifyStreams}: `count` rows, `head` the root over every
 * stream head ({@link headsRoot}); on failure the first broken link.
 */
export type StreamVerdict = { ok: true; count: number; head: string } | { ok: false; count: number; head: string; rusak: Breakage };

const SEAL_VERSION = 'meja-sandi-audit-v1';
const ROOT_PREFIX = 'meja-sandi-audit-akar-v1\n';
const CHECKPOINT_VERSION = 1;

/**
 * The keys of AUDIT_KEY (comma separated, newest first; each 32 random bytes in base64
 * or a long passphrase). Throws, in Indonesian, when none is given: the trail cannot
 * be sealed without one.
 */
export const parseAuditKeys = (raw: string | readonly string[]): AuditKey[] => {
  const keys = secretKeyList(raw);
  if (keys.length === 0) {
    throw new Error('AUDIT_KEY belum diisi: jejak audit tidak dapat disegel. Isi dengan 32 byte acak (openssl rand -base64 32).');
  }
  return keys;
};

const hmac = (key: AuditKey, text: string): string => createHmac('sha256', key.key).update(text, 'utf8').digest('hex');

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && /^[0-9a-f]*$/.test(a) && /^[0-9a-f]*$/.test(b) && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** The seal of one row: HMAC-SHA-256 (hex) over every field, its stream position and the previous seal. */
export const sealHash = (entry: AuditEntry, prevHash: string, key: AuditKey): string =>
  hmac(
    key,
    canonicalJson([
      SEAL_VERSION,
      key.id,
      entry.model,
      entry.documentId,
      entry.urutan,
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

/** Seals `entry` (its `urutan` already the next position of its stream) after `prevHash`, with the first key. */
export const sealRow = (entry: AuditEntry, prevHash: string, keys: readonly AuditKey[]): SealedAuditRow => ({
  ...entry,
  prevHash,
  hash: sealHash(entry, prevHash, keys[0]),
  kunci: keys[0].id,
});

/** Stream order: by model, then documentId, by UTF-16 code units (the same everywhere). */
export const compareStreams = (a: { model: string; documentId: string }, b: { model: string; documentId: string }): number =>
  a.model < b.model ? -1 : a.model > b.model ? 1 : a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;

/**
 * One hex SHA-256 over every stream head in stream order: equal heads give an equal
 * root, and since each head hash is a keyed seal, only the key holder can make a
 * set of heads with a given root. An empty trail has the GENESIS root (64 zeros).
 */
export const headsRoot = (heads: readonly StreamHead[]): string => {
  if (heads.length === 0) return GENESIS_HASH;
  const digest = createHash('sha256').update(ROOT_PREFIX, 'utf8');
  for (const head of [...heads].sort(compareStreams)) {
    digest.update(`${canonicalJson([head.model, head.documentId, head.urutan, head.hash])}\n`, 'utf8');
  }
  return digest.digest('hex');
};

const streamKey = (row: { model: string; documentId: string }): string => `${row.model}\u0000${row.documentId}`;

/** Rows grouped per stream, each group in id order, groups in stream order. */
const groupStreams = <T extends { id: number; model: string; documentId: string }>(rows: readonly T[]): T[][] => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = streamKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => a.id - b.id)).sort((a, b) => compareStreams(a[0], b[0]));
};

/**
 * Checks every stream of the trail: positions 1, 2, 3, … in id order (a gap, a
 * renumbered or reordered row breaks it), each row pointing at the previous row's seal,
 * each seal valid under a known key, and each stream ending exactly at its recorded
 * head (rows cut off the end, rows beyond it, a missing head, or a head whose rows are
 * all gone). Returns the first broken link in stream order; `head` is the root over the
 * heads the rows themselves end at.
 */
export const verifyStreams = (rows: readonly StoredAuditRow[], recordedHeads: readonly StreamHead[], keys: readonly AuditKey[]): StreamVerdict => {
  const keyById = new Map(keys.map((key) => [key.id, key]));
  const headByStream = new Map(recordedHeads.map((head) => [streamKey(head), head]));
  const computed: StreamHead[] = [];
  const breakages: Breakage[] = [];
  for (const group of groupStreams(rows)) {
    const { model, documentId } = group[0];
    const broken = (urutan: number, alasan: string) => breakages.push({ model, documentId, urutan, alasan });
    let prevHash = GENESIS_HASH;
    let failed = false;
    for (const [index, row] of group.entries()) {
      const expected = index + 1;
      const key = keyById.get(row.kunci);
      if (row.urutan !== expected) {
        broken(expected, `urutan ${row.urutan} ditemukan di posisi ${expected}: baris hilang atau urutannya diubah`);
      } else if (row.prevHash !== prevHash) {
        broken(expected, 'hash sebelumnya tidak menunjuk ke baris sebelumnya');
      } else if (!key) {
        broken(expected, `baris disegel dengan kunci ${row.kunci || '(kosong)'} yang tidak ada di AUDIT_KEY`);
      } else if (!sameHex(sealHash(row, row.prevHash, key), row.hash)) {
        broken(expected, 'isi baris tidak cocok dengan hash (segel)-nya');
      } else {
        prevHash = row.hash;
        continue;
      }
      failed = true;
      break;
    }
    const last = group[group.length - 1];
    computed.push({ model, documentId, urutan: last.urutan, hash: last.hash });
    const head = headByStream.get(streamKey(last));
    headByStream.delete(streamKey(last));
    if (failed) continue;
    if (!head) broken(group.length, 'penanda ujung rantai naskah ini hilang');
    else if (head.urutan > group.length) broken(group.length + 1, `baris terakhir hilang: ujung rantai tercatat pada urutan ${head.urutan}`);
    else if (head.urutan < group.length) broken(head.urutan + 1, 'baris sesudah ujung rantai yang tercatat');
    else if (head.hash !== prevHash) broken(head.urutan, 'hash baris terakhir tidak cocok dengan ujung rantai yang tercatat');
  }
  for (const orphan of headByStream.values()) {
    breakages.push({ ...orphan, urutan: 1, alasan: `semua baris hilang: ujung rantai tercatat pada urutan ${orphan.urutan}` });
  }
  const head = headsRoot(computed);
  if (breakages.length === 0) return { ok: true, count: rows.length, head };
  const [first] = breakages.sort((a, b) => compareStreams(a, b) || a.urutan - b.urutan);
  return { ok: false, count: rows.length, head, rusak: first };
};

/**
 * A checkpoint: the state of the whole trail at one moment, signed, to be kept outside
 * the database (the Kasi's daily digest, a file for `npm run audit:verify`). `batasId`
 * is the largest row id it covers — every row with a smaller id had committed when it
 * was made — `jumlah` how many rows those are and `akar` the {@link headsRoot} of the
 * streams as they ended within them. `waktu` is ISO 8601 UTC; `kunci` the id of the
 * key whose HMAC-SHA-256 over the other fields is `tanda`.
 */
export type AuditCheckpoint = {
  versi: 1;
  waktu: string;
  batasId: number;
  jumlah: number;
  akar: string;
  kunci: string;
  tanda: string;
};

type CheckpointBody = Omit<AuditCheckpoint, 'kunci' | 'tanda'>;

const checkpointText = (body: CheckpointBody, keyId: string): string =>
  canonicalJson(['meja-sandi-titik-periksa-v1', keyId, body.versi, body.waktu, body.batasId, body.jumlah, body.akar]);

/** The heads of the rows with id ≤ `batasId`: each stream's prefix as it stood at the checkpoint. */
export const headsUpTo = (rows: readonly StoredAuditRow[], batasId: number): { jumlah: number; heads: StreamHead[] } => {
  const last = new Map<string, StoredAuditRow>();
  let jumlah = 0;
  for (const row of rows) {
    if (row.id > batasId) continue;
    jumlah += 1;
    const key = streamKey(row);
    const seen = last.get(key);
    if (!seen || row.id > seen.id) last.set(key, row);
  }
  return { jumlah, heads: [...last.values()].map(({ model, documentId, urutan, hash }) => ({ model, documentId, urutan, hash })) };
};

/** Signs a checkpoint of `rows` (a verified trail) up to `batasId`, at `waktu`, with the first key. */
export const signCheckpoint = (rows: readonly StoredAuditRow[], batasId: number, waktu: Date, keys: readonly AuditKey[]): AuditCheckpoint => {
  const { jumlah, heads } = headsUpTo(rows, batasId);
  const body: CheckpointBody = { versi: CHECKPOINT_VERSION, waktu: waktu.toISOString(), batasId, jumlah, akar: headsRoot(heads) };
  return { ...body, kunci: keys[0].id, tanda: hmac(keys[0], checkpointText(body, keys[0].id)) };
};

const checkpointShape = (value: unknown): value is AuditCheckpoint => {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.versi === CHECKPOINT_VERSION &&
    typeof v.waktu === 'string' &&
    Number.isSafeInteger(v.batasId) &&
    Number.isSafeInteger(v.jumlah) &&
    typeof v.akar === 'string' &&
    typeof v.kunci === 'string' &&
    typeof v.tanda === 'string'
  );
};

/** Checkpoint check result: `ok`, or why the trail does not extend the checkpoint. */
export type CheckpointVerdict = { ok: true } | { ok: false; alasan: string };

/**
 * Whether the trail `rows` still holds, unchanged, everything the checkpoint saw: the
 * signature must be valid under a known key, and the rows with id ≤ `batasId` must be
 * exactly as many and end at exactly the heads it signed. Rows cut off, a stream
 * removed, or the database rolled back to an older (even self-consistent) state all
 * fail here. Run it together with {@link verifyStreams}, which checks each row.
 */
export const checkCheckpoint = (checkpoint: unknown, rows: readonly StoredAuditRow[], keys: readonly AuditKey[]): CheckpointVerdict => {
  if (!checkpointShape(checkpoint)) {
    return { ok: false, alasan: 'berkas titik periksa tidak sah: harus JSON {versi: 1, waktu, batasId, jumlah, akar, kunci, tanda}' };
  }
  const key = keys.find((candidate) => candidate.id === checkpoint.kunci);
  if (!key) return { ok: false, alasan: `titik periksa ditandatangani dengan kunci ${checkpoint.kunci} yang tidak ada di AUDIT_KEY` };
  if (!sameHex(hmac(key, checkpointText(checkpoint, key.id)), checkpoint.tanda)) {
    return { ok: false, alasan: 'tanda tangan titik periksa tidak sah: berkas diubah atau bukan dari server ini' };
  }
  const { jumlah, heads } = headsUpTo(rows, checkpoint.batasId);
  if (jumlah !== checkpoint.jumlah) {
    return {
      ok: false,
      alasan: `titik periksa ${checkpoint.waktu} mencatat ${checkpoint.jumlah} baris sampai id ${checkpoint.batasId}, basis data kini berisi ${jumlah}`,
    };
  }
  if (headsRoot(heads) !== checkpoint.akar) {
    return { ok: false, alasan: `ujung rantai sampai id ${checkpoint.batasId} tidak sama dengan titik periksa ${checkpoint.waktu}` };
  }
  return { ok: true };
};
