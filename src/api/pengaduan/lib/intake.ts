import { createHash } from 'crypto';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { env, errors } from '@strapi/utils';
import { BATAS_KOREKSI, inputDigest, instantOf, waktuDiterimaProblem, type AuditEntry } from '../../../plugins/sop/server/src/engine/index';
import { localDate } from '../../../domain/calendar';
import { applyTextPolicy } from '../../../domain/input';
import { inputRefused } from '../../../input/document-policy';
import {
  awalanNomorTiket,
  BUKU_PENGADUAN,
  formatNomorTiket,
  NOMOR_TIKET_DIGIT,
  hitungTenggat,
  SALURAN,
  SALURAN_LABEL,
  SLUG,
  validatePetugas,
  type Masalah,
  type PengaduanPublik,
  type Saluran,
} from '../../../domain/pengaduan';
import {
  loadActor,
  awalAlur,
  currentTransition,
  appendAudit,
  firstAuditCtes,
  firstAuditRowsCtes,
  insertRow,
  columnOf,
  announceCreated,
  agendaNumberSql,
  agendaNumbersSql,
  nextAgendaNumber,
  now as clockNow,
  HttpStatusError,
} from '../../../plugins/sop/server/src/index';
import { loadHolidays, loadSchedule } from '../../standar-pelayanan/service-calendar';
import { generateKodeLacak, hashKodeLacak } from './kode-lacak';
import { createDocumentId } from './acak';
import { buatAntrean, type AlasanTolak, type Antrean, type Butir } from './antrean';
import {
  bersihkan,
  IDEMPOTENSI_TABLE,
  klaim,
  kodeLacakTurunan,
  simpanan,
  tetapkanTiket,
  ulangan,
  type Kunci,
  type KunciTersimpan,
} from './idempotensi';
import { pengaduanSettings } from './settings';
import { runAutocommitted } from '../../../database-guard/autocommit';
import { kabariPetugas, kirimTandaTerima, logMailFailure, UID_PENGADUAN } from './surat';

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown>; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

const UID_STANDAR = 'api::standar-pelayanan.standar-pelayanan';

const hasContentType = (strapi: Core.Strapi, uid: string): boolean => Boolean((strapi.contentTypes as unknown as Record<string, unknown>)[uid]);

/** A layanan slug names a published standar pelayanan (or, before that content type exists, merely looks like a slug). */
export const layananDikenal = async (strapi: Core.Strapi, slug: string): Promise<boolean> => {
  if (!SLUG.test(slug)) return false;
  if (!hasContentType(strapi, UID_STANDAR)) return true;
  const row = await strapi.db.query(UID_STANDAR as never).findOne({ where: { slug, publishedAt: { $notNull: true } }, select: ['id'] });
  return Boolean(row);
};

export type LayananPilihan = { slug: string; nama: string };

/** Published standards, for the form's select. */
export const daftarLayanan = async (strapi: Core.Strapi): Promise<LayananPilihan[]> => {
  if (!hasContentType(strapi, UID_STANDAR)) return [];
  const rows = (await strapi.db.query(UID_STANDAR as never).findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['slug', 'nama'],
    orderBy: { nama: 'asc' },
  })) as { slug: string; nama: string }[];
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.slug) && seen.add(row.slug));
};

const invalid = (masalah: Masalah[]): never => {
  throw new errors.ValidationError(`Pengaduan tidak dapat disimpan: ${masalah.map((m) => m.message).join('; ')}.`, {
    errors: masalah.map((m) => ({ path: m.path, message: m.message, name: 'ValidationError' })),
  });
};

const LAYANAN_TIDAK_DIKENAL: Masalah = {
  path: ['layanan'],
  message: 'Layanan tidak dikenal: pilih salah satu standar pelayanan yang dipublikasikan',
};

/** Staff input from the content manager: same field rules as the public form, contact optional. */
const screenStaffInput = async (strapi: Core.Strapi, data: Record<string, unknown>, current: Record<string, unknown> | null) => {
  const checked = validatePetugas(data);
  if (!checked.ok) invalid(checked.masalah);
  else {
    for (const [key, value] of Object.entries(checked.data)) if (value !== undefined) data[key] = value;
  }
  if (typeof data.layanan === 'string' && data.layanan !== '' && data.layanan !== current?.layanan && !(await layananDikenal(strapi, data.layanan))) {
    invalid([LAYANAN_TIDAK_DIKENAL]);
  }
  if ('saluran' in data && data.saluran !== current?.saluran) {
    if (data.saluran === 'web') invalid([{ path: ['saluran'], message: 'Saluran "web" hanya untuk pengaduan yang dikirim sendiri oleh pelapor' }]);
    if (current?.saluran === 'web') invalid([{ path: ['saluran'], message: 'Saluran pengaduan dari formulir web tidak dapat diubah' }]);
  }
};

const readWaktuDiterima = (value: unknown, now: Date): Date => {
  if (value === undefined || value === null || value === '') return now;
  const waktu = instantOf(value);
  if (!waktu) return invalid([{ path: ['waktuDiterima'], message: 'Waktu diterima tidak sah' }]);
  const problem = waktuDiterimaProblem(waktu.getTime(), now, BATAS_KOREKSI);
  if (problem) invalid([{ path: ['waktuDiterima'], message: problem }]);
  return waktu;
};

type Pencatat = { aktorId: number | null; aktorNama: string; aktorPeran: string };

