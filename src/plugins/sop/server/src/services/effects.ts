import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { formatNumber, formatNumberSql, numberMoment } from '../engine/numbering';
import type { Effect } from '../engine/types';
import type { EffectHandler, StaffActor } from '../types';
import { requireActiveRole } from './actor';
import { sopRegistryOf } from './registry';
import { agendaNumberSql, nextAgendaNumber } from './tables';

/**
 * A paraf or signature as every SOP stores it: who (admin user id and name), as which role
 * ("Plh. …, a.n. …" for an acting official, with the holder in `atasNama`), and when (ISO 8601).
 */
export const parafOf = (actor: StaffActor, now: Date) => ({
  userId: actor.id,
  nama: actor.name,
  peran: actor.peran,
  ...(actor.atasNama ? { atasNama: actor.atasNama } : {}),
  waktu: now.toISOString(),
});

/** Whether `kolom` is a JSON attribute of content type `uid` (where the engine's `signRecord` keeps a paraf). */
export const isParafColumn = (strapi: Core.Strapi, uid: string, kolom: string): boolean => {
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { type?: string }> } | undefined>)[uid]
    ?.attributes;
  return attributes?.[kolom]?.type === 'json';
};

/**
 * The role and the user an `assignUser` effect names (`{ type: 'assignUser', [peran]: id }`):
 * returns `{ peran, user }`. Throws ApplicationError when it names no role, ValidationError (400)
 * when the id is not an active holder of that role.
 */
export const assignedUserOf = async (strapi: Core.Strapi, effect: Effect) => {
  const peran = sopRegistryOf(strapi)
    .roleKeys()
    .find((role) => effect[role] !== undefined);
  if (!peran) throw new errors.ApplicationError('Efek assignUser tanpa pengguna yang ditugaskan.');
  return { peran, user: await requireActiveRole(strapi, effect[peran], peran) };
};

/**
 * Writes `data` (attribute names) into row `id` of content type `uid` with its `updatedAt`, in
 * ONE statement (`updateMany` by id: no read before and after, as `update` does); the effects
 * keep the record they were given current themselves. Returns the rows written (0 or 1).
 */
export const writeRecord = async (strapi: Core.Strapi, uid: string, id: number, data: Record<string, unknown>): Promise<number> => {
  const written = (await strapi.db.query(uid as never).updateMany({ where: { id }, data: { ...data, updatedAt: new Date() } })) as { count: number };
  return written.count;
};

type RowMeta = {
  tableName: string;
  attributes: Record<
    string,
    {
      columnName?: string;
      joinTable?: {
        name: string;
        joinColumn: { name: string };
        inverseJoinColumn: { name: string };
        orderColumnName?: string;
        inverseOrderColumnName?: string;
      };
    }
  >;
};

/**
 * The column of attribute `field` of content type `uid` (`waktuDiterima` → `waktu_diterima`), for
 * the statements the SOP writes itself. Throws an Error naming an attribute the type does not have.
 */
export const columnOf = (strapi: Core.Strapi, uid: string, field: string): string => {
  const column = (strapi.db.metadata.get(uid) as RowMeta).attributes[field]?.columnName;
  if (!column) throw new Error(`Kolom ${field} tidak dikenal pada ${uid}.`);
  return column;
};

/**
 * One row into content type `uid`'s table with the transaction's connection, without the
 * document service (issue 14: no yup validation, middleware or re-read): `data` holds every
 * column to fill by attribute name (`waktuDiterima` → `waktu_diterima`; dates as Date objects,
 * bound as Strapi's own insert binds them), `documentId`, `createdAt`, `updatedAt` and
 * `publishedAt` included. For rows the server composes itself from checked values (a public
 * complaint, a kartu kendali). Returns the new row's id; throws (Error) on an unknown attribute,
 * ApplicationError when no id comes back.
 */
export const insertRow = async (strapi: Core.Strapi, trx: Knex.Transaction, uid: string, data: Record<string, unknown>): Promise<number> => {
  const meta = strapi.db.metadata.get(uid) as RowMeta;
  const row: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) row[columnOf(strapi, uid, field)] = value;
  const [inserted] = (await trx(meta.tableName).insert(row).returning('id')) as ({ id: number } | number)[];
  const id = typeof inserted === 'number' ? inserted : Number(inserted?.id);
  if (!Number.isInteger(id)) throw new errors.ApplicationError(`Data ${uid} gagal disimpan.`);
  return id;
};

