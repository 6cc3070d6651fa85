import type { Core } from '@strapi/strapi';
import { DEFAULT_SCHEDULE, tenggat, type ServiceSchedule } from '../domain/calendar';

/** Holiday dates (YYYY-MM-DD) from `api::hari-libur.hari-libur`. */
export const loadHolidays = async (strapi: Core.Strapi): Promise<string[]> => {
  const rows = (await strapi.db.query('api::hari-libur.hari-libur').findMany({ select: ['tanggal'] })) as { tanggal: string }[];
  return rows.map((row) => String(row.tanggal).slice(0, 10));
};

/** Service hours; the published standar pelayanan becomes the source once it exists. */
export const loadSchedule = async (_strapi: Core.Strapi): Promise<ServiceSchedule> => DEFAULT_SCHEDULE;

export const computeTenggat = async (strapi: Core.Strapi, receivedAt: Date): Promise<Date> =>
  tenggat(receivedAt, await loadSchedule(strapi), await loadHolidays(strapi));