const pencatat = async (strapi: Core.Strapi, publik: boolean): Promise<Pencatat> => {
  if (publik) return { aktorId: null, aktorNama: 'Pelapor', aktorPeran: 'Masyarakat (formulir web / API)' };
  const user = (strapi.requestContext.get()?.state as { user?: { id?: unknown } } | undefined)?.user;
  const actor = typeof user?.id === 'number' ? await loadActor(strapi, user.id) : null;
  return actor ? { aktorId: actor.id, aktorNama: actor.name, aktorPeran: actor.peran } : { aktorId: null, aktorNama: 'Sistem', aktorPeran: '-' };
};

type Tenggat = ReturnType<typeof hitungTenggat>;

/** What a new complaint's transaction records after its row is inserted, whichever door it came through. */
type Pencatatan = {
  id: number;
  documentId: string;
  saluran: Saluran;
  publik: boolean;
  kunci?: KunciTersimpan;
  now: Date;
  diterima: Date;
  tenggat: Tenggat;
  aktor: Pencatat;
  awal: string;
  nama: string;
  kontak: string | null;
};

type OnCommit = (callback: () => void | Promise<void>) => void;

/** A new complaint's first audit row (from no state to the workflow's initial one), whichever door it came through. */
const auditPertama = (p: Omit<Pencatatan, 'id'>): Omit<AuditEntry, 'urutan'> => ({
  model: 'pengaduan',
  documentId: p.documentId,
  dari: null,
  ke: p.awal,
  ...p.aktor,
  waktu: p.now.toISOString(),
  catatan: p.publik ? null : `Dicatat petugas dari saluran ${SALURAN_LABEL[p.saluran]}.`,
  digest: inputDigest({ saluran: p.saluran }),
});

/**
 * The rest of a new complaint's transaction, after its row: the first audit row, then —
 * last, because the counter row stays locked until commit — the ticket, drawn and written in
 * one statement (`tulisTiket`); the e-mails once it commits. The tracking code and its hash are
 * bound to the documentId, so they are ready before the draw. Returns the ticket and the
 * tracking code (shown once).
 */
const nomoriDanCatat = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  onCommit: OnCommit,
  p: Pencatatan
): Promise<{ nomorTiket: string; kodeLacak: string }> => {
  const settings = pengaduanSettings(strapi);
  // the row was inserted just now in this transaction: its stream starts here
  await appendAudit(trx, auditPertama(p), { baru: true });
  const kodeLacak = p.kunci ? kodeLacakTurunan(settings, p.kunci.id, p.documentId) : generateKodeLacak();
  const nomorTiket = await tulisTiket(strapi, trx, {
    id: p.id,
    tahun: Number(localDate(p.now).slice(0, 4)),
    kodeLacakHash: hashKodeLacak(settings, p.documentId, kodeLacak),
    kunci: p.kunci,
  });
  onCommit(() => setelahTercatat(strapi, { ...p, nomorTiket, kodeLacak }));
  return { nomorTiket, kodeLacak };
};

/** How often a process purges expired idempotency keys (one DELETE; it ran after every keyed filing before). */
const BERSIHKAN_SETIAP_MS = 60_000;
const terakhirDibersihkan = new WeakMap<Core.Strapi, number>();

/**
 * The work after a new complaint committed — the receipt to the complainant, the notice to the
 * Petugas (public complaints), the purge of expired idempotency keys (keyed filings, at most once
 * a minute per process) — started on the next turn of the event loop, so the request's answer
 * does not wait for it (issue 14). Every failure is logged, none is thrown.
 */
const setelahTercatat = (
  strapi: Core.Strapi,
  p: Pick<Pencatatan, 'kunci' | 'now' | 'nama' | 'kontak' | 'diterima' | 'tenggat' | 'publik' | 'documentId'> & {
    nomorTiket: string;
    kodeLacak: string;
  }
): void => {
  setImmediate(() => {
    const { nomorTiket } = p;
    if (p.kunci && Date.now() - (terakhirDibersihkan.get(strapi) ?? 0) >= BERSIHKAN_SETIAP_MS) {
      terakhirDibersihkan.set(strapi, Date.now());
      bersihkan(strapi, p.now).catch((error: unknown) => strapi.log.warn(`[pengaduan] kunci lama tidak terhapus: ${String(error)}`));
    }
    kirimTandaTerima(strapi, { nomorTiket, kodeLacak: p.kodeLacak, nama: p.nama, kontak: p.kontak, diterima: p.diterima, ...p.tenggat }).catch(
      logMailFailure(strapi, nomorTiket)
    );
    if (p.publik) {
      kabariPetugas(strapi, p.documentId, nomorTiket, p.tenggat.tenggatPengakuan).catch((error: unknown) =>
        strapi.log.error(`[pengaduan] pemberitahuan ke petugas untuk ${nomorTiket} gagal: ${error instanceof Error ? error.message : String(error)}`)
      );
    }
  });
};

type Tiket = { id: number; tahun: number; kodeLacakHash: string; kunci?: KunciTersimpan };

/**
 * formatNomorTiket in SQL: `awalan` (an SQL text expression: a bound `?` or a column) followed by
 * the number `angka` (an SQL integer expression made by the server, never client input)
 * zero-padded to NOMOR_TIKET_DIGIT and never cut. The one place the ticket's format is written in
 * SQL (the single complaint's `tiket` CTE and the group commit's rows).
 */
const nomorTiketSql = (awalan: string, angka: string): string =>
  `${awalan} || lpad((${angka})::text, greatest(${NOMOR_TIKET_DIGIT}, length((${angka})::text)), '0')`;

