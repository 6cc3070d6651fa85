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

/** `belumSelesai`: transactions of this process that wrote hari-libur and have not ended yet. */
type HolidayCache = { dates: Promise<string[]> | null; until: number; generasi: number; belumSelesai: number };
const holidayCaches = new WeakMap<Core.Strapi, HolidayCache>();
const holidayCacheOf = (strapi: Core.Strapi): HolidayCache => {
  let cache = holidayCaches.get(strapi);
  if (!cache) holidayCaches.set(strapi, (cache = { dates: null, until: 0, generasi: 0, belumSelesai: 0 }));
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
 * list is read in it, neither shared nor waited for while in flight (another request's read may wait for
 * a connection the transaction holds), and kept only while no transaction of this process has an
 * unfinished hari-libur write (a list with an uncommitted holiday is never kept). Returns a
 * shared array: callers must not change it.
 */
export const loadHolidays = async (strapi: Core.Strapi): Promise<string[]> => {
  const cache = holidayCacheOf(strapi);
  const inTransaction = strapi.db.inTransaction();
  // A read still in flight (until = ∞) is shared only outside transactions: it may be waiting for a pool
  // connection that this transaction, waiting for it, would hold (session 8's review: the pool deadlocked).
  if (cache.dates && Date.now() < cache.until && !(inTransaction && cache.until === Number.POSITIVE_INFINITY)) return cache.dates;
  const generasi = cache.generasi;
  const read = async () => {
    const rows = (await strapi.db.query(HARI_LIBUR_UID).findMany({ select: ['tanggal'] })) as { tanggal: string }[];
    return rows.map((row) => String(row.tanggal).slice(0, 10));
  };
  if (inTransaction) {
    // Strapi's query joins the caller's transaction (on its connection: a read on another one could
    // wait for a pool the transactions hold). It sees the committed list plus that transaction's own
    // writes, so it is kept only while no transaction of this process has an unfinished holiday
    // write (then it equals the committed list), and never shared while in flight: a failure of
    // the caller's transaction stays the caller's.
    const loaded = await read();
    if (cache.belumSelesai === 0 && cache.generasi === generasi) {
      cache.dates = Promise.resolve(loaded);
      cache.until = Date.now() + HARI_LIBUR_CACHE_MS;
    }
    return loaded;
  }
  const dates = read();
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
 * keeps a list read before the write became visible; until then loadHolidays keeps no list read
 * inside a transaction. Writes that bypass the query engine (raw SQL) are seen after
 * HARI_LIBUR_CACHE_MS.
 */
export const registerHolidayCache = (strapi: Core.Strapi): void => {
  strapi.db.lifecycles.subscribe((event: { model: { uid: string }; action: string }) => {
    if (event.model.uid !== HARI_LIBUR_UID || !/^(after|before)(Create|Update|Delete)(Many)?$/.test(event.action)) return;
    clearHolidayCache(strapi);
    if (!strapi.db.inTransaction()) return;
    const cache = holidayCacheOf(strapi);
    cache.belumSelesai += 1;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      cache.belumSelesai -= 1;
      clearHolidayCache(strapi);
    };
    return strapi.db.transaction(({ onCommit, onRollback }) => {
      onCommit(end);
      onRollback(end);
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
