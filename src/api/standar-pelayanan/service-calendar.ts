import type { Core } from '@strapi/strapi';
import { addWorkingMinutes, localDate, tenggat, workingMinutesBetween, type ServiceSchedule } from '../../domain/calendar';
import { loadPublishedSchedule } from './documents';
import { defineSnapshotCache, type SopCalendarProvider } from '../../plugins/sop/server/src/index';

const HARI_LIBUR_UID = 'api::hari-libur.hari-libur';

/**
 * How long (ms) a process reuses the hari-libur list it read. Its own writes clear it at once
 * (registerHolidayCache); a holiday written through ANOTHER server process is seen here at most
 * this late — as an activated workflow version (ALUR_SYNC_MS). README "Scaling out (issue 14)"
 * says why that is acceptable for deadlines.
 */
export const HARI_LIBUR_CACHE_MS = 2000;

const HOLIDAYS = defineSnapshotCache({ watch: [HARI_LIBUR_UID], ttlMs: HARI_LIBUR_CACHE_MS });

/** Forgets this process's hari-libur list: the next reader loads it again (a read in flight is not kept). */
export const clearHolidayCache = (strapi: Core.Strapi): void => HOLIDAYS.clear(strapi);

/**
 * Holiday dates (YYYY-MM-DD) from `api::hari-libur.hari-libur`, read at most once per
 * HARI_LIBUR_CACHE_MS per process and cleared by this process's own writes (the plugin's
 * defineSnapshotCache says how reads inside a transaction are kept). Returns a shared array:
 * callers must not change it.
 */
export const loadHolidays = (strapi: Core.Strapi): Promise<string[]> =>
  HOLIDAYS.get(strapi, 'semua', async () => {
    const rows = (await strapi.db.query(HARI_LIBUR_UID).findMany({ select: ['tanggal'] })) as { tanggal: string }[];
    return rows.map((row) => String(row.tanggal).slice(0, 10));
  });

/**
 * From register() or bootstrap(): every write to hari-libur through Strapi's query engine (the
 * content manager, the document service, `strapi.db.query`, the seed) clears this process's list
 * at once and again when its transaction ends. Writes that bypass the query engine (raw SQL) are
 * seen after HARI_LIBUR_CACHE_MS.
 */
export const registerHolidayCache = (strapi: Core.Strapi): void => HOLIDAYS.register(strapi);

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