/**
 * The ticket drawn and formatted in SQL, as two PostgreSQL CTEs to put after `with`: `nomor`
 * (the agenda counter upsert of book `pengaduan` for `tahun`, agendaNumberSql: locked until
 * commit, gap-free) and `tiket` (one row, `nomor` = formatNomorTiket of it: the prefix, then the
 * number zero-padded to NOMOR_TIKET_DIGIT, never cut). Bound values only.
 */
const tiketCtes = (tahun: number): { sql: string; bindings: Knex.Value[] } => {
  const draw = agendaNumberSql(BUKU_PENGADUAN, tahun);
  return {
    sql: `nomor as (${draw.sql}), tiket as (select ${nomorTiketSql('?', 'terakhir')} as nomor from nomor)`,
    bindings: [...draw.bindings, awalanNomorTiket(tahun)],
  };
};

/**
 * Draws the complaint's ticket from the `pengaduan` agenda book and writes it (with the
 * tracking code's hash, and into the idempotency key's row) — the last statement of the
 * transaction, because from the draw to the commit the counter row is locked and every other
 * complaint waits (issue 14). On PostgreSQL it is ONE statement: the counter upsert feeds the
 * updates through CTEs (tiketCtes). SQLite has one writer at a time anyway: there it is three
 * short statements. Gap-free: a transaction that rolls back gives its number back. Used by
 * staff-recorded complaints (nested in the document service's transaction) and by public ones
 * on SQLite; a public complaint on PostgreSQL is one statement of its own (simpanSatuPernyataan).
 * Returns the ticket (`ADU-YYYY-NNNNNN`).
 */
const tulisTiket = async (strapi: Core.Strapi, trx: Knex.Transaction, t: Tiket): Promise<string> => {
  const meta = strapi.db.metadata.get(UID_PENGADUAN) as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const kolomNomor = meta.attributes.nomorTiket?.columnName ?? 'nomor_tiket';
  const kolomHash = meta.attributes.kodeLacakHash?.columnName ?? 'kode_lacak_hash';
  if (strapi.db.dialect.client !== 'postgres') {
    const nomorTiket = formatNomorTiket(t.tahun, await nextAgendaNumber(trx, BUKU_PENGADUAN, t.tahun));
    if (t.kunci) await tetapkanTiket(trx, t.kunci, nomorTiket);
    await trx(meta.tableName)
      .where({ id: t.id })
      .update({ [kolomNomor]: nomorTiket, [kolomHash]: t.kodeLacakHash });
    return nomorTiket;
  }
  const tiket = tiketCtes(t.tahun);
  const kunci = t.kunci ? `, kunci as (update ?? set nomor_tiket = tiket.nomor from tiket where ??.kunci = ? returning 1)` : '';
  const result = (await trx.raw(
    `with ${tiket.sql}${kunci}
     update ?? set ?? = tiket.nomor, ?? = ? from tiket where ??.id = ? returning tiket.nomor`,
    [
      ...tiket.bindings,
      ...(t.kunci ? [IDEMPOTENSI_TABLE, IDEMPOTENSI_TABLE, t.kunci.id] : []),
      meta.tableName,
      kolomNomor,
      kolomHash,
      t.kodeLacakHash,
      meta.tableName,
      t.id,
    ]
  )) as { rows: { nomor: string }[] };
  const nomorTiket = result?.rows[0]?.nomor;
  if (result?.rows.length !== 1 || typeof nomorTiket !== 'string') throw new errors.ApplicationError('Pengaduan gagal diberi nomor tiket.');
  return nomorTiket;
};

const tenggatOf = async (strapi: Core.Strapi, diterima: Date): Promise<Tenggat> =>
  hitungTenggat(diterima, pengaduanSettings(strapi).timers, await loadSchedule(strapi), await loadHolidays(strapi));

/** The workflow fields a new complaint starts with. */
export type AlurAwal = { tahap: string; versi: number; alurVersi: number };

/**
 * THE place where a new complaint's workflow fields are set on both intake doors — the
 * direct insert of public complaints (`simpanPublik`, which skips the SOP gate) and the staff
 * create (after the gate): the same values the gate sets on a create (src/plugins/sop/server/
 * src/middlewares/gate.ts): `tahap` = the active workflow's initial state, `versi` = 0, `alurVersi` = the
 * active version (the plugin's awalAlur). A workflow
 * field the gate starts setting on create (e.g. the active workflow version) must be added here
 * too, or public complaints will lack it (tests/public/pengaduan-langsung.test.ts compares them).
 * Throws when the complaint SOP is not registered.
 */
export const alurAwal = async (strapi: Core.Strapi): Promise<AlurAwal> => {
  const { definition, alurVersi } = await awalAlur(strapi, 'pengaduan');
  return { tahap: definition.initial, versi: 0, alurVersi };
};

