import { z } from 'zod';
import type { FieldSpec, FieldType, WorkflowData } from './definition';
import type { Guard, GuardContext } from './types';

/**
 * The closed vocabulary a workflow definition may name (XState's `{ type, params }` with the
 * implementations supplied apart): every guard, effect, field type and redaction a JSON
 * definition references is an entry here, with a zod schema for its params and the code
 * that gives it meaning. Code adds kinds; a definition only composes them.
 */

/** A guard, actor rule or input rule kind: `build(params)` gives the check `decide()` runs. */
export type GuardEntry<Params = unknown> = {
  params: z.ZodType<Params>;
  /** what it checks, in Indonesian, for the definitions view and the designer */
  describe?: string;
  build: (params: Params) => Guard<unknown>;
};

/**
 * An effect kind: `resolve(params, context)` gives the values of the resolved effect that
 * `decide()` returns (`{ type, ...values }`, the type being the entry's name), or null
 * when this effect does not apply to this step (e.g. an optional salinan not sent).
 */
export type EffectEntry<Params = unknown> = {
  params: z.ZodType<Params>;
  describe?: string;
  resolve: (params: Params, context: GuardContext<unknown>) => Record<string, unknown> | null;
  /**
   * What is wrong with these (valid) params on the content type the definition runs on, in
   * Indonesian (empty: nothing): e.g. a field name the type lacks. Asked when a definition is
   * checked (`POST /sop/alur/periksa`) and before a version is activated (services/alur.ts
   * `galatDefinisi`), so an app's entry checks what only the type can tell without the plugin
   * knowing the entry.
   */
  periksaJenis?: (params: Params, jenis: JenisKonten) => string[];
};

/**
 * A content type as {@link EffectEntry.periksaJenis} sees it: its uid, its attributes as
 * Strapi runs them (its own and, on a type a workflow may be bound to, the engine's), and
 * the steps of the definition being checked (e.g. which `signRecord` writes which paraf).
 */
export type JenisKonten = {
  uid: string;
  attributes: Readonly<Record<string, { type?: string; [option: string]: unknown }>>;
  transitions: WorkflowData['transitions'];
};

/**
 * A field type: `schema(field)` is the zod schema of one field's value (required or not as
 * the field says); `check(field)` lists what is wrong with a field of this type (Indonesian).
 */
export type FieldTypeEntry = {
  describe?: string;
  schema: (field: FieldSpec) => z.ZodType;
  check?: (field: FieldSpec) => string[];
};

/** A redaction kind: `build(params)` gives what of a step's input may enter the audit digest. */
export type RedactionEntry<Params = unknown> = {
  params: z.ZodType<Params>;
  describe?: string;
  build: (params: Params) => (input: unknown) => unknown;
};

/** Every kind a definition may reference, by name; `roles` are the role keys a definition may name. */
export type Vocabulary = {
  guards: Readonly<Record<string, GuardEntry>>;
  effects: Readonly<Record<string, EffectEntry>>;
  fieldTypes: Readonly<Partial<Record<FieldType, FieldTypeEntry>>>;
  redactions: Readonly<Record<string, RedactionEntry>>;
  roles?: readonly string[];
};

/** A vocabulary part: any of the maps, merged into a whole by {@link mergeVocabularies}. */
export type VocabularyPart = Partial<Vocabulary>;

/** Declares a guard entry with typed params; stored type-erased. */
export const guardEntry = <Params>(entry: GuardEntry<Params>): GuardEntry => entry as unknown as GuardEntry;
/** Declares an effect entry with typed params; stored type-erased. */
export const effectEntry = <Params>(entry: EffectEntry<Params>): EffectEntry => entry as unknown as EffectEntry;
/** Declares a redaction entry with typed params; stored type-erased. */
export const redactionEntry = <Params>(entry: RedactionEntry<Params>): RedactionEntry => entry as unknown as RedactionEntry;

/**
 * One vocabulary from its parts (builtin, app, each SOP's). A name declared twice in one
 * map is a programming error: throws `Error` naming it, so two SOPs cannot silently
 * shadow each other's entries.
 */
