import type { Core } from '@strapi/strapi';
import { addWorkingMinutes, localDate, tenggat, workingMinutesBetween, type ServiceSchedule } from '../../domain/calendar';
import { loadPublishedSchedule } from './documents';
import type { SopCalendarProvider } from '../../plugins/sop/server/src/index';

const HARI_LIBUR_UID = 'api::hari-libur.hari-libur';

/**
 * How long (ms) a process reuses the hari-libur list it read. Its own writes clear it at once
 * (registerHolidayCache); a holiday written through ANOTHER server process is seen here at most
 * this late — as an activated workflow version (ALUR_SYNC_MS). README "Scaling out (issue 14)"
 * says why that is acceptable for deadlines.
 */
export const HARI_LIBUR_CACHE_MS = 2000;

type HolidayCache = { dates: Promise<string[]> | null; until: number; generasi: number };
const holidayCaches = new WeakMap<Core.Strapi, HolidayCache>();
const holidayCacheOf = (strapi: Core.Strapi): HolidayCache => {
  let cache = holidayCaches.get(strapi);
  if (!cache) holidayCaches.set(strapi, (cache = { dates: null, until: 0, generasi: 0 }));
  return cache;
};

/** Forgets this process's hari-libur list: the next reader loads it again (a read in flight is not kept). */
export const clearHolidayCache = (strapi: Core.Strapi): void => {
  const cache = holidayCacheOf(strapi);
  cache.generasi += 1;
  cache.dates = null;
  cache.until = 0;
};

/**
 * Holiday dates (YYYY-MM-DD) from `api::hari-libur.hari-libur`, read at most once per
 * HARI_LIBUR_CACHE_MS per process (concurrent readers share one query); cleared by this
 * process's own writes (registerHolidayCache). A failed read is not kept. Inside a transaction the
 * list is read outside it on PostgreSQL (committed holidays only, kept as any read), and on SQLite
 * in it, that transaction's alone (not kept, not shared). Returns a shared array: callers must not
 * change it.
 */
export const loadHolidays = async (strapi: Core.Strapi): Promise<string[]> => {
  const cache = holidayCacheOf(strapi);
  if (cache.dates && Date.now() < cache.until) return cache.dates;
  const read = async () => {
    const rows = (await strapi.db.query(HARI_LIBUR_UID).findMany({ select: ['tanggal'] })) as { tanggal: string }[];
    return rows.map((row) => String(row.tanggal).slice(0, 10));
  };
  let readShared = read;
  if (strapi.db.inTransaction()) {
    // Strapi's query joins the caller's transaction: what it reads there (perhaps a holiday written
    // in it, not committed, maybe rolled back) is that transaction's own, never kept or shared.
    // PostgreSQL reads the committed list on another pool connection instead; SQLite has one
    // connection, held by the transaction.
    if (strapi.db.dialect.client !== 'postgres') return read();
    const meta = strapi.db.metadata.get(HARI_LIBUR_UID) as { tableName: string; attributes: Record<string, { columnName?: string }> };
    readShared = async () => {
      const rows = (await strapi.db
        .connection(meta.tableName)
        .select(strapi.db.connection.raw('??::text as tanggal', [meta.attributes.tanggal?.columnName ?? 'tanggal']))) as { tanggal: string }[];
      return rows.map((row) => row.tanggal.slice(0, 10));
    };
  }
  const generasi = cache.generasi;
  const dates = readShared();
  cache.dates = dates;
  cache.until = Number.POSITIVE_INFINITY; // shared while in flight
  try {
    const loaded = await dates;
    // a write since this read started cleared the cache: do not keep what may predate it
    if (cache.generasi === generasi && cache.dates === dates) cache.until = Date.now() + HARI_LIBUR_CACHE_MS;
    return loaded;
  } catch (error: unknown) {
    if (cache.dates === dates) clearHolidayCache(strapi);
    throw error;
  }
};

/**
 * From register(): every write to hari-libur through Strapi's query engine (the content manager,
 * the document service, `strapi.db.query`, the seed) clears this process's list at once, and —
 * when it runs in a transaction — again when that transaction commits or rolls back, so no reader
 * keeps a list read before the write became visible. Writes that bypass the query engine (raw
 * SQL) are seen after HARI_LIBUR_CACHE_MS.
 */
export const registerHolidayCache = (strapi: Core.Strapi): void => {
  strapi.db.lifecycles.subscribe((event: { model: { uid: string }; action: string }) => {
    if (event.model.uid !== HARI_LIBUR_UID || !/^(after|before)(Create|Update|Delete)(Many)?$/.test(event.action)) return;
    clearHolidayCache(strapi);
    if (!strapi.db.inTransaction()) return;
    return strapi.db.transaction(({ onCommit, onRollback }) => {
      onCommit(() => clearHolidayCache(strapi));
      onRollback(() => clearHolidayCache(strapi));
    });
  });
};

/**
 * Service hours from the published standar pelayanan "penerimaan berita biasa"
 * (cached; see loadPublishedSchedule), DEFAULT_SCHEDULE while none is published.
 */
export const loadSchedule = (strapi: Core.Strapi): Promise<ServiceSchedule> => loadPublishedSchedule(strapi);

export const computeTenggat = async (strapi: Core.Strapi, receivedAt: Date): Promise<Date> =>
  tenggat(receivedAt, await loadSchedule(strapi), await loadHolidays(strapi));

/** The office's calendar as the SOP engine reads it: published service hours and the hari-libur list, loaded now. */
export const loadServiceCalendar: SopCalendarProvider = async (strapi) => {
  const schedule = await loadSchedule(strapi);
  const holidays = await loadHolidays(strapi);
  return {
    tenggat: (receivedAt) => tenggat(receivedAt, schedule, holidays),
    workingMinutesBetween: (from, to) => workingMinutesBetween(from, to, schedule, holidays),
    addWorkingMinutes: (start, minutes) => addWorkingMinutes(start, minutes, schedule, holidays),
    isHoliday: (tanggal) => holidays.includes(tanggal),
    localDate,
  };
};