/** A complaint recorded by staff through the document service (content manager, `strapi.documents`). */
const create = async (strapi: Core.Strapi, context: DocumentContext, next: Next): Promise<unknown> => {
  const data = (context.params.data ?? {}) as Record<string, unknown>;
  const now = clockNow();
  if (!SALURAN.includes(data.saluran as Saluran) || data.saluran === 'web') {
    invalid([{ path: ['saluran'], message: 'Pilih saluran pengaduan: telepon, e-mail, atau langsung' }]);
  }
  await screenStaffInput(strapi, data, null);
  const diterima = readWaktuDiterima(data.waktuDiterima, now);
  const tenggat = await tenggatOf(strapi, diterima);
  const aktor = await pencatat(strapi, false);
  const alur = await alurAwal(strapi);

  return strapi.db.transaction(async ({ trx, onCommit }) => {
    context.params.data = {
      ...data,
      waktuDiterima: diterima.toISOString(),
      ...alur,
      tenggatPengakuan: tenggat.tenggatPengakuan.toISOString(),
      tenggatRespons: tenggat.tenggatRespons.toISOString(),
      tenggatPenyelesaian: tenggat.tenggatPenyelesaian.toISOString(),
      tenggat: tenggat.tenggatPengakuan.toISOString(),
    };
    const created = (await next()) as { id?: number; documentId?: string; nomorTiket?: string | null } | null;
    if (!created?.documentId || typeof created.id !== 'number') throw new errors.ApplicationError('Pengaduan gagal disimpan.');
    const { nomorTiket } = await nomoriDanCatat(strapi, trx, onCommit, {
      id: created.id,
      documentId: created.documentId,
      saluran: context.params.data.saluran as Saluran,
      publik: false,
      now,
      diterima,
      tenggat,
      aktor,
      awal: alur.tahap,
      nama: String(data.nama ?? ''),
      kontak: typeof data.kontak === 'string' ? data.kontak : null,
    });
    created.nomorTiket = nomorTiket;
    return created;
  });
};

const update = async (strapi: Core.Strapi, context: DocumentContext, next: Next): Promise<unknown> => {
  const documentId = context.params.documentId;
  const data = context.params.data;
  if (!documentId || !data) return next();
  const current = (await strapi.db.query(UID_PENGADUAN).findOne({ where: { documentId } })) as Record<string, unknown> | null;
  if (!current) return next();
  await screenStaffInput(strapi, data, current);
  if ('waktuDiterima' in data) {
    const incoming = data.waktuDiterima;
    const same =
      incoming === null ||
      incoming === undefined ||
      incoming === '' ||
      (instantOf(incoming) ?? Number.NaN).valueOf() === (instantOf(current.waktuDiterima) ?? Number.NaN).valueOf();
    if (!same) {
      throw new errors.ForbiddenError('Waktu diterima tidak dapat diubah setelah pengaduan dicatat: tenggatnya dihitung dari waktu itu.', {
        fields: ['waktuDiterima'],
      });
    }
    delete data.waktuDiterima;
  }
  return next();
};

/**
 * Document-service middleware for complaints, registered after the SOP gate (which
 * has already refused client-set server fields): numbers the ticket from the
 * `pengaduan` agenda book, stores only the tracking code's hash, sets the deadlines,
 * and writes the first audit row — all in the transaction of the insert.
 */
export const createPengaduanMiddleware = (strapi: Core.Strapi) =>
  async function pengaduanIntake(context: DocumentContext, next: Next): Promise<unknown> {
    if (context.uid !== UID_PENGADUAN || currentTransition()) return next();
    if (context.action === 'create') return create(strapi, context, next);
    if (context.action === 'update') return update(strapi, context, next);
    if (context.action === 'clone') throw new errors.ForbiddenError('Pengaduan tidak dapat digandakan.');
    return next();
  };

/** The answer to a public filing. */
export type HasilPengaduan = {
  nomorTiket: string;
  /** the tracking code; null for a form key that expired or a code staff replaced since (the ticket is still shown) */
  kodeLacak: string | null;
  /** false when the key had already filed this complaint (the answer is repeated) */
  baru: boolean;
  /** false when the key had filed a different complaint (nothing new was filed) */
  samaIsi: boolean;
};

/**
 * Files a complaint from the public (form or REST) and returns its ticket and tracking code.
 * With a key (the form token, or the API's `Idempotency-Key`) a repeated or concurrent
 * request gets the answer of the complaint the key already filed (see ./idempotensi.ts).
 * Throws `errors.ValidationError` for an unknown layanan.
 */
export const terimaPengaduan = async (strapi: Core.Strapi, input: PengaduanPublik, kunciKlien?: Kunci): Promise<HasilPengaduan> => {
  const settings = pengaduanSettings(strapi);
  const kunci = kunciKlien ? simpanan(settings, kunciKlien, input) : undefined;
  const lupakanKedaluwarsa = kunciKlien?.jenis === 'api';
  if (kunci) {
    const lalu = await ulangan(strapi, settings, kunci, clockNow(), lupakanKedaluwarsa);
    if (lalu) return { ...lalu, baru: false };
  }
  if (input.layanan !== undefined && !(await layananDikenal(strapi, input.layanan))) invalid([LAYANAN_TIDAK_DIKENAL]);
  try {
    const { nomorTiket, kodeLacak } = await simpanPublik(strapi, input, kunci);
    return { nomorTiket, kodeLacak, baru: true, samaIsi: true };
  } catch (error: unknown) {
    // A concurrent request with the same key committed first: answer as it did.
    const lalu = kunci ? await ulangan(strapi, settings, kunci, clockNow(), lupakanKedaluwarsa) : null;
    if (!lalu) throw error;
    strapi.log.info(`[pengaduan] kiriman bersamaan dengan kunci yang sama dijawab dengan tiket ${lalu.nomorTiket}.`);
    return { ...lalu, baru: false };
  }
};

