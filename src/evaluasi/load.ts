import type { Core } from '@strapi/strapi';
import {
  hitungEvaluasi,
  batasTriwulan,
  bulanTriwulan,
  tahapBatal,
  tahapSelesai,
  type BarisAuditEvaluasi,
  type DataLayanan,
  type DefinisiEvaluasi,
  type Evaluasi,
  type RekamanEvaluasi,
  type Triwulan,
} from '../domain/evaluasi';
import { sopRegistryOf, syncAlur, AUDIT_TABLE } from '../plugins/sop/server/src/index';
import { loadHolidays, loadSchedule } from '../api/standar-pelayanan/service-calendar';

/** When a record of a model came in: the receipt time where the SOP records one, else its creation. */
const MASUK: Readonly<Record<string, string>> = { berita: 'waktuDiterima', kriptogram: 'waktuDiterima', pengaduan: 'waktuDiterima' };
/** The standard's deadline for finishing: complaints are resolved by `tenggatPenyelesaian`; the others by `tenggat`. */
const TENGGAT: Readonly<Record<string, string>> = { pengaduan: 'tenggatPenyelesaian' };
/** What names a record in the overdue table. */
const NOMOR: Readonly<Record<string, string>> = {
  berita: 'nomorAgenda',
  kriptogram: 'nomorAgenda',
  pengaduan: 'nomorTiket',
  distribusi: 'nomorSurat',
};
const PERIHAL: Readonly<Record<string, string>> = { berita: 'perihal' };

const asDate = (value: unknown): Date | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
};

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

type BarisMentah = Omit<BarisAuditEvaluasi, 'waktu'> & { waktu: string | number };

/**
 * How many of a workflow's filters muatEvaluasi reads at once. Each takes two pool connections
 * (records, trail): 3 of them use 6 of the default 10 (DATABASE_POOL_MAX), and muatEvaluasiTersimpan
 * computes one quarter at a time per process, so an evaluation never takes the whole pool.
 */
const FILTER_SEKALIGUS = 3;

/**
 * Reads one quarter's data of every registered SOP (records received in the quarter, and
 * older ones that may have been open past their deadline at its end) and computes the
 * evaluation (src/domain/evaluasi.ts). Records come through Strapi's query engine with only
 * the fields used, each filter by its index (the quarter's receipt filter one statement per month);
 * their audit rows (steps between two states of any of the workflow's versions, and creation rows
 * where the creation is the receipt) in one statement per filter. A filter's records and rows are
 * read at once, FILTER_SEKALIGUS filters at a time (on PostgreSQL each statement on its own pool connection). Each record is computed under
 * its own workflow version (`alurVersi`, issue 13; registry.workflowOf). Returns the figures; throws
 * what the database throws.
 */
