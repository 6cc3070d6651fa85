/**
 * Idempotent complaint filing: a double click on the form, a resend after a slow answer, or a
 * program retrying `POST /api/pengaduan` with the same `Idempotency-Key` gets the answer of the
 * complaint it already filed — same ticket, same tracking code — never a second complaint and
 * never "not sent".
 *
 * One row per key in `pengaduan_idempotensi`, inserted in the transaction that files the
 * complaint, keyed by an HMAC of (kind, client, key): a concurrent second request blocks on
 * that primary key until the first commits, then finds its row (or, if the first rolled
 * back, files the complaint itself). The tracking code is never stored: for a keyed filing it
 * is derived by HMAC from the key and the complaint's documentId (before session 4: the ticket)
 * under the server key (PENGADUAN_KEY), so it can be shown again while the key is valid and by
 * nobody without the key.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { formatKodeLacak, KODE_LACAK_BYTES, type PengaduanPublik } from '../../../domain/pengaduan';
import { subKey, type PengaduanSettings } from './settings';
import { versiHashKode } from './kode-lacak';
import { UID_PENGADUAN } from './surat';
import { schemaSnapshot } from '../../../plugins/sop/server/src/index';

export const IDEMPOTENSI_TABLE = 'pengaduan_idempotensi';

/** How long an `Idempotency-Key` of the JSON API is remembered (a form key lives as long as its token). */
export const API_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Rows are kept this long after their key expired (a late resend of a form still sees its ticket), then purged. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** What a client sends: 1–255 visible ASCII characters (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const KUNCI_API = /^[\x21-\x7e]{1,255}$/;

/** A keyed request: `formulir` is the form token's nonce, `api` the client's Idempotency-Key. */
export type Kunci = {
  jenis: 'formulir' | 'api';
  /** the client address (API keys are per client); '' for form tokens, which are bound to the form */
  klien: string;
  nilai: string;
  /** until when the key answers with the tracking code (form: the token's expiry; API: now + 24 h) */
  berlakuSampai: Date;
};

/** A key as stored: its id and the fingerprint of the complaint it filed. */
export type KunciTersimpan = { id: string; sidik: string; berlakuSampai: Date };

type Row = {
  kunci: string;
  sidik: string;
  nomor_tiket: string;
  berlaku_sampai: string;
  dibuat: string;
  kode_dicabut: boolean | number;
  /** of the complaint the key filed (joined) */
  document_id: string | null;
  kode_lacak_hash: string | null;
};

/** The previous answer of a key. */
export type Ulangan = {
  nomorTiket: string;
  /** null once the key has expired, when the request's complaint differs from the key's, or staff issued the complaint a new code */
  kodeLacak: string | null;
  /** false when the request's complaint differs from the one the key filed */
  samaIsi: boolean;
};

const hmac = (settings: PengaduanSettings, text: string): string =>
  crypto.createHmac('sha256', subKey(settings, 'idempotensi')).update(text).digest('hex');

/**
 * The stored id of a key and the fingerprint of the (validated, normalised) complaint; a
 * complaint that did not validate (null) matches no fingerprint.
 */
export const simpanan = (settings: PengaduanSettings, kunci: Kunci, isi: PengaduanPublik | null): KunciTersimpan => ({
  id: hmac(settings, `kunci\n${kunci.jenis}\n${kunci.klien}\n${kunci.nilai}`),
  sidik: isi ? hmac(settings, `isi\n${JSON.stringify([isi.nama, isi.kontak, isi.isi, isi.layanan ?? ''])}`) : '-',
  berlakuSampai: kunci.berlakuSampai,
});

const turunan = (settings: PengaduanSettings, text: string): string =>
  formatKodeLacak(crypto.createHmac('sha256', subKey(settings, 'idempotensi')).update(text).digest().subarray(0, KODE_LACAK_BYTES));

/**
 * The tracking code of a keyed filing: 80 bits of HMAC(key id, complaint documentId) in the usual
 * `XXXX-XXXX-XXXX-XXXX` form — known before the ticket is drawn (issue 14), and different for a
 * new complaint filed with a forgotten key.
 */
export const kodeLacakTurunan = (settings: PengaduanSettings, kunciId: string, documentId: string): string =>
  turunan(settings, `kode-lacak-2\n${kunciId}\n${documentId}`);

/** The derivation of codes whose hash is `h1` (filed before session 4): bound to the ticket. */
const kodeLacakTurunanH1 = (settings: PengaduanSettings, kunciId: string, nomorTiket: string): string =>
  turunan(settings, `kode-lacak\n${kunciId}\n${nomorTiket}`);

/** Creates the table when missing (bootstrap). */
export const ensureIdempotensiTable = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  if ((await schemaSnapshot(knex, [IDEMPOTENSI_TABLE])).has(IDEMPOTENSI_TABLE)) return;
  await knex.schema.createTable(IDEMPOTENSI_TABLE, (table) => {
    table.string('kunci', 64).primary();
    table.string('sidik', 64).notNullable();
    table.string('nomor_tiket', 30).notNullable();
    table.string('berlaku_sampai', 40).notNullable();
    table.string('dibuat', 40).notNullable();
    table.boolean('kode_dicabut').notNullable().defaultTo(false);
    table.index(['nomor_tiket'], 'pengaduan_idempotensi_tiket_idx');
    table.index(['berlaku_sampai'], 'pengaduan_idempotensi_berlaku_idx');
  });
};