/**
 * Files a public complaint straight into its table (issue 14): the input was checked by
 * validateEnvelope (zod) and every other field is the server's own, so the document
 * service's generic work — its yup validation, the SOP gate's screens of client-set
 * fields, a re-read of the row and the populated re-read for the `entry.create` event —
 * would only spend CPU (it was ≈ ¾ of a complaint's). The text policy still applies, the
 * row, audit row and ticket are one transaction as before, and `entry.create` is still
 * emitted after commit (without private attributes, as the document service sanitises it),
 * so webhooks see complaints.
 */
const simpanPublik = async (strapi: Core.Strapi, input: PengaduanPublik, kunci: KunciTersimpan | undefined) => {
  const now = clockNow();
  const tenggat = await tenggatOf(strapi, now);
  const aktor = await pencatat(strapi, true);
  const alur = await alurAwal(strapi);
  const policed = applyTextPolicy({ nama: input.nama, kontak: input.kontak ?? null, isi: input.isi, layanan: input.layanan ?? null });
  if (policed.problems.length > 0) throw inputRefused(policed.problems);
  const teks = policed.value as { nama: string; kontak: string | null; isi: string; layanan: string | null };
  // Every column named here: the client's four fields (checked, policed), the rest the server's own.
  // nomorTiket and kodeLacakHash are written by tulisTiket; tanggapan, createdBy, updatedBy stay empty.
  const entry = {
    // Strapi's shape, from the CSPRNG without cuid2's SHA3 (./acak.ts)
    documentId: createDocumentId(),
    nama: teks.nama,
    kontak: teks.kontak,
    isi: teks.isi,
    layanan: teks.layanan,
    saluran: 'web' as const,
    waktuDiterima: now,
    ...alur,
    tenggat: tenggat.tenggatPengakuan,
    tenggatPengakuan: tenggat.tenggatPengakuan,
    tenggatRespons: tenggat.tenggatRespons,
    tenggatPenyelesaian: tenggat.tenggatPenyelesaian,
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
  };
  const catat = {
    documentId: entry.documentId,
    saluran: 'web' as const,
    publik: true,
    kunci,
    now,
    diterima: now,
    tenggat,
    aktor,
    awal: alur.tahap,
    nama: teks.nama,
    kontak: teks.kontak,
  };
  let tercatat: { id: number; nomorTiket: string; kodeLacak: string };
  if (strapi.db.dialect.client === 'postgres') {
    if (strapi.db.inTransaction()) {
      // nested in a caller's transaction (server code): the same statement, its after-work on that commit
      tercatat = await strapi.db.transaction(async ({ trx, onCommit }) => {
        const hasil = await simpanSatuPernyataan(strapi, trx, entry, catat);
        onCommit(() => setelahTercatat(strapi, { ...catat, ...hasil }));
        return hasil;
      });
    } else {
      // autocommitted: committed (or failed whole, its number given back) when the statement returns;
      // a keyed filing alone, the others together with whatever arrived while one was in flight
      tercatat = kunci ? await simpanSatuPernyataan(strapi, strapi.db.connection, entry, catat) : await simpanBersama(strapi, entry, catat);
      setelahTercatat(strapi, { ...catat, ...tercatat });
    }
  } else {
    tercatat = await strapi.db.transaction(async ({ trx, onCommit }) => {
      // First, so that a concurrent request with the same key waits here for this one to end.
      if (kunci) await klaim(trx, kunci, now);
      const id = await insertRow(strapi, trx, UID_PENGADUAN, entry);
      return { id, ...(await nomoriDanCatat(strapi, trx, onCommit, { id, ...catat })) };
    });
  }
  const { id, nomorTiket, kodeLacak } = tercatat;
  // as the document service's own event, after the commit (a caller's, when nested in its
  // transaction): without private attributes (`versi`; kodeLacakHash is not in `entry`)
  await announceCreated(strapi, UID_PENGADUAN, { id, ...entry, nomorTiket });
  return { nomorTiket, kodeLacak };
};

/** A public complaint as simpanPublik hands it to the statement that writes it. */
type EntriPublik = Record<string, unknown> & { documentId: string; waktuDiterima: Date };

/** What writing a complaint returns: its row id, its ticket, and its tracking code (shown once). */
type Tercatat = { id: number; nomorTiket: string; kodeLacak: string };

/** An unkeyed public complaint waiting for the statement that will write it (group commit). */
type Menunggu = { entry: EntriPublik; catat: Omit<Pencatatan, 'id'>; tahun: number };

/** At most this many complaints share one statement (≈ 40 bound values each, far below PostgreSQL's 65,535). */
export const KELOMPOK_MAKS = 32;
/** Statements of grouped complaints in flight per process: one stuck connection stalls only its own group. */
const PENULIS_MAKS = 2;
/**
 * The second statement starts only once the one in flight has taken this long (ms): a group
 * statement takes a few ms, so under load one writer takes everything that waits and the groups
 * stay large. Two writers at once halved the groups of two processes sharing the load, and each
 * group costs its statement, connection and commit (session 14: 0.54 → 0.47 ms of server CPU per
 * complaint with two processes, one process unchanged).
 */
const PENULIS_LAMBAT_MS = 100;
/** Complaints waiting per process at most; one more is answered 503 at once. */
const TUNGGU_MAKS = 2048;

const antreanOf = new WeakMap<Core.Strapi, Antrean<Menunggu, Tercatat>>();

const sibuk = (alasan: AlasanTolak): Error =>
  new HttpStatusError(
    503,
    'ServiceUnavailableError',
    alasan === 'ditutup'
      ? 'Server sedang berhenti; kirim ulang pengaduan sebentar lagi.'
      : 'Layanan pengaduan sedang sibuk; kirim ulang pengaduan sebentar lagi.'
  );