export const muatEvaluasi = async (strapi: Core.Strapi, triwulan: Triwulan): Promise<Evaluasi> => {
  const { mulai, akhir } = batasTriwulan(triwulan);
  const registry = sopRegistryOf(strapi);
  const postgres = strapi.db.dialect.client === 'postgres';
  const layanan: DataLayanan[] = [];
  await syncAlur(strapi, true);
  const knex = strapi.db.connection;
  for (const definition of registry.workflows()) {
    // every version the workflow has run under (issue 13): their states pick the audit rows and the
    // open records; each record is computed under its own version
    const versions = [definition, ...registry.workflowsOf(definition.model).filter((version) => version !== definition)];
    const contentType = strapi.contentTypes[definition.uid as never] as { attributes: Record<string, unknown> } | undefined;
    if (!contentType) continue;
    const has = (field: string): boolean => Object.prototype.hasOwnProperty.call(contentType.attributes, field);
    const masukField = MASUK[definition.model] && has(MASUK[definition.model]) ? MASUK[definition.model] : 'createdAt';
    const tenggatField = [TENGGAT[definition.model], 'tenggat'].find((field): field is string => field !== undefined && has(field)) ?? null;
    const nomorField = NOMOR[definition.model] && has(NOMOR[definition.model]) ? NOMOR[definition.model] : null;
    const perihalField = PERIHAL[definition.model] && has(PERIHAL[definition.model]) ? PERIHAL[definition.model] : null;
    const timerFields = definition.model === 'pengaduan' ? ['tenggatPengakuan', 'tenggatRespons', 'tenggatPenyelesaian'].filter(has) : [];
    const versiField = has('alurVersi') ? 'alurVersi' : null;
    // final where any version ends there (a superset keeps the partial index of open records in use)
    const finals = [...new Set(versions.flatMap((version) => [...tahapSelesai(version), ...tahapBatal(version)]))];
    const select = [
      ...new Set([
        'documentId',
        'tahap',
        masukField,
        ...(tenggatField ? [tenggatField] : []),
        ...(versiField ? [versiField] : []),
        ...(nomorField ? [nomorField] : []),
        ...(perihalField ? [perihalField] : []),
        ...timerFields,
      ]),
    ];
    // Received in the quarter, one statement per month (the waktu_diterima index); or earlier and due
    // before its end, and either open now (the partial index of open records) or changed since its end
    // (it may have been open then: the updated_at index). Separate statements rather than one OR, so
    // each keeps its index, read at once.
    const filters: Record<string, unknown>[] = [
      ...bulanTriwulan(triwulan).map(([dari, sampai]) => ({ [masukField]: { $gte: dari, $lt: sampai } })),
      ...(tenggatField
        ? [
            { [masukField]: { $lt: mulai }, [tenggatField]: { $lt: akhir }, tahap: { $notIn: finals } },
            { [masukField]: { $lt: mulai }, [tenggatField]: { $lt: akhir }, updatedAt: { $gte: akhir } },
          ]
        : []),
    ];
    const states = [...new Set(versions.flatMap((version) => version.states.map((state) => state.key)))];
    const readFilter = async (where: Record<string, unknown>) => {
      // The trails of the same records in one statement, the filter as a subquery (Strapi's query
      // builder writes the dates as each database stores them); step and creation rows only.
      const chosen = strapi.db
        .queryBuilder(definition.uid as never)
        .select(['documentId'])
        .where(where as never)
        .getKnexQuery();
      // Rows in the domain's shape, each time as ms since the epoch: PostgreSQL converts it, SQLite's
      // ISO string is parsed below. A quarter of a million-row table has 300,000 of them (bench/evaluasi.js):
      // no second object, no Date per row.
      const [rows, trail] = await Promise.all([
        strapi.db.query(definition.uid as never).findMany({ select, where } as never) as Promise<Record<string, unknown>[]>,
        knex(AUDIT_TABLE)
          .select(
            'document_id as documentId',
            'urutan',
            'dari',
            'ke',
            postgres ? knex.raw('(extract(epoch from waktu::timestamptz) * 1000)::float8 as waktu') : 'waktu',
            'aktor_peran as aktorPeran'
          )
          .where('model', definition.model)
          .whereIn('document_id', chosen)
          .where((query) => {
            void query.where((step) => void step.whereIn('ke', states).whereIn('dari', states));
            if (masukField === 'createdAt') void query.orWhereNull('dari');
          }) as Promise<BarisMentah[]>,
      ]);
      return { rows, trail };
    };
    // FILTER_SEKALIGUS filters at once (two connections each): the rest of the pool stays free for
    // complaints and steps while a quarter is computed
    const read: Awaited<ReturnType<typeof readFilter>>[] = [];
    for (let i = 0; i < filters.length; i += FILTER_SEKALIGUS)
      read.push(...(await Promise.all(filters.slice(i, i + FILTER_SEKALIGUS).map(readFilter))));
    const rekaman = new Map<string, RekamanEvaluasi>();
    const audit: BarisAuditEvaluasi[] = [];
    const dibuat = new Map<string, Date>();
    // in the filters' order: a record found by two filters is taken, with its rows, from the first
    for (const { rows, trail } of read) {
      const fresh = new Set<string>();
      for (const row of rows) {
        const masuk = asDate(row[masukField]);
        const documentId = String(row.documentId);
        if (!masuk || rekaman.has(documentId)) continue;
        fresh.add(documentId);
        rekaman.set(documentId, {
          documentId,
          masuk,
          tenggat: tenggatField ? asDate(row[tenggatField]) : null,
          tahap: String(row.tahap),
          alurVersi: versiField && row[versiField] !== null && row[versiField] !== undefined ? Number(row[versiField]) : null,
          nomor: nomorField ? text(row[nomorField]) : null,
          perihal: perihalField ? text(row[perihalField]) : null,
          ...(timerFields.length > 0
            ? {
                tenggatPengakuan: asDate(row.tenggatPengakuan),
                tenggatRespons: asDate(row.tenggatRespons),
                tenggatPenyelesaian: asDate(row.tenggatPenyelesaian),
              }
            : {}),
        });
      }
      for (const row of trail) {
        if (!fresh.has(row.documentId)) continue;
        const waktu = typeof row.waktu === 'number' ? row.waktu : Date.parse(row.waktu);
        if (!Number.isFinite(waktu)) continue;
        if (row.dari === null) {
          const known = dibuat.get(row.documentId);
          if (known === undefined || waktu < known.getTime()) dibuat.set(row.documentId, new Date(waktu));
          continue;
        }
        row.waktu = waktu;
        if (typeof row.urutan !== 'number') row.urutan = Number(row.urutan);
        audit.push(row as BarisAuditEvaluasi);
      }
    }
    // Without a receipt field, a record comes in when it is made: the moment its creation was audited (the app's clock).
    if (masukField === 'createdAt') {
      for (const record of rekaman.values()) record.masuk = dibuat.get(record.documentId) ?? record.masuk;
    }
    const versi = new Map<number, DefinisiEvaluasi>();
    for (const record of rekaman.values()) {
      const nomor = record.alurVersi ?? 1;
      const own = versi.has(nomor) ? undefined : registry.workflowOf(definition.model, nomor);
      if (own) versi.set(nomor, own);
    }
    layanan.push({ definisi: definition, versi, rekaman: [...rekaman.values()], audit });
  }
  const namaPeran = Object.fromEntries(registry.roleKeys().map((key) => [key, registry.roleName(key)]));
  return hitungEvaluasi({ triwulan, layanan, schedule: await loadSchedule(strapi), holidays: await loadHolidays(strapi), namaPeran });
};

