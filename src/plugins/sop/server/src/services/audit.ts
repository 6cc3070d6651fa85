import type { Knex } from 'knex';
import { schemaSnapshot, type SchemaSnapshot } from './schema';
import { GENESIS_HASH, verifyChain, type AuditEntry, type AuditRow, type ChainHead } from '../engine/audit-chain';
import {
  checkCheckpoint,
  parseAuditKeys,
  sealRow,
  signCheckpoint,
  verifyStreams,
  type AuditCheckpoint,
  type AuditKey,
  type Breakage,
  type CheckpointVerdict,
  type SealedAuditRow,
  type StoredAuditRow,
  type StreamHead,
  type StreamVerdict,
} from '../engine/audit-seal';

/**
 * The audit trail in the database (design and threat model: README, "Audit trail").
 * `sop_audit` holds the rows, one stream per record (`model`, `document_id`), `urutan`
 * numbering each stream 1, 2, 3, …; `sop_audit_head` holds one row per stream, its
 * recorded end. Appending locks only that stream's head row, so appends to different
 * records never wait for each other; appends to the same record already wait for the
 * record's own `versi` claim.
 */
export const AUDIT_TABLE = 'sop_audit';
/** One row per stream (`model`, `document_id`): the urutan and seal of its last row. */
export const AUDIT_HEAD_TABLE = 'sop_audit_head';

type Db = Knex | Knex.Transaction;

type Log = { info: (message: string) => void; warn: (message: string) => void };

const isPostgres = (db: Db): boolean => {
  const client = String(db.client.config.client);
  return client.startsWith('pg') || client === 'postgres';
};

let cachedKeys: { raw: string; keys: AuditKey[] } | null = null;

// On globalThis, as the clock: a test (which loads src/) and the app it boots (dist/) share it.
const KEY_SOURCE = Symbol.for('meja-sandi.sop.audit-key-source');
const keyHolder = globalThis as unknown as Record<symbol, { read: () => string } | undefined>;

/**
 * Where the audit keys come from: the app hands over a reader of its secret during its
 * register phase (Meja Sandi: AUDIT_KEY, else derived from ENCRYPTION_KEY). Until then the
 * engine reads the AUDIT_KEY environment variable. The reader is called at each use, so a
 * rotated key is picked up; it throws when the secret is missing.
 */
export const useAuditKeySource = (source: () => string): void => {
  keyHolder[KEY_SOURCE] = { read: source };
  cachedKeys = null;
};

/**
 * The audit keys (comma-separated secret, see useAuditKeySource): the first seals, every
 * one verifies. Throws when the secret is missing or malformed.
 */
export const auditKeys = (): AuditKey[] => {
  const read = keyHolder[KEY_SOURCE]?.read ?? (() => process.env.AUDIT_KEY ?? '');
  const raw = read();
  if (cachedKeys?.raw !== raw) cachedKeys = { raw, keys: parseAuditKeys(raw) };
  return cachedKeys.keys;
};

const createAuditTables = async (db: Db): Promise<void> => {
  if (!(await db.schema.hasTable(AUDIT_TABLE))) {
    await db.schema.createTable(AUDIT_TABLE, (table) => {
      table.increments('id').primary();
      table.string('model', 40).notNullable();
      table.string('document_id', 64).notNullable();
      table.integer('urutan').notNullable();
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
      table.string('kunci', 16).notNullable();
      table.unique(['model', 'document_id', 'urutan'], { indexName: 'sop_audit_stream_urutan' });
    });
  }
  if (!(await db.schema.hasTable(AUDIT_HEAD_TABLE))) {
    await db.schema.createTable(AUDIT_HEAD_TABLE, (table) => {
      table.string('model', 40).notNullable();
      table.string('document_id', 64).notNullable();
      table.integer('urutan').notNullable();
      table.string('hash', 64).notNullable();
      table.primary(['model', 'document_id']);
    });
  }
};

type AuditDbRow = {
  id: number;
  urutan: number;
  model: string;
  document_id: string;
  dari: string | null;
  ke: string;
  aktor_id: number | null;
  aktor_nama: string;
  aktor_peran: string;
  waktu: string;
  catatan: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
  kunci?: string | null;
};

const fromDb = (row: AuditDbRow): StoredAuditRow => ({
  id: Number(row.id),
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
  prevHash: row.prev_hash,
  hash: row.hash,
  kunci: row.kunci ?? '',
});

