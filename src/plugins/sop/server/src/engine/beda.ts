import { canonicalJson } from './audit-chain';
import type { StateData, TransitionData, WorkflowData } from './definition';
import type { State, Transition, WorkflowDefinition } from './types';

/**
 * One difference between two versions of a workflow (issue 13, "a diff between two versions"):
 * what changed (`jenis`), in which part (`bagian`: the title, a state, a step, the initial
 * state), its key (a state's key; a step's `from→to`, the sources joined by `,`), and the
 * value before and/or after.
 */
export type Perbedaan = {
  jenis: 'ditambah' | 'dihapus' | 'diubah';
  bagian: 'judul' | 'tahap' | 'langkah' | 'awal';
  kunci: string;
  sebelum?: unknown;
  sesudah?: unknown;
};

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** The key a step is compared by: its sources (sorted) and its target, `diterima,diperiksa→batal`. */
export const kunciLangkah = (transition: { from: readonly string[]; to: string }): string =>
  `${[...transition.from].sort().join(',')}→${transition.to}`;

const byKey = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> => {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(keyOf(item))) map.set(keyOf(item), item);
  return map;
};

const compare = <T>(bagian: Perbedaan['bagian'], before: Map<string, T>, after: Map<string, T>): Perbedaan[] => {
  const found: Perbedaan[] = [];
  for (const [kunci, sebelum] of before) {
    if (!after.has(kunci)) found.push({ jenis: 'dihapus', bagian, kunci, sebelum });
    else if (!same(sebelum, after.get(kunci))) found.push({ jenis: 'diubah', bagian, kunci, sebelum, sesudah: after.get(kunci) });
  }
  for (const [kunci, sesudah] of after) if (!before.has(kunci)) found.push({ jenis: 'ditambah', bagian, kunci, sesudah });
  return found;
};

/**
 * The differences from version `sebelum` to version `sesudah` of a workflow (pure): the title,
 * the initial state, the states by key, the steps by `from→to` (see kunciLangkah); key order and
 * whitespace of the JSON do not count. Returns them in that order, an empty list when the two
 * are the same. Throws nothing.
 */
export const bedaDefinisi = (sebelum: WorkflowData, sesudah: WorkflowData): Perbedaan[] => [
  ...(sebelum.title === sesudah.title
    ? []
    : [{ jenis: 'diubah' as const, bagian: 'judul' as const, kunci: 'title', sebelum: sebelum.title, sesudah: sesudah.title }]),
  ...(sebelum.initial === sesudah.initial
    ? []
    : [{ jenis: 'diubah' as const, bagian: 'awal' as const, kunci: 'initial', sebelum: sebelum.initial, sesudah: sesudah.initial }]),
  ...compare<StateData>(
    'tahap',
    byKey(sebelum.states, (state) => state.key),
    byKey(sesudah.states, (state) => state.key)
  ),
  ...compare<TransitionData>('langkah', byKey(sebelum.transitions, kunciLangkah), byKey(sesudah.transitions, kunciLangkah)),
];

/**
 * A definition as the diagram draws it, without its vocabulary (guards and effects left out):
 * for drawing a definition that does not validate yet (a draft in the editor). Takes data of
 * a sound shape (see workflowDataSchema); returns a definition `toMermaid`/`toSvg` read.
 */
export const sketsaDefinisi = (data: WorkflowData): WorkflowDefinition => ({
  model: data.model,
  uid: data.uid,
  title: data.title,
  initial: data.initial,
  states: data.states.map((state): State => ({ ...state })),
  transitions: data.transitions.map((transition): Transition<unknown> => ({
    from: [...transition.from],
    to: transition.to,
    label: transition.label,
    roles: [...transition.roles],
    fields: transition.input ?? [],
    ...(transition.langkah !== undefined ? { langkah: transition.langkah } : {}),
    ...(transition.catatan !== undefined ? { catatan: transition.catatan } : {}),
    ...(transition.kind !== undefined ? { kind: transition.kind } : {}),
  })),
});
