/** The eventHub event (and webhook event) emitted once after every committed SOP step. */
export const SOP_TRANSITION_EVENT = 'sop.transition';

/** The plugin's name: `strapi.plugin(PLUGIN_ID)`, the `/sop` route prefix. */
export const PLUGIN_ID = 'sop';