/**
 * A trail written before the keyed seal (one global SHA-256 chain, `urutan` global,
 * a one-row `sop_audit_head`) is verified as it was and, if it verifies, re-sealed:
 * each record's rows become its stream (in their old order), sealed under the first
 * AUDIT_KEY, and the heads table is rebuilt. A legacy trail that does not verify is
 * not re-sealed — that would launder the tampering — and the boot stops naming the
 * broken link. Runs in one transaction; on PostgreSQL an advisory lock keeps a second
 * booting process from doing it twice.
 */
const migrateLegacyAudit = async (knex: Knex, log: Log): Promise<void> => {
  if (!(await knex.schema.hasTable(AUDIT_TABLE)) || (await knex.schema.hasColumn(AUDIT_TABLE, 'kunci'))) return;
  const keys = auditKeys();
  await knex.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('select pg_advisory_xact_lock(?)', [7_260_002]);
    if (await trx.schema.hasColumn(AUDIT_TABLE, 'kunci')) return;
    const legacyRows = ((await trx(AUDIT_TABLE).select('*').orderBy('id', 'asc')) as AuditDbRow[]).map(fromDb);
    const legacyHead = (await trx.schema.hasTable(AUDIT_HEAD_TABLE))
      ? ((await trx(AUDIT_HEAD_TABLE).select('urutan', 'hash').where({ id: 1 }).first()) as ChainHead | undefined)
      : undefined;
    const verdict = verifyChain(legacyRows as AuditRow[], {
      head: legacyHead ? { urutan: Number(legacyHead.urutan), hash: legacyHead.hash } : legacyRows.length ? null : undefined,
    });
    if (!verdict.ok) {
      throw new Error(
        `Jejak audit lama (rantai SHA-256 tunggal, ${legacyRows.length} baris) tidak utuh pada urutan ${verdict.rusak.urutan}: ` +
          `${verdict.rusak.alasan}. Jejak ini tidak disegel ulang dengan AUDIT_KEY agar perubahan itu tidak tersamarkan; ` +
          'pulihkan basis data dari cadangan yang utuh, lalu jalankan server lagi.'
      );
    }
    await trx.schema.alterTable(AUDIT_TABLE, (table) => {
      table.dropUnique(['urutan']);
      table.string('kunci', 16);
    });
    if (await trx.schema.hasTable(AUDIT_HEAD_TABLE)) await trx.schema.dropTable(AUDIT_HEAD_TABLE);
    await createAuditTables(trx);
    const heads = new Map<string, StreamHead>();
    for (const row of legacyRows) {
      const streamKey = `${row.model}\u0000${row.documentId}`;
      const previous = heads.get(streamKey);
      const sealed = sealRow({ ...row, urutan: (previous?.urutan ?? 0) + 1 }, previous?.hash ?? GENESIS_HASH, keys);
      await trx(AUDIT_TABLE)
        .where({ id: row.id })
        .update({ urutan: sealed.urutan, prev_hash: sealed.prevHash, hash: sealed.hash, kunci: sealed.kunci });
      heads.set(streamKey, { model: row.model, documentId: row.documentId, urutan: sealed.urutan, hash: sealed.hash });
    }
    for (const head of heads.values()) {
      await trx(AUDIT_HEAD_TABLE).insert({ model: head.model, document_id: head.documentId, urutan: head.urutan, hash: head.hash });
    }
    await trx.schema.alterTable(AUDIT_TABLE, (table) => {
      table.unique(['model', 'document_id', 'urutan'], { indexName: 'sop_audit_stream_urutan' });
    });
    log.warn(
      `[audit] Jejak audit lama (${legacyRows.length} baris, rantai SHA-256 tunggal) terverifikasi utuh dan disegel ulang ` +
        `dengan kunci ${keys[0].id} (HMAC-SHA-256) menjadi ${heads.size} rantai per naskah. Buat titik periksa baru: npm run audit:verify -- --tulis <berkas>.`
    );
  });
};

/**
 * Creates the audit tables, or migrates a legacy trail to the keyed one (see migrateLegacyAudit).
 * `schema` (optional: read here when absent) is what exists now (schemaSnapshot of at least the
 * two audit tables); when both exist with the keyed trail's `kunci` column there is nothing to do.
 * Throws when AUDIT_KEY is missing, or what the migration throws.
 */
