import { workflowDataSchema, type FieldSpec, type Ref, type WorkflowData } from './definition';
import type { Vocabulary } from './vocabulary';

/** One thing wrong with a definition: where (`transitions[3].guards[0].params`) and why, in Indonesian. */
export type Masalah = { path: string; pesan: string };

/** The verdict of {@link validateDefinition}. */
export type ValidationResult = { ok: true } | { ok: false; masalah: Masalah[] };

const pathOf = (parts: readonly PropertyKey[]): string =>
  parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');

const has = (map: object, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);

/**
 * Checks a definition (parsed JSON, any shape) against the vocabulary it will be compiled
 * with, without running anything: pure and fast. Refuses, with Indonesian messages, a wrong
 * shape; unknown guard, effect, redaction, field or role names; params an entry's zod schema
 * refuses; duplicate state keys and field names; transitions from or to unknown states; an
 * unknown initial state; states unreachable from it; non-final states with no way out.
 * Returns `{ ok: true }` or every problem found.
 */
export const validateDefinition = (definition: unknown, vocabulary: Vocabulary): ValidationResult => {
  const shape = workflowDataSchema.safeParse(definition);
  if (!shape.success) {
    return { ok: false, masalah: shape.error.issues.map((issue) => ({ path: pathOf(issue.path), pesan: issue.message })) };
  }
  const data: WorkflowData = shape.data;
  const masalah: Masalah[] = [];
  const problem = (path: string, pesan: string) => masalah.push({ path, pesan });
  const roles = vocabulary.roles;
  const checkRole = (path: string, role: string) => {
    if (roles && !roles.includes(role)) problem(path, `Peran "${role}" tidak dikenal.`);
  };

  const keys = new Set<string>();
  data.states.forEach((state, index) => {
    if (keys.has(state.key)) problem(`states[${index}].key`, `Kunci tahap "${state.key}" ganda.`);
    keys.add(state.key);
  });
  if (!keys.has(data.initial)) problem('initial', `Tahap awal "${data.initial}" tidak dikenal.`);
  if (data.pengawas !== undefined) checkRole('pengawas', data.pengawas);

  const checkRef = (path: string, ref: Ref, kind: 'guards' | 'effects' | 'redactions', noun: string) => {
    const entry = has(vocabulary[kind], ref.type) ? vocabulary[kind][ref.type] : undefined;
    if (!entry) {
      problem(`${path}.type`, `Jenis ${noun} "${ref.type}" tidak dikenal.`);
      return;
    }
    const parsed = entry.params.safeParse(ref.params ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problem(pathOf([path, 'params', ...issue.path]), `Parameter ${noun} "${ref.type}" tidak sah: ${issue.message}.`);
      }
    }
  };

  const checkField = (path: string, field: FieldSpec) => {
    const entry = vocabulary.fieldTypes[field.type];
    if (!entry) {
      problem(`${path}.type`, `Jenis isian "${field.type}" tidak dikenal.`);
      return;
    }
    for (const pesan of entry.check?.(field) ?? []) problem(path, `Isian "${field.name}": ${pesan}.`);
    if (field.peran !== undefined) checkRole(`${path}.peran`, field.peran);
  };

  data.transitions.forEach((transition, index) => {
    const at = `transitions[${index}]`;
    transition.from.forEach((from, position) => {
      if (!keys.has(from)) problem(`${at}.from[${position}]`, `Tahap asal "${from}" tidak dikenal.`);
    });
    if (!keys.has(transition.to)) problem(`${at}.to`, `Tahap tujuan "${transition.to}" tidak dikenal.`);
    transition.roles.forEach((role, position) => checkRole(`${at}.roles[${position}]`, role));
    const names = new Set<string>();
    (transition.input ?? []).forEach((field, position) => {
      if (names.has(field.name)) problem(`${at}.input[${position}].name`, `Nama isian "${field.name}" ganda.`);
      names.add(field.name);
      checkField(`${at}.input[${position}]`, field);
    });
    for (const list of ['actorRules', 'inputRules', 'guards'] as const) {
      (transition[list] ?? []).forEach((ref, position) => checkRef(`${at}.${list}[${position}]`, ref, 'guards', 'syarat'));
    }
    (transition.effects ?? []).forEach((ref, position) => checkRef(`${at}.effects[${position}]`, ref, 'effects', 'efek'));
    if (transition.redact) checkRef(`${at}.redact`, transition.redact, 'redactions', 'penyamaran');
  });

  if (keys.has(data.initial)) {
    const reached = new Set([data.initial]);
    const queue = [data.initial];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const transition of data.transitions) {
        if (transition.from.includes(current) && keys.has(transition.to) && !reached.has(transition.to)) {
          reached.add(transition.to);
          queue.push(transition.to);
        }
      }
    }
    data.states.forEach((state, index) => {
      if (!reached.has(state.key)) problem(`states[${index}]`, `Tahap "${state.key}" tidak dapat dicapai dari tahap awal "${data.initial}".`);
    });
  }
  data.states.forEach((state, index) => {
    if (state.final !== true && !data.transitions.some((transition) => transition.from.includes(state.key))) {
      problem(`states[${index}]`, `Tahap "${state.key}" bukan tahap akhir tetapi tidak memiliki langkah keluar.`);
    }
  });

  return masalah.length === 0 ? { ok: true } : { ok: false, masalah };
};
