// Moved into the SOP engine plugin; this path stays until every caller imports it from there.
export * from '../plugins/sop/server/src/services/notify';