export const ensureAuditTables = async (knex: Knex, log: Log, schema?: SchemaSnapshot): Promise<void> => {
  auditKeys();
  const known = schema ?? (await schemaSnapshot(knex, [AUDIT_TABLE, AUDIT_HEAD_TABLE]));
  if (known.get(AUDIT_TABLE)?.has('kunci') && known.has(AUDIT_HEAD_TABLE)) return;
  await migrateLegacyAudit(knex, log);
  await createAuditTables(knex);
};

type HeadLock = { urutan: number; hash: string };

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

const toDb = (sealed: SealedAuditRow): Record<string, unknown> => ({
  model: sealed.model,
  document_id: sealed.documentId,
  urutan: sealed.urutan,
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
  kunci: sealed.kunci,
});

// The columns toDb fills, in a fixed order (the first-row CTE binds them in this order).
const AUDIT_COLUMNS = [
  'model',
  'document_id',
  'urutan',
  'dari',
  'ke',
  'aktor_id',
  'aktor_nama',
  'aktor_peran',
  'waktu',
  'catatan',
  'digest',
  'prev_hash',
  'hash',
  'kunci',
] as const;

/**
 * The first audit row of a NEW record and its stream head as PostgreSQL data-modifying CTEs, for
 * a caller that writes the record and its audit in one statement (the public complaint, issue 14),
 * and for appendAudit's own `baru` path — the one place this SQL is made. The row is sealed here
 * exactly as appendAudit seals every first row: `urutan` 1, chained to GENESIS_HASH, HMAC-SHA-256
 * under the first AUDIT_KEY (sealRow), so verifyStreams and `npm run audit:verify` treat it like
 * any other. Returns `sql` — two CTEs, `audit_baris` (the row) and `audit_ujung` (its head, made
 * from the row's insert, so both or neither) — to put after `with` (join with other CTEs by a
 * comma), its `bindings` (in order), and the sealed row.
 *
 * `options.setelah` names an earlier CTE that must have run first (one row, e.g. the record's
 * insert): the audit row then selects from it, so its id is drawn only after the statement has
 * written — the transaction has its id before the audit row's id is drawn, which the checkpoint's
 * boundary relies on (settledBoundary). Without it, the caller's transaction must already have
 * written (appendAudit's `baru`: the record's insert came first). A head that already exists is a
 * unique violation: the statement fails, nothing is chained wrong. Throws when AUDIT_KEY is missing.
 */
export const firstAuditCtes = (
  entry: Omit<AuditEntry, 'urutan'>,
  options: { setelah?: string } = {}
): { sql: string; bindings: Knex.Value[]; sealed: SealedAuditRow } => {
  if (options.setelah !== undefined && !/^[a-z_]+$/.test(options.setelah)) throw new Error(`Nama CTE tidak sah: ${options.setelah}`);
  const sealed = sealRow({ ...entry, urutan: 1 }, GENESIS_HASH, auditKeys());
  const row = toDb(sealed);
  const from = options.setelah ? ` from ${options.setelah}` : '';
  const sql =
    `audit_baris as (insert into ${AUDIT_TABLE} (${AUDIT_COLUMNS.join(', ')}) select ${AUDIT_COLUMNS.map(() => '?').join(', ')}${from} returning id), ` +
    `audit_ujung as (insert into ${AUDIT_HEAD_TABLE} (model, document_id, urutan, hash) select ?, ?, 1, ? from audit_baris)`;
  return { sql, bindings: [...AUDIT_COLUMNS.map((column) => row[column] as Knex.Value), sealed.model, sealed.documentId, sealed.hash], sealed };
};

/**
 * firstAuditCtes for several NEW records written by one statement (the complaints of a group
 * commit, issue 14): each entry's row sealed as its own stream's first (`urutan` 1, GENESIS_HASH,
 * the first AUDIT_KEY), with its head. `setelah` names an earlier CTE that returns the records'
 * `document_id`s (their insert): each audit row is selected joined to its record's row, so the
 * records are written — and the transaction has its id — before any audit id is drawn
 * (settledBoundary), and an entry whose record was not written gets no row. Returns `sql` — three
 * CTEs (`audit_masuk`, the sealed rows as bound values; `audit_baris`; `audit_ujung`) to put after
 * `with` —, its `bindings` in order, and the sealed rows in the entries' order. Throws when
 * AUDIT_KEY is missing or `setelah` is not a plain CTE name.
 */