/**
 * Claims row `current.id` of content type `uid` for a step at the version it was read
 * (optimistic concurrency): sets `tahap` to `tahapBaru` and `versi` to `current.versi + 1` only
 * where the row still has `current.tahap` and `current.versi`. One update through knex on the
 * step's transaction instead of the query engine's updateMany (issue 14: its where and data
 * processing cost more CPU than the statement), with the engine's `beforeUpdateMany` and
 * `afterUpdateMany` subscribers run around it as for that updateMany. Returns whether the row was
 * claimed (false: another request moved it first).
 */
export const claimRow = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  current: { id: number; tahap: string; versi: number },
  tahapBaru: string
): Promise<boolean> => {
  const meta = strapi.db.metadata.get(uid) as RowMeta;
  const column = (field: string): string => columnOf(strapi, uid, field);
  const where = { id: current.id, tahap: current.tahap, versi: current.versi };
  const data = { tahap: tahapBaru, versi: current.versi + 1 };
  const states = await strapi.db.lifecycles.run('beforeUpdateMany', uid as never, { params: { where, data } });
  const count = Number(
    await trx(meta.tableName)
      .where({ id: current.id, [column('tahap')]: current.tahap, [column('versi')]: current.versi })
      .update({ [column('tahap')]: tahapBaru, [column('versi')]: current.versi + 1 })
  );
  await strapi.db.lifecycles.run('afterUpdateMany', uid as never, { params: { where, data }, result: { count } }, states);
  return count === 1;
};

/**
 * The attribute rules a row written by {@link insertRow} would have met in the document service's
 * validation, for the values a caller puts in it: a string or text no longer than its `maxLength`,
 * an enumeration one of its values, a required attribute present. Throws ValidationError (400,
 * `details.field`) naming the first value that breaks one.
 */
export const requireAttributeRules = (strapi: Core.Strapi, uid: string, data: Record<string, unknown>): void => {
  const attributes =
    (strapi.contentType(uid as never) as { attributes?: Record<string, { type?: string; maxLength?: number; enum?: string[]; required?: boolean }> })
      ?.attributes ?? {};
  for (const [field, attribute] of Object.entries(attributes)) {
    const value = data[field];
    if (value === undefined || value === null) {
      if (attribute.required) throw new errors.ValidationError(`Kolom ${field} wajib diisi.`, { field });
      continue;
    }
    if (attribute.maxLength !== undefined && typeof value === 'string' && value.length > attribute.maxLength) {
      throw new errors.ValidationError(`Kolom ${field} paling banyak ${attribute.maxLength} karakter.`, { field });
    }
    if (attribute.type === 'enumeration' && !(attribute.enum ?? []).includes(String(value))) {
      throw new errors.ValidationError(`Nilai kolom ${field} tidak dikenal.`, { field });
    }
  }
};

/**
 * Links row `id` of `uid` to row `targetId` through relation `field` (a one-to-one or
 * many-to-one owned by `uid`: its join table holds one row per link, without order columns) —
 * one insert, as the document service's create would write it, for a row made by
 * {@link insertRow}. The caller guarantees the link is new (the document service first deletes
 * any other link of the target, which a record claimed at its version cannot have).
 * Throws ApplicationError for a relation with order columns or without a join table.
 */
export const linkRow = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  field: string,
  id: number,
  targetId: number
): Promise<void> => {
  const joinTable = (strapi.db.metadata.get(uid) as RowMeta).attributes[field]?.joinTable;
  if (!joinTable || joinTable.orderColumnName || joinTable.inverseOrderColumnName) {
    throw new errors.ApplicationError(`Relasi ${uid}.${field} tidak dapat ditulis langsung.`);
  }
  await trx(joinTable.name).insert({ [joinTable.joinColumn.name]: id, [joinTable.inverseJoinColumn.name]: targetId });
};

/**
 * Announces, once the current transaction commits, the creation of a row written by
 * {@link insertRow} (or a statement of its own) as the document service would (`entry.create`, for
 * webhooks), `entry` without the content type's private attributes. Runs on the next turn of the
 * event loop after the commit — never for a transaction that rolls back; a failure is logged, never
 * thrown. Outside a transaction (an autocommitted statement, already committed) it is announced
 * at once, without opening one.
 */
