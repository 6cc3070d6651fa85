/** The plugin permission that lets an administrator design and activate workflows (Super Admin by default). */
export const IZIN_KELOLA_ALUR = [{ action: 'plugin::sop.alur.kelola', subject: null }];