export const firstAuditRowsCtes = (
  entries: readonly Omit<AuditEntry, 'urutan'>[],
  setelah: string
): { sql: string; bindings: Knex.Value[]; sealed: SealedAuditRow[] } => {
  if (!/^[a-z_]+$/.test(setelah)) throw new Error(`Nama CTE tidak sah: ${setelah}`);
  const keys = auditKeys();
  const sealed = entries.map((entry) => sealRow({ ...entry, urutan: 1 }, GENESIS_HASH, keys));
  // a VALUES list types unknown parameters as text: the integer columns say what they are
  const placeholder = (column: (typeof AUDIT_COLUMNS)[number]) => (column === 'urutan' || column === 'aktor_id' ? '?::integer' : '?');
  const row = `(${AUDIT_COLUMNS.map(placeholder).join(', ')})`;
  const sql =
    `audit_masuk (${AUDIT_COLUMNS.join(', ')}) as (values ${sealed.map(() => row).join(', ')}), ` +
    `audit_baris as (insert into ${AUDIT_TABLE} (${AUDIT_COLUMNS.join(', ')}) select ${AUDIT_COLUMNS.map((column) => `masuk.${column}`).join(', ')} ` +
    `from audit_masuk masuk join ${setelah} rekaman on rekaman.document_id = masuk.document_id returning model, document_id, hash), ` +
    `audit_ujung as (insert into ${AUDIT_HEAD_TABLE} (model, document_id, urutan, hash) select model, document_id, 1, hash from audit_baris)`;
  const bindings = sealed.flatMap((one) => {
    const values = toDb(one);
    return AUDIT_COLUMNS.map((column) => values[column] as Knex.Value);
  });
  return { sql, bindings, sealed };
};

/**
 * Appends one row to the record's audit stream inside the caller's transaction, sealed
 * (HMAC-SHA-256) under the first AUDIT_KEY and chained to the stream's recorded head —
 * not to whatever row is last now, so rows cut off the end stay a visible gap. Takes
 * the entry without its position; returns the sealed row as stored.
 *
 * Locking: the stream's head row is bumped first and stays locked until the caller's
 * transaction ends, which serialises appends to this one record only (a transition
 * already holds the record's own `versi` claim). Bumping it first also gives the
 * transaction its id before the audit row's id is drawn, which the checkpoint's
 * boundary relies on (see settledBoundary). Round trips: two on PostgreSQL (bump; row
 * and head together), three for a record's first row or on SQLite.
 *
 * `options.baru`: the record was inserted earlier in this same transaction, so its
 * stream cannot exist yet (its documentId is new) and the row is its first. Then row and
 * head are written without the bump — one round trip on PostgreSQL, two on SQLite; the
 * record's insert already gave the transaction its id (settledBoundary). A head that
 * exists after all is a unique violation: the transaction fails, nothing is chained wrong.
 */
export const appendAudit = async (
  trx: Knex.Transaction,
  entry: Omit<AuditEntry, 'urutan'>,
  options: { baru?: boolean } = {}
): Promise<SealedAuditRow> => {
  const keys = auditKeys();
  const stream = [entry.model, entry.documentId];
  if (options.baru) {
    if (isPostgres(trx)) {
      const first = firstAuditCtes(entry);
      await trx.raw(`with ${first.sql} select 1`, first.bindings);
      return first.sealed;
    }
    const sealed = sealRow({ ...entry, urutan: 1 }, GENESIS_HASH, keys);
    await trx(AUDIT_HEAD_TABLE).insert({ model: sealed.model, document_id: sealed.documentId, urutan: 1, hash: sealed.hash });
    await trx(AUDIT_TABLE).insert(toDb(sealed));
    return sealed;
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const [bumped] = rowsOf<HeadLock>(
      await trx.raw(`update ${AUDIT_HEAD_TABLE} set urutan = urutan + 1 where model = ? and document_id = ? returning urutan, hash`, stream)
    );
    if (bumped) {
      const sealed = sealRow({ ...entry, urutan: Number(bumped.urutan) }, bumped.hash, keys);
      if (isPostgres(trx)) {
        const insert = trx(AUDIT_TABLE).insert(toDb(sealed)).toSQL().toNative();
        await trx.raw(
          `with ins as (${insert.sql.replace(/\$(\d+)/g, '?')}) update ${AUDIT_HEAD_TABLE} set hash = ? where model = ? and document_id = ?`,
          [...(insert.bindings as Knex.Value[]), sealed.hash, ...stream]
        );
      } else {
        await trx(AUDIT_TABLE).insert(toDb(sealed));
        await trx(AUDIT_HEAD_TABLE).where({ model: sealed.model, document_id: sealed.documentId }).update({ hash: sealed.hash });
      }
      return sealed;
    }
    // The record's first row: its head is created already pointing at it.
    const sealed = sealRow({ ...entry, urutan: 1 }, GENESIS_HASH, keys);
    const created = rowsOf<HeadLock>(
      await trx.raw(
        `insert into ${AUDIT_HEAD_TABLE} (model, document_id, urutan, hash) values (?, ?, 1, ?) on conflict (model, document_id) do nothing returning urutan`,
        [...stream, sealed.hash]
      )
    );
    if (created.length === 1) {
      await trx(AUDIT_TABLE).insert(toDb(sealed));
      return sealed;
    }
    // another transaction created it meanwhile and has committed: bump it now
  }
  throw new Error(`Ujung rantai audit ${entry.model}:${entry.documentId} tidak dapat dikunci.`);
};