export const announceCreated = async (strapi: Core.Strapi, uid: string, entry: Record<string, unknown>): Promise<void> => {
  const model = strapi.getModel(uid as never) as { modelName: string; attributes: Record<string, { private?: boolean }> };
  const terbuka = Object.fromEntries(Object.entries(entry).filter(([field]) => model.attributes[field]?.private !== true));
  const announce = () =>
    setImmediate(() => {
      strapi.eventHub
        .emit('entry.create', { model: model.modelName, uid, entry: terbuka })
        .catch((error: unknown) => strapi.log.error(`[sop] peristiwa entry.create untuk ${uid} #${String(entry.id)} gagal: ${String(error)}`));
    });
  if (!strapi.db.inTransaction()) return void announce();
  // nested in the caller's transaction: the callback runs when that one commits
  await strapi.db.transaction(async ({ onCommit }) => onCommit(announce));
};

const isPostgres = (strapi: Core.Strapi): boolean => strapi.db.dialect.client === 'postgres';

type Column = { columnName?: string };

/**
 * The agenda number drawn and written in ONE statement (PostgreSQL): a data-modifying CTE, the
 * counter upsert of `agendaNumberSql`, feeds the record's update, which formats the number in SQL
 * (`formatNumberSql`, equal to `formatNumber`) and sets `nomorAgenda`, `tahunAgenda`,
 * `urutAgenda`, `waktuAgenda` and `updatedAt` — so the counter row, locked from the draw to the
 * commit, never waits for Node between the draw and the write (the complaint ticket's technique,
 * src/api/pengaduan/lib/intake.ts `tulisTiket`). The update subscribers run as for an
 * `updateMany` by id: `beforeUpdateMany` before the draw (its data names the columns, the number
 * and its sequence still undefined), `afterUpdateMany` after it with the number, so a subscriber's
 * reads (ringkasan.ts: which copies repeat the number) do not lengthen the lock. Returns the number
 * written; throws when no row was written (the step then rolls back, and the number with it).
 */
export const drawAndWriteAgendaNumber = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  params: { uid: string; id: number; buku: string; pattern: string; moment: { tahun: number; bulan: number }; now: Date }
): Promise<string> => {
  const meta = strapi.db.metadata.get(params.uid) as { tableName: string; attributes: Record<string, Column> };
  const column = (name: string): string => {
    const columnName = meta.attributes[name]?.columnName;
    if (!columnName) throw new errors.ApplicationError(`Efek assignAgendaNumber memerlukan kolom "${name}" pada jenis konten ${params.uid}.`);
    return columnName;
  };
  // the update subscribers' reads (which copies repeat the number) go before the draw: after it
  // the counter row is locked, and only the commit should follow
  const where = { id: params.id };
  const drawn = { nomorAgenda: undefined, tahunAgenda: params.moment.tahun, urutAgenda: undefined, waktuAgenda: params.now };
  const states = await strapi.db.lifecycles.run('beforeUpdateMany', params.uid as never, { params: { where, data: drawn } });
  const draw = agendaNumberSql(params.buku, params.moment.tahun);
  const nomorAgenda = formatNumberSql(params.pattern, params.moment, 'nomor.terakhir');
  const result = (await trx.raw(
    `with nomor as (${draw.sql})
     update ?? set ?? = ${nomorAgenda.sql}, ?? = ?, ?? = nomor.terakhir, ?? = ?, ?? = ? from nomor where ??.id = ? returning ?? as nomor, nomor.terakhir as urut`,
    [
      ...draw.bindings,
      meta.tableName,
      column('nomorAgenda'),
      ...nomorAgenda.bindings,
      column('tahunAgenda'),
      params.moment.tahun,
      column('urutAgenda'),
      column('waktuAgenda'),
      params.now,
      column('updatedAt'),
      new Date(),
      meta.tableName,
      params.id,
      column('nomorAgenda'),
    ]
  )) as { rows: { nomor: string; urut: number }[] };
  const nomor = result.rows[0]?.nomor;
  if (result.rows.length !== 1 || typeof nomor !== 'string') throw new errors.ApplicationError('Naskah gagal diberi nomor agenda.');
  // the database's update subscribers hear it as an updateMany by id (e.g. the copies' summary of the number, src/sop-defs/distribusi/ringkasan.ts)
  const data = { ...drawn, nomorAgenda: nomor, urutAgenda: Number(result.rows[0].urut) };
  await strapi.db.lifecycles.run('afterUpdateMany', params.uid as never, { params: { where, data }, result: { count: 1 } }, states);
  return nomor;
};

