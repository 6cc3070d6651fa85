import type { Core } from '@strapi/strapi';
import { addWorkingMinutes, localDate, tenggat, workingMinutesBetween, type ServiceSchedule } from '../../domain/calendar';
import { loadPublishedSchedule } from './documents';
import type { SopCalendarProvider } from '../../plugins/sop/server/src/index';

/** Holiday dates (YYYY-MM-DD) from `api::hari-libur.hari-libur`. */
export const loadHolidays = async (strapi: Core.Strapi): Promise<string[]> => {
  const rows = (await strapi.db.query('api::hari-libur.hari-libur').findMany({ select: ['tanggal'] })) as { tanggal: string }[];
  return rows.map((row) => String(row.tanggal).slice(0, 10));
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