const tungguKoneksiMs = (strapi: Core.Strapi): number =>
  Math.max(1, Number(strapi.config.get('database.connection.acquireConnectionTimeout', 10000)) || 10000);

const antreanPengaduan = (strapi: Core.Strapi): Antrean<Menunggu, Tercatat> => {
  let antrean = antreanOf.get(strapi);
  if (!antrean) {
    antrean = buatAntrean<Menunggu, Tercatat>(
      {
        kelompokMaks: KELOMPOK_MAKS,
        penulisMaks: PENULIS_MAKS,
        lambatMs: PENULIS_LAMBAT_MS,
        tungguMaks: TUNGGU_MAKS,
        // as long as a request may wait for a pool connection (DATABASE_CONNECTION_TIMEOUT)
        tungguMs: tungguKoneksiMs(strapi),
        // a group's statement may wait for a connection, then run up to DATABASE_STATEMENT_TIMEOUT
        tulisMs: tungguKoneksiMs(strapi) + env.int('DATABASE_STATEMENT_TIMEOUT', 30000) + 5000,
      },
      (kelompok) => tulisKelompok(strapi, kelompok),
      sibuk
    );
    antreanOf.set(strapi, antrean);
  }
  return antrean;
};

/**
 * Writes an unkeyed public complaint on PostgreSQL by group commit (issue 14): while a statement
 * of this process is in flight (a second one only when the first is slow, PENULIS_LAMBAT_MS;
 * at most PENULIS_MAKS), the complaints that arrive wait
 * (./antrean.ts), and the next free statement writes all of them (up to KELOMPOK_MAKS, one year's
 * book at a time) — their tickets drawn by one counter upsert, consecutive in the order they
 * arrived, each with its own row, tracking code and first audit row and stream head, all committed
 * by that one statement. A complaint alone is written at once by simpanSatuPernyataan, so a quiet
 * server answers as before; under load the counter row is locked, and the commit flushed, once per
 * group instead of once per complaint. A group PostgreSQL refuses wrote nothing and consumed no
 * number: each of its complaints is then written again on its own, in order, so one bad complaint
 * fails alone (ditolakBasisData). Any other error (connection lost, cancelled at shutdown) is every
 * member's answer, as it would have been each one's. A complaint not taken into a statement within
 * the pool's acquire timeout, or beyond TUNGGU_MAKS waiting, or once the server stops
 * (tutupAntreanPengaduan), is refused with a 503 and nothing of it is written. Resolves with the
 * complaint's row id, ticket and tracking code.
 */
const simpanBersama = (strapi: Core.Strapi, entry: EntriPublik, catat: Omit<Pencatatan, 'id'>): Promise<Tercatat> => {
  const tahun = Number(localDate(catat.now).slice(0, 4));
  return antreanPengaduan(strapi).masuk({ entry, catat, tahun }, tahun);
};

/**
 * At shutdown (src/index.ts destroy, before the open transactions and statements are ended):
 * every complaint still waiting for a statement, and every later one, is answered 503; the
 * statements already sent end as the shutdown ends them.
 */
export const tutupAntreanPengaduan = (strapi: Core.Strapi): void => antreanOf.get(strapi)?.tutup();

/**
 * Whether PostgreSQL itself answered that the statement failed (an SQLSTATE), so its implicit
 * transaction rolled back and nothing was written — but not for a lost connection (class 08,
 * where a commit may have happened unseen) nor a cancel or shutdown (class 57, which every member
 * would meet again). Node's own errors (ECONNRESET, EPIPE, …) are not the server's answer.
 */
const ditolakBasisData = (error: unknown): boolean => {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  // node-pg sets `severity` only on an error message from the server; Node's EPIPE etc. have none
  return typeof severity === 'string' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
};

const tulisSendiri = async (strapi: Core.Strapi, butir: Butir<Menunggu, Tercatat>): Promise<void> => {
  try {
    butir.resolve(await simpanSatuPernyataan(strapi, strapi.db.connection, butir.nilai.entry, butir.nilai.catat));
  } catch (error: unknown) {
    butir.reject(error);
  }
};

/** Writes one group (see simpanBersama) and answers each member. Never throws. */
const tulisKelompok = async (strapi: Core.Strapi, kelompok: Butir<Menunggu, Tercatat>[]): Promise<void> => {
  const kolom = Object.keys(kelompok[0].nilai.entry).join('\u0000');
  if (kelompok.length === 1 || kelompok.some((butir) => Object.keys(butir.nilai.entry).join('\u0000') !== kolom)) {
    for (const butir of kelompok) await tulisSendiri(strapi, butir);
    return;
  }
  let hasil: Tercatat[];
  try {
    hasil = await simpanBanyakPernyataan(
      strapi,
      kelompok.map((butir) => butir.nilai)
    );
  } catch (error: unknown) {
    if (!ditolakBasisData(error)) {
      for (const butir of kelompok) butir.reject(error);
      return;
    }
    // knex's message is the statement's text, then " - " and PostgreSQL's own words: only those
    const alasan = String((error as Error).message)
      .split(' - ')
      .pop();
    strapi.log.warn(
      `[pengaduan] ${kelompok.length} pengaduan sekelompok ditolak basis data (${(error as { code: string }).code}: ${alasan}); masing-masing ditulis ulang sendiri.`
    );
    for (const butir of kelompok) await tulisSendiri(strapi, butir);
    return;
  }
  kelompok.forEach((butir, index) => butir.resolve(hasil[index]));
};

