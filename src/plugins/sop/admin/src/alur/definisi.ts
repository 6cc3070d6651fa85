import type { JsonSchema, Pengubah, RefData, TransitionData, WorkflowData } from './types';

/** The name of whoever made or changed a version, or null. */
export const namaPengubah = (value: Pengubah | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : (value.nama ?? null);

/**
 * The number of the draft `POST /sop/alur/:model/versi` made, from its answer: the workflow with
 * its versions (the newest draft), or the version itself; undefined when neither.
 */
export const nomorDrafBaru = (answer: unknown): number | undefined => {
  const value = answer as { nomor?: unknown; versi?: { nomor: number; status: string }[] } | null | undefined;
  if (typeof value?.nomor === 'number') return value.nomor;
  const drafts = (value?.versi ?? []).filter((one) => one.status === 'draf').map((one) => one.nomor);
  return drafts.length > 0 ? Math.max(...drafts) : undefined;
};

/** `api::berita-keluar.berita-keluar` → `berita-keluar`: the model name a workflow is known by. */
export const modelOfUid = (uid: string): string => uid.split('.').pop() ?? uid;

/**
 * The first draft of a new workflow bound to content type `uid`: a start and an end state and
 * one step between them, so that the designer starts from a definition that is already valid
 * save for its roles.
 */
export const definisiBaru = (uid: string, title: string, peran: string): WorkflowData => ({
  model: modelOfUid(uid),
  uid,
  title,
  initial: 'diterima',
  states: [
    { key: 'diterima', label: 'Diterima' },
    { key: 'selesai', label: 'Selesai', final: true },
  ],
  transitions: [{ from: ['diterima'], to: 'selesai', label: 'Selesaikan', langkah: '1', roles: peran ? [peran] : [] }],
});

/** An empty step from the first state to the last, for "Tambah langkah". */
export const transisiBaru = (definisi: WorkflowData): TransitionData => {
  const first = definisi.states[0]?.key ?? '';
  const last = definisi.states[definisi.states.length - 1]?.key ?? '';
  return { from: first ? [first] : [], to: last, label: 'Langkah baru', roles: [] };
};

/** A copy of `list` with item `index` replaced by `value`. */
export const replaceAt = <T>(list: readonly T[], index: number, value: T): T[] => list.map((item, at) => (at === index ? value : item));

/** A copy of `list` without item `index`. */
export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, at) => at !== index);

/** A copy of `list` with item `index` moved by `delta` places (no-op at the ends). */
export const moveAt = <T>(list: readonly T[], index: number, delta: number): T[] => {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item);
  return next;
};

/** Sets `key` of an object to `value`, or drops it when `value` is undefined (optional JSON fields stay absent). */
export const withKey = <T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T => {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};

/** The initial value of a params form for a JSON Schema: defaults, empty lists, nothing else. */
export const nilaiAwal = (schema: JsonSchema | null): Record<string, unknown> | undefined => {
  if (!schema?.properties) return undefined;
  const value: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.default !== undefined) value[key] = property.default;
    else if (schema.required?.includes(key) && jenisSkema(property) === 'array') value[key] = [];
    else if (schema.required?.includes(key) && jenisSkema(property) === 'boolean') value[key] = false;
  }
  return value;
};

/** A new reference to vocabulary entry `type`, with its params' initial values. */
export const refBaru = (type: string, schema: JsonSchema | null): RefData => {
  const params = nilaiAwal(schema);
  return params && Object.keys(params).length > 0 ? { type, params } : schema?.properties ? { type, params: {} } : { type };
};

/** What kind of input renders a JSON Schema node; `json` when the form cannot (unions, free objects). */
export type JenisSkema = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'json';

/** The kind of input for a schema node (see {@link JenisSkema}). */
export const jenisSkema = (schema: JsonSchema): JenisSkema => {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((one) => one !== 'null') : schema.type;
  if (type === 'string') return 'string';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'array' && schema.items) return 'array';
  if (type === 'object' && schema.properties) return 'object';
  return 'json';
};