export const mergeVocabularies = (...parts: VocabularyPart[]): Vocabulary => {
  const merged = { guards: {}, effects: {}, fieldTypes: {}, redactions: {} } as {
    guards: Record<string, GuardEntry>;
    effects: Record<string, EffectEntry>;
    fieldTypes: Partial<Record<FieldType, FieldTypeEntry>>;
    redactions: Record<string, RedactionEntry>;
  };
  const roles = new Set<string>();
  let anyRoles = false;
  for (const part of parts) {
    for (const kind of ['guards', 'effects', 'fieldTypes', 'redactions'] as const) {
      const target = merged[kind] as Record<string, unknown>;
      for (const [key, entry] of Object.entries(part[kind] ?? {})) {
        if (Object.prototype.hasOwnProperty.call(target, key)) throw new Error(`Kosakata alur: "${key}" dideklarasikan dua kali (${kind}).`);
        target[key] = entry;
      }
    }
    if (part.roles) {
      anyRoles = true;
      part.roles.forEach((role) => roles.add(role));
    }
  }
  return { ...merged, ...(anyRoles ? { roles: [...roles] } : {}) };
};

// ---------------------------------------------------------------------------
// Values: what an effect or a guard reads, as data.

/**
 * Where a value comes from:
 * - a JSON literal (`'surat-masuk'`, `3`, `true`, `null`);
 * - `{ masukan: 'caraka' }` a field of the step's input (dotted path: `'salinan.penerima'`);
 * - `{ seluruhMasukan: true }` the whole input;
 * - `{ fakta: 'penerima' }` a fact of the record (dotted path);
 * - `{ jumlah: <value> }` how many items a list value has;
 * - `{ sekarang: true }` the decision's moment, ISO 8601;
 * `atau` (on `masukan` and `fakta`) is used when the value is absent.
 */
export type ValueRef =
  | string
  | number
  | boolean
  | null
  | { masukan: string; atau?: ValueRef }
  | { seluruhMasukan: true }
  | { fakta: string; atau?: ValueRef }
  | { jumlah: ValueRef }
  | { sekarang: true };

const path = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'jalur nilai tidak sah');

/** zod schema of a {@link ValueRef}. */
export const valueRefSchema: z.ZodType<ValueRef> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.object({ masukan: path, atau: valueRefSchema.optional() }).strict(),
    z.object({ seluruhMasukan: z.literal(true) }).strict(),
    z.object({ fakta: path, atau: valueRefSchema.optional() }).strict(),
    z.object({ jumlah: valueRefSchema }).strict(),
    z.object({ sekarang: z.literal(true) }).strict(),
  ])
);

/** The value at a dotted path (`'salinan.penerima'`) inside `root`; undefined when any step is missing. */
export const valueAt = (root: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), root);

/** The value `ref` names in this decision's context (undefined when absent and no `atau`). */
export const resolveValue = (ref: ValueRef, context: GuardContext<unknown>): unknown => {
  if (ref === null || typeof ref !== 'object') return ref;
  if ('masukan' in ref) {
    const value = valueAt(context.input, ref.masukan);
    return value === undefined && ref.atau !== undefined ? resolveValue(ref.atau, context) : value;
  }
  if ('seluruhMasukan' in ref) return context.input;
  if ('fakta' in ref) {
    const value = valueAt(context.record, ref.fakta);
    return value === undefined && ref.atau !== undefined ? resolveValue(ref.atau, context) : value;
  }
  if ('jumlah' in ref) {
    const value = resolveValue(ref.jumlah, context);
    return Array.isArray(value) ? value.length : undefined;
  }
  return context.now.toISOString();
};

/** A fact read as the admin user ids it names: a number, a list of numbers, or nothing. */
export const userIds = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((id): id is number => typeof id === 'number' && Number.isInteger(id));

/** `'Masih ada {jumlah} salinan'` with `{ jumlah: 2 }` → `'Masih ada 2 salinan'`. */
export const fillMessage = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/**
 * An effect kind whose values are its params, each a {@link ValueRef} or literal as `shape`
 * allows, resolved in the decision's context: `{ caraka: { masukan: 'caraka' } }` → `{ caraka: 12 }`.
 */
export const valuesEffect = (shape: Record<string, z.ZodType>, describe?: string): EffectEntry =>
  effectEntry<Record<string, ValueRef>>({
    params: z.object(shape).strict() as unknown as z.ZodType<Record<string, ValueRef>>,
    describe,
    resolve: (params, context) => Object.fromEntries(Object.entries(params).map(([key, ref]) => [key, resolveValue(ref, context)])),
  });