/**
 * A group of unkeyed public complaints of one year as ONE autocommitted PostgreSQL statement (see
 * simpanBersama): `nomor` draws `kelompok.length` numbers at once (agendaNumbersSql, the counter
 * row locked until the statement commits), `baris` inserts every complaint with its ticket — the
 * i-th of n gets `terakhir - (n - 1 - i)`, formatted as formatNomorTiket does, in SQL — and its
 * tracking code's hash, and the audit CTEs (firstAuditRowsCtes) select from `baris`, so every
 * complaint row is written before any audit id is drawn. Atomic like simpanSatuPernyataan: on any
 * error nothing is written and no number consumed. A named prepared statement per group size.
 * Returns each complaint's row id, ticket and tracking code, in the group's order. Throws the
 * database's error, or errors.ApplicationError when a complaint's row is missing from the answer.
 */
const simpanBanyakPernyataan = async (strapi: Core.Strapi, kelompok: readonly Menunggu[]): Promise<Tercatat[]> => {
  const settings = pengaduanSettings(strapi);
  const meta = strapi.db.metadata.get(UID_PENGADUAN) as { tableName: string };
  const kolom = (field: string): string => columnOf(strapi, UID_PENGADUAN, field);
  const fields = Object.keys(kelompok[0].entry);
  const n = kelompok.length;
  const { tahun } = kelompok[0];
  const draw = agendaNumbersSql(BUKU_PENGADUAN, tahun, n);
  const kode = kelompok.map(() => generateKodeLacak());
  const audit = firstAuditRowsCtes(
    kelompok.map((menunggu) => auditPertama(menunggu.catat)),
    'baris'
  );
  // the i-th complaint's number, formatted as formatNomorTiket (the offset is the statement's own integer)
  const tiketKe = (mundur: number) => `(select ${nomorTiketSql('awalan.teks', `nomor.terakhir - ${mundur}`)} from nomor, awalan)`;
  const baris = kelompok.map((_, index) => `(${fields.map(() => '?').join(', ')}, ${tiketKe(n - 1 - index)}, ?)`);
  const sql = `with nomor as (${draw.sql}), awalan as (select ?::text as teks),
      baris as (insert into ?? (${fields.map(() => '??').join(', ')}, ??, ??) values ${baris.join(', ')} returning id, document_id, ?? as nomor),
      ${audit.sql}
     select baris.id, baris.document_id, baris.nomor from baris`;
  const columns = [...fields.map(kolom), kolom('nomorTiket'), kolom('kodeLacakHash')];
  const identifiers = [meta.tableName, ...columns];
  const nilaiBaris: Knex.Value[] = kelompok.flatMap((menunggu, index) => [
    ...fields.map((field) => menunggu.entry[field] as Knex.Value),
    hashKodeLacak(settings, menunggu.catat.documentId, kode[index]),
  ]);
  const values: Knex.Value[] = [...draw.bindings, awalanNomorTiket(tahun), ...nilaiBaris, ...audit.bindings];
  const bindings: Knex.Value[] = [...draw.bindings, awalanNomorTiket(tahun), ...identifiers, ...nilaiBaris, kolom('nomorTiket'), ...audit.bindings];
  const name = namaPernyataan(sql, [...identifiers, kolom('nomorTiket')]);
  const statement = pernyataanBernama(strapi.db.connection, name, sql, bindings, values);
  const result = (await runAutocommitted(strapi.db.connection, (connection) => statement.connection(connection as never))) as {
    rows: { id: number | string; document_id: string; nomor: string }[];
  };
  const byDocument = new Map(result.rows.map((row) => [row.document_id, row]));
  return kelompok.map((menunggu, index) => {
    const row = byDocument.get(menunggu.catat.documentId);
    if (!row || typeof row.nomor !== 'string') throw new errors.ApplicationError('Pengaduan gagal diberi nomor tiket.');
    return { id: Number(row.id), nomorTiket: row.nomor, kodeLacak: kode[index] };
  });
};

/** Statement names by their SQL template and identifiers (see namaPernyataan). */
const namaDikenal = new Map<string, string>();

/**
 * The name under which node-pg prepares the complaint statement on each pool connection (a
 * named prepared statement: parsed and analysed once per connection, then only bound and
 * executed — it was re-parsed and re-planned for every complaint). Takes the SQL template
 * (`?`/`??` placeholders) and the identifiers it binds; returns `meja_pengaduan_` + 16 hex
 * digits of their SHA-256, so a different text (with or without the key's CTE, another
 * column) is another name — node-pg refuses one name for two texts. Values are still bound
 * per execution; the text carries none. Issue 14.
 */