/** Every audit row (by id). */
export const readAuditRows = async (db: Db): Promise<StoredAuditRow[]> =>
  ((await db(AUDIT_TABLE).select('*').orderBy('id', 'asc')) as AuditDbRow[]).map(fromDb);

/** Every recorded stream head. */
export const readStreamHeads = async (db: Db): Promise<StreamHead[]> =>
  (
    (await db(AUDIT_HEAD_TABLE).select('model', 'document_id', 'urutan', 'hash')) as {
      model: string;
      document_id: string;
      urutan: number;
      hash: string;
    }[]
  ).map((row) => ({ model: row.model, documentId: row.document_id, urutan: Number(row.urutan), hash: row.hash }));

/** Rows and heads in one snapshot, so a step committing meanwhile is not mistaken for tampering. */
const readSnapshot = async (knex: Knex): Promise<{ rows: StoredAuditRow[]; heads: StreamHead[] }> =>
  knex.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw('set transaction isolation level repeatable read, read only');
    return { rows: await readAuditRows(trx), heads: await readStreamHeads(trx) };
  });

/**
 * Verifies the whole trail — every row's seal under AUDIT_KEY, every stream's order and
 * end — and answers `{ ok, count, head }` (DESIGN.md), `head` being the root over all
 * stream heads, or the first broken link in `rusak`. `keys` defaults to AUDIT_KEY.
 */
export const verifyAuditTrail = async (knex: Knex, keys: readonly AuditKey[] = auditKeys()): Promise<StreamVerdict> => {
  const { rows, heads } = await readSnapshot(knex);
  return verifyStreams(rows, heads, keys);
};

/**
 * The largest audit row id below which nothing can still appear. On PostgreSQL a
 * transaction in flight may hold a smaller id than the largest committed one; such a
 * transaction already had its id (claimStream writes before the row's id is drawn), so
 * it is in the snapshot's in-progress list, and we wait (at most `waitMs`) until every
 * transaction of that list running in this database has ended — appenders take no lock
 * for it. SQLite has one writer: committed ids are final.
 */
