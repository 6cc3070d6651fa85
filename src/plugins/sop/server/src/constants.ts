/** The eventHub event (and webhook event) emitted once after every committed SOP step. */
export const SOP_TRANSITION_EVENT = 'sop.transition';

/** The plugin's name: `strapi.plugin(PLUGIN_ID)`, the `/sop` route prefix. */
export const PLUGIN_ID = 'sop';

/** A workflow stored in the database (issue 13): its `model`, name and bound content type. */
export const ALUR_UID = 'plugin::sop.alur';

/** One version of a stored workflow: its definition (data), status, hash and who made and changed it. */
export const ALUR_VERSI_UID = 'plugin::sop.alur-versi';

/** The admin permission (RBAC action) to read and change stored workflows ("Kelola Alur SOP"). */
export const ALUR_ACTION = 'plugin::sop.alur.kelola';