const namaPernyataan = (sql: string, identifiers: readonly string[]): string => {
  const key = `${sql}\u0000${identifiers.join('\u0000')}`;
  let name = namaDikenal.get(key);
  if (name === undefined) {
    name = `meja_pengaduan_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    namaDikenal.set(key, name);
  }
  return name;
};

/** Per statement name: its text as knex writes it for PostgreSQL (`$1`, `$2` …, identifiers quoted) and its number of values. */
const teksDikenal = new Map<string, { text: string; values: number }>();

const isScalar = (value: unknown): boolean =>
  value === null || value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The named statement `name` as a knex raw query, its text formatted by knex only once per name
 * (issue 14: knex's formatting of the ≈ 60 placeholders — replaceRawArrBindings, wrapString,
 * positionBindings — was ≈ 4 % of the server's CPU per complaint, for a text that never changes;
 * only the values do). Takes the knex instance or transaction, the name, the SQL template with
 * its `?`/`??` bindings in order, and the `?` values alone in order. The values go to node-pg as
 * the query's `values` (knex's `.options()` merges into node-pg's query config), so they are still
 * bound, never inlined; knex still runs the query — its pool, its `query` events (values under
 * `options.values`), its errors. Falls back to knex's formatting for a value that is not a scalar
 * (its text could differ). Throws an Error for an undefined value, as knex does.
 */
const pernyataanBernama = (
  db: Knex | Knex.Transaction,
  name: string,
  sql: string,
  bindings: readonly Knex.Value[],
  values: readonly Knex.Value[]
): Knex.Raw => {
  if (values.some((value) => value === undefined)) throw new Error(`Nilai tak terdefinisi dalam pernyataan ${name}.`);
  if (!values.every(isScalar)) return db.raw(sql, bindings as Knex.Value[]).options({ name });
  let known = teksDikenal.get(name);
  if (known === undefined) {
    known = {
      text: db
        .raw(sql, bindings as Knex.Value[])
        .toSQL()
        .toNative().sql,
      values: values.length,
    };
    teksDikenal.set(name, known);
  }
  if (known.values !== values.length) throw new Error(`Pernyataan ${name} mengharapkan ${known.values} nilai, bukan ${values.length}.`);
  return db.raw(known.text).options({ name, values });
};

/**
 * A public complaint on PostgreSQL as ONE bound statement (issue 14): a CTE that draws the ticket
 * (tiketCtes: the agenda counter upsert, locked until the statement's transaction ends), inserts
 * the complaint row with its ticket and the tracking code's hash (`h2`, bound to the documentId,
 * so it is known before the draw), its first audit row and stream head (firstAuditCtes, sealed as
 * appendAudit seals) and, for a keyed filing, the idempotency key's row with the ticket. Run on
 * the pool (`db` = the knex instance) it is autocommitted: no BEGIN/COMMIT round trips, and the
 * counter row is locked only while PostgreSQL executes the statement and flushes its commit. It
 * is atomic: if any part fails — a key another request holds (it waits for that one, then gets a
 * unique violation, and terimaPengaduan answers from the key's row), a constraint, the audit head
 * — nothing is written and no number is consumed (gap-free). Run in a transaction (`db` a trx) it
 * is one statement of it. Values are bound (`?`), never inlined; the statement is a named prepared
 * statement (namaPernyataan), so each connection parses and analyses its text once, and knex
 * formats that text once per process (pernyataanBernama). Returns the row id, the ticket
 * and the tracking code (shown once). Throws errors.ApplicationError when the statement returns
 * no ticket, or the database's error.
 */
const simpanSatuPernyataan = async (
  strapi: Core.Strapi,
  db: Knex | Knex.Transaction,
  entry: Record<string, unknown> & { documentId: string; waktuDiterima: Date },
  p: Omit<Pencatatan, 'id'>
): Promise<{ id: number; nomorTiket: string; kodeLacak: string }> => {
  const settings = pengaduanSettings(strapi);
  const kodeLacak = p.kunci ? kodeLacakTurunan(settings, p.kunci.id, p.documentId) : generateKodeLacak();
  const meta = strapi.db.metadata.get(UID_PENGADUAN) as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const kolom = (field: string): string => columnOf(strapi, UID_PENGADUAN, field);
  const fields = Object.keys(entry);
  const tiket = tiketCtes(Number(localDate(p.now).slice(0, 4)));
  const audit = firstAuditCtes(auditPertama(p), { setelah: 'baris' });
  const kunci = p.kunci
    ? `, kunci as (insert into ${IDEMPOTENSI_TABLE} (kunci, sidik, nomor_tiket, berlaku_sampai, dibuat) select ?, ?, tiket.nomor, ?, ? from tiket)`
    : '';
  const sql = `with ${tiket.sql},
      baris as (insert into ?? (${fields.map(() => '??').join(', ')}, ??, ??) select ${fields.map(() => '?').join(', ')}, tiket.nomor, ? from tiket returning id),
      ${audit.sql}${kunci}
     select baris.id, tiket.nomor from baris, tiket`;
  const columns = [...fields.map(kolom), kolom('nomorTiket'), kolom('kodeLacakHash')];
  const identifiers = [meta.tableName, ...columns];
  const values: Knex.Value[] = [
    ...tiket.bindings,
    ...fields.map((field) => entry[field] as Knex.Value),
    hashKodeLacak(settings, p.documentId, kodeLacak),
    ...audit.bindings,
    ...(p.kunci ? [p.kunci.id, p.kunci.sidik, p.kunci.berlakuSampai.toISOString(), p.now.toISOString()] : []),
  ];
  const name = namaPernyataan(sql, identifiers);
  const statement = pernyataanBernama(db, name, sql, [...tiket.bindings, ...identifiers, ...values.slice(tiket.bindings.length)], values);
  type Result = { rows: { id: number | string; nomor: string }[] };
  // in a transaction: one statement of it; else on a connection of its own, cut at shutdown if still waiting
  const result = (
    db.isTransaction ? await statement : await runAutocommitted(db, (connection) => statement.connection(connection as never))
  ) as Result;
  const [row] = result.rows;
  if (result.rows.length !== 1 || typeof row?.nomor !== 'string') throw new errors.ApplicationError('Pengaduan gagal diberi nomor tiket.');
  return { id: Number(row.id), nomorTiket: row.nomor, kodeLacak };
};