/** The effects the engine carries out for every SOP; an SOP's own handlers come with its registration. */
export const ENGINE_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /**
   * `{ buku }`: the next number of that agenda book for the year of the step (the office's
   * local date), formatted with the book's own pattern (`agendaFormatPerBuku`) or else the plugin's `agendaFormat`, with its year, sequence and moment
   * (columns nomorAgenda, tahunAgenda, urutAgenda, waktuAgenda). A record sent back and registered
   * again keeps its number. Drawn at the end of the step's transaction (atEnd): the counter row
   * stays locked from the draw to the commit, and every other request for the same book waits on it.
   */
  async assignAgendaNumber(effect, { strapi, trx, uid, record, now, atEnd }) {
    if (record.nomorAgenda) return;
    const buku = String(effect.buku);
    const moment = numberMoment((await sopRegistryOf(strapi).calendar(strapi)).localDate(now));
    const perBuku = (strapi.plugin('sop').config('agendaFormatPerBuku') ?? {}) as Readonly<Record<string, string>>;
    const pattern = perBuku[buku] ?? String(strapi.plugin('sop').config('agendaFormat'));
    atEnd(async () => {
      if (isPostgres(strapi)) {
        record.nomorAgenda = await drawAndWriteAgendaNumber(strapi, trx, { uid, id: record.id, buku, pattern, moment, now });
        return;
      }
      // SQLite (one writer at a time): draw, then write
      const nomor = await nextAgendaNumber(trx, buku, moment.tahun);
      const nomorAgenda = formatNumber(pattern, { nomor, ...moment });
      await writeRecord(strapi, uid, record.id, { nomorAgenda, tahunAgenda: moment.tahun, urutAgenda: nomor, waktuAgenda: now.toISOString() });
      record.nomorAgenda = nomorAgenda;
    });
  },

  /**
   * `{ kolom }`: the acting person's paraf on the record itself — `{ userId, nama, peran, waktu }`
   * (ISO 8601) written into that JSON field. Who may give it, and that three paraf come from
   * three people, are the definition's guards (`notTheSamePerson` over the facts its loader reads).
   */
  async signRecord(effect, { strapi, uid, record, actor, now }) {
    // a definition version must not turn a paraf into a write of the record's own data (nomorAgenda, perihal…)
    if (!isParafColumn(strapi, uid, String(effect.kolom))) {
      throw new errors.ApplicationError(`Efek signRecord: "${String(effect.kolom)}" bukan kolom paraf (JSON) pada ${uid}.`);
    }
    await writeRecord(strapi, uid, record.id, { [String(effect.kolom)]: parafOf(actor, now) });
  },

  /**
   * `{ [peran]: id }`: the active user of that role takes the record — the Sandiman who
   * describes a kriptogram, the Caraka of a failed copy (columns `<peran>Id`, `<peran>Nama`).
   * Refused 400 when the id is not an active holder of the role.
   */
  async assignUser(effect, { strapi, uid, record }) {
    const { peran, user } = await assignedUserOf(strapi, effect);
    await writeRecord(strapi, uid, record.id, { [`${peran}Id`]: user.id, [`${peran}Nama`]: user.name });
  },

  /**
   * `{ menitKerja }`: the record's `tenggat` becomes the step's moment plus that many working
   * minutes on the office's service calendar (published hours, holidays skipped).
   */
  async tetapkanTenggat(effect, { strapi, uid, record, now }) {
    const menit = Number(effect.menitKerja);
    const tenggat = (await sopRegistryOf(strapi).calendar(strapi)).addWorkingMinutes(now, menit).toISOString();
    await writeRecord(strapi, uid, record.id, { tenggat });
    record.tenggat = tenggat;
  },

  /**
   * `{}`: stamps `diarsipkanPada` with the step's moment. The record is then read-only: the
   * definition's archive state is final, and the gate refuses every edit in a final state.
   * Refused (ApplicationError) on a content type without that field.
   */
  async arsipkan(_effect, { strapi, uid, record, now }) {
    requireAttribute(strapi, uid, 'diarsipkanPada', 'arsipkan');
    await writeRecord(strapi, uid, record.id, { diarsipkanPada: now.toISOString() });
  },
};

/** Refuses (ApplicationError) an effect on a content type that lacks the field it writes: a definition bound to the wrong type. */
export const requireAttribute = (strapi: Core.Strapi, uid: string, field: string, effect: string): void => {
  const attributes = (strapi.contentType(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {};
  if (!(field in attributes)) throw new errors.ApplicationError(`Efek ${effect} memerlukan kolom "${field}" pada jenis konten ${uid}.`);
};