/** Quarters kept by muatEvaluasiTersimpan (a leader reads one, exports it twice, maybe compares the one before). */
const SIMPANAN_MAKS = 8;
const simpanan = new WeakMap<Core.Strapi, Map<string, { kunci: string; evaluasi: Evaluasi }>>();
/** Per process: the computation running or queued for each quarter and inputs, and the end of the queue. */
const sedangDihitung = new WeakMap<Core.Strapi, Map<string, Promise<Evaluasi>>>();
const antrean = new WeakMap<Core.Strapi, Promise<void>>();

/**
 * muatEvaluasi, kept while its inputs stay as they were: every write of a record that the figures
 * read appends an audit row (steps, corrections, creations and content-manager writes of governed
 * records all go through the audited gate; the audit table only grows), and the durations depend on
 * the service calendar. So a quarter computed when the audit's row count and last id and the calendar
 * were these is the same quarter now — the page, its .xlsx and its PDF after it cost one computation, not three
 * (a quarter of a million-row table is about 300,000 steps). Per process, at most SIMPANAN_MAKS
 * quarters; computed one at a time, concurrent requests for the same quarter sharing one computation.
 * Throws what muatEvaluasi throws.
 */
export const muatEvaluasiTersimpan = async (strapi: Core.Strapi, triwulan: Triwulan): Promise<Evaluasi> => {
  // the count too, not the last id alone: on PostgreSQL a step that drew a smaller id may commit after a
  // larger one, leaving the last id as it was (session 8's review); the table only grows, so its count moves
  const [terakhir] = (await strapi.db.connection(AUDIT_TABLE).max({ id: 'id' }).count({ jumlah: '*' })) as {
    id: number | string | null;
    jumlah: number | string;
  }[];
  const kunci = JSON.stringify([terakhir?.id ?? null, Number(terakhir?.jumlah ?? 0), await loadSchedule(strapi), await loadHolidays(strapi)]);
  let perTriwulan = simpanan.get(strapi);
  if (!perTriwulan) simpanan.set(strapi, (perTriwulan = new Map()));
  const nama = `${triwulan.tahun}-${triwulan.triwulan}`;
  const ada = perTriwulan.get(nama);
  if (ada && ada.kunci === kunci) return ada.evaluasi;
  // one computation at a time per process (each reads with several pool connections); a request for
  // the same quarter and inputs while it runs waits for it instead of computing it again
  const antri = `${nama}\u0000${kunci}`;
  const berjalan = sedangDihitung.get(strapi) ?? new Map<string, Promise<Evaluasi>>();
  sedangDihitung.set(strapi, berjalan);
  let hitung = berjalan.get(antri);
  if (!hitung) {
    const sebelumnya = antrean.get(strapi) ?? Promise.resolve();
    hitung = sebelumnya.then(() => muatEvaluasi(strapi, triwulan));
    antrean.set(
      strapi,
      hitung.then(
        () => undefined,
        () => undefined
      )
    );
    berjalan.set(antri, hitung);
    void hitung.then(
      () => berjalan.delete(antri),
      () => berjalan.delete(antri)
    );
  }
  const evaluasi = await hitung;
  perTriwulan.delete(nama);
  perTriwulan.set(nama, { kunci, evaluasi });
  if (perTriwulan.size > SIMPANAN_MAKS) perTriwulan.delete(perTriwulan.keys().next().value as string);
  return evaluasi;
};