const settledBoundary = async (knex: Knex, waitMs: number): Promise<number> => {
  if (!isPostgres(knex)) {
    const row = (await knex(AUDIT_TABLE).max({ batas: 'id' }).first()) as { batas: number | null } | undefined;
    return Number(row?.batas ?? 0);
  }
  const [seen] = rowsOf<{ snapshot: string; batas: string | number }>(
    await knex.raw(`select pg_current_snapshot()::text as snapshot, (select coalesce(max(id), 0) from ${AUDIT_TABLE}) as batas`)
  );
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [pending] = rowsOf<{ n: string | number }>(
      // Only this database's transactions can hold an audit row id (the snapshot lists the whole cluster's).
      await knex.raw(
        `select count(*) as n from pg_snapshot_xip(?::pg_snapshot) as x
          where pg_xact_status(x) = 'in progress'
            and (x::text::numeric % 4294967296)::text in
              (select backend_xid::text from pg_stat_activity where datname = current_database() and backend_xid is not null)`,
        [seen.snapshot]
      )
    );
    if (Number(pending.n) === 0) return Number(seen.batas);
    if (Date.now() > deadline) {
      throw new Error(`Titik periksa audit belum dapat dibuat: ${pending.n} transaksi basis data belum selesai setelah ${waitMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A checkpoint made now, or why none was: the trail is verified first, and a broken trail is never signed. */
export type CheckpointResult = { verdict: StreamVerdict; checkpoint: AuditCheckpoint | null };

/**
 * Verifies the trail and signs a checkpoint of it (see AuditCheckpoint) with the first
 * AUDIT_KEY; `checkpoint` is null when the trail does not verify. `now` is the time
 * written in it. Throws when the boundary cannot settle within `waitMs`.
 */
export const createAuditCheckpoint = async (knex: Knex, now: Date, waitMs = 30_000): Promise<CheckpointResult> => {
  const keys = auditKeys();
  const batasId = await settledBoundary(knex, waitMs);
  const { rows, heads } = await readSnapshot(knex);
  const verdict = verifyStreams(rows, heads, keys);
  return { verdict, checkpoint: verdict.ok ? signCheckpoint(rows, batasId, now, keys) : null };
};

/**
 * The trail checked end to end and against a checkpoint kept outside the database (the
 * parsed JSON of a checkpoint file or digest e-mail). `keys` defaults to AUDIT_KEY.
 */
export const verifyAgainstCheckpoint = async (
  knex: Knex,
  checkpoint: unknown,
  keys: readonly AuditKey[] = auditKeys()
): Promise<{ verdict: StreamVerdict; titikPeriksa: CheckpointVerdict }> => {
  const { rows, heads } = await readSnapshot(knex);
  return { verdict: verifyStreams(rows, heads, keys), titikPeriksa: checkCheckpoint(checkpoint, rows, keys) };
};

/**
 * Whether one record's history is intact: every row's seal, its order and its recorded
 * end (what `GET /sop/audit/verify` checks for the whole trail), so a history view can
 * say so next to the rows it shows. Returns the first broken link, or null.
 */
export const checkAuditFor = async (db: Db, model: string, documentId: string): Promise<Breakage | null> => {
  const rows = await readAuditFor(db, model, documentId);
  const head = (await db(AUDIT_HEAD_TABLE).select('urutan', 'hash').where({ model, document_id: documentId }).first()) as
    { urutan: number; hash: string } | undefined;
  const heads = head ? [{ model, documentId, urutan: Number(head.urutan), hash: head.hash }] : [];
  const verdict = verifyStreams(rows, heads, auditKeys());
  return verdict.ok ? null : verdict.rusak;
};

/** The history of one record, its stream in order (`GET /sop/:model/:documentId` riwayat, tracking pages). */
export const readAuditFor = async (db: Db, model: string, documentId: string): Promise<StoredAuditRow[]> =>
  ((await db(AUDIT_TABLE).select('*').where({ model, document_id: documentId }).orderBy('urutan', 'asc')) as AuditDbRow[]).map(fromDb);

/**
 * The history of one record (as {@link readAuditFor}) and its check against the stream's head
 * (as {@link checkAuditFor}) in one statement: the rows carry the head's `urutan` and `hash`
 * from a subquery. Only a record without any row (none written yet, or all deleted) reads its
 * head separately. Returns `{ rows, rusak }`, `rusak` null when the history is intact.
 */
export const readAuditChecked = async (db: Db, model: string, documentId: string): Promise<{ rows: StoredAuditRow[]; rusak: Breakage | null }> => {
  const head = (column: 'urutan' | 'hash') =>
    db(AUDIT_HEAD_TABLE).select(column).where({ model, document_id: documentId }).limit(1).as(`head_${column}`);
  const raw = (await db(AUDIT_TABLE)
    .select(`${AUDIT_TABLE}.*`, head('urutan'), head('hash'))
    .where({ model, document_id: documentId })
    .orderBy('urutan', 'asc')) as (AuditDbRow & { head_urutan: number | null; head_hash: string | null })[];
  if (raw.length === 0) return { rows: [], rusak: await checkAuditFor(db, model, documentId) };
  const rows = raw.map(fromDb);
  const { head_urutan: urutan, head_hash: hash } = raw[0];
  const heads = urutan === null || hash === null ? [] : [{ model, documentId, urutan: Number(urutan), hash }];
  const verdict = verifyStreams(rows, heads, auditKeys());
  return { rows, rusak: verdict.ok ? null : verdict.rusak };
};
