import type { Modules } from '@strapi/strapi';
import { runDailyDigest } from '../src/plugins/sop/server/src/services/digest';

/** Scheduled jobs (enabled by `cron` in config/server.ts; CRON_ENABLED=false turns them off). */
const cronTasks: Modules.Cron.CronTasks = {
  ringkasanTenggat: {
    // The fire date is the scheduled 07.00 WIB, so "overdue" is judged as of the planned time.
    task: async ({ strapi }, fireDate?: unknown) => runDailyDigest(strapi, fireDate instanceof Date ? fireDate : new Date()),
    // 07.00 WIB, Monday to Friday (seconds minutes hours day-of-month month day-of-week)
    options: { rule: '0 0 7 * * 1-5', tz: 'Asia/Jakarta' },
  },
};

export default cronTasks;
