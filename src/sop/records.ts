// The SOPs' loaders live in src/sop-defs/<sop>/facts.ts; their row types are re-exported here for the effects.
export type { LoadedRecord } from '../plugins/sop/server/src/services/registry';
export type { BeritaRow } from '../sop-defs/berita/facts';
export type { DistribusiRow } from '../sop-defs/distribusi/facts';
export type { KriptogramRow } from '../sop-defs/kriptogram/facts';
export type { PengaduanRow } from '../sop-defs/pengaduan/facts';