/**
 * Claims the key inside the filing's transaction. On PostgreSQL a second transaction with the
 * same key waits here until the first ends; then it fails with a unique violation and the
 * caller answers from the row (see `ulangan`).
 */
export const klaim = async (trx: Knex.Transaction, kunci: KunciTersimpan, now: Date): Promise<void> => {
  await trx(IDEMPOTENSI_TABLE).insert({
    kunci: kunci.id,
    sidik: kunci.sidik,
    nomor_tiket: '',
    berlaku_sampai: kunci.berlakuSampai.toISOString(),
    dibuat: now.toISOString(),
  });
};

/** Records the ticket the key filed, in the same transaction as `klaim`. */
export const tetapkanTiket = async (trx: Knex.Transaction, kunci: KunciTersimpan, nomorTiket: string): Promise<void> => {
  await trx(IDEMPOTENSI_TABLE).where({ kunci: kunci.id }).update({ nomor_tiket: nomorTiket });
};

/**
 * The answer a key already gave, or null when it filed nothing. With `lupakanKedaluwarsa`
 * (the JSON API), an expired key is forgotten (its row deleted) and answers null, so the
 * client may use it again; a form key keeps showing its ticket, without the code.
 */
export const ulangan = async (
  strapi: Core.Strapi,
  settings: PengaduanSettings,
  kunci: KunciTersimpan,
  now: Date,
  lupakanKedaluwarsa: boolean
): Promise<Ulangan | null> => {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(UID_PENGADUAN) as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const kolom = (field: string, fallback: string) => `p.${meta.attributes[field]?.columnName ?? fallback}`;
  const row = (await knex(`${IDEMPOTENSI_TABLE} as k`)
    .leftJoin(`${meta.tableName} as p`, kolom('nomorTiket', 'nomor_tiket'), 'k.nomor_tiket')
    .where('k.kunci', kunci.id)
    .first('k.*', `${kolom('documentId', 'document_id')} as document_id`, `${kolom('kodeLacakHash', 'kode_lacak_hash')} as kode_lacak_hash`)) as
    Row | undefined;
  if (!row || row.nomor_tiket === '') return null;
  const berlaku = Date.parse(row.berlaku_sampai) > now.getTime();
  if (!berlaku && lupakanKedaluwarsa) {
    await knex(IDEMPOTENSI_TABLE).where({ kunci: kunci.id, berlaku_sampai: row.berlaku_sampai }).delete();
    return null;
  }
  const samaIsi = row.sidik === kunci.sidik;
  return {
    nomorTiket: row.nomor_tiket,
    // a key is no bearer of the code: only a repeat of the same complaint sees it (the form's token is in a page others may reach)
    kodeLacak: berlaku && samaIsi && !row.kode_dicabut ? kodeTersimpan(settings, kunci.id, row) : null,
    samaIsi,
  };
};

/** The code a key's complaint was given, by the derivation its stored hash was made for; null when the complaint is gone. */
const kodeTersimpan = (settings: PengaduanSettings, kunciId: string, row: Row): string | null => {
  const versi = versiHashKode(row.kode_lacak_hash);
  if (versi === 'h1') return kodeLacakTurunanH1(settings, kunciId, row.nomor_tiket);
  return versi === 'h2' && row.document_id ? kodeLacakTurunan(settings, kunciId, row.document_id) : null;
};

/**
 * Staff issued a new tracking code for the ticket (the old one stops working): a repeat of
 * the filing no longer shows the derived, now invalid, code. Runs in the reissue's transaction.
 */
export const cabutKodeTurunan = async (trx: Knex.Transaction, nomorTiket: string): Promise<void> => {
  await trx(IDEMPOTENSI_TABLE).where({ nomor_tiket: nomorTiket }).update({ kode_dicabut: true });
};

/** Deletes rows whose key expired more than a week ago; run after a filing commits. */
export const bersihkan = async (strapi: Core.Strapi, now: Date): Promise<void> => {
  await strapi.db
    .connection(IDEMPOTENSI_TABLE)
    .where('berlaku_sampai', '<', new Date(now.getTime() - RETENTION_MS).toISOString())
    .delete();
};
