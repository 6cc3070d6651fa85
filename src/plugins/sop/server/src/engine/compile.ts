import { z } from 'zod';
import type { FieldSpec, Ref, TransitionData, WorkflowData } from './definition';
import { validateDefinition } from './validate';
import { userIds, valueAt, type Vocabulary } from './vocabulary';
import type { Effect, Guard, GuardContext, Transition, WorkflowDefinition } from './types';

/**
 * The zod schema of a step's `data`, derived from its field list: an object with exactly
 * these fields, each built by its field type; undefined when the step takes no data.
 */
export const inputSchemaOf = (fields: readonly FieldSpec[] | undefined, vocabulary: Vocabulary): z.ZodType | undefined => {
  if (!fields || fields.length === 0) return undefined;
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const entry = vocabulary.fieldTypes[field.type];
    if (!entry) throw new Error(`Jenis isian "${field.type}" tidak dikenal.`);
    shape[field.name] = entry.schema(field);
  }
  return z.object(shape).strict();
};

const paramsOf = (entry: { params: z.ZodType }, ref: Ref): unknown => entry.params.parse(ref.params ?? {});

/** Whether a guard's params read the step's input anywhere (a `{ masukan }` value reference). */
const readsInput = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (Object.prototype.hasOwnProperty.call(value, 'masukan') || Object.values(value as Record<string, unknown>).some(readsInput));

const compileTransition = (data: TransitionData, vocabulary: Vocabulary): Transition<unknown> => {
  const guards = (refs: readonly Ref[] | undefined): Guard<unknown>[] | undefined =>
    refs?.map((ref) => {
      const entry = vocabulary.guards[ref.type];
      return entry.build(paramsOf(entry, ref));
    });
  const effects = data.effects?.map((ref) => {
    const entry = vocabulary.effects[ref.type];
    const params = paramsOf(entry, ref);
    return (context: GuardContext<unknown>): Effect | null => {
      const values = entry.resolve(params, context);
      return values === null ? null : { type: ref.type, ...values };
    };
  });
  const redaction = data.redact ? vocabulary.redactions[data.redact.type] : undefined;
  const input = inputSchemaOf(data.input, vocabulary);
  const transition: Transition<unknown> = {
    from: [...data.from],
    to: data.to,
    label: data.label,
    roles: data.roles,
    fields: data.input ?? [],
    ...(data.langkah !== undefined ? { langkah: data.langkah } : {}),
    ...(data.catatan !== undefined ? { catatan: data.catatan } : {}),
    ...(data.kind !== undefined ? { kind: data.kind } : {}),
    ...(input ? { input } : {}),
    ...(data.actorRules ? { actorRules: guards(data.actorRules) } : {}),
    ...(data.inputRules ? { inputRules: guards(data.inputRules) } : {}),
    ...(data.guards ? { guards: guards(data.guards), factGuards: guards(data.guards.filter((ref) => !readsInput(ref.params))) } : {}),
    ...(redaction && data.redact ? { redact: redaction.build(paramsOf(redaction, data.redact)) } : {}),
    ...(data.effects ? { effectTypes: data.effects.map((ref) => ref.type) } : {}),
    ...(effects ? { effects: (context) => effects.map((effect) => effect(context)).filter((effect): effect is Effect => effect !== null) } : {}),
  };
  return transition;
};

/**
 * Turns a definition (data) into the runtime `WorkflowDefinition` that `decide()`,
 * `availableActions`, the diagram, the views and notify read. Validates first: an invalid
 * definition throws `Error` listing every problem (Indonesian), so a broken definition
 * never starts. The data is not kept by reference: a later change to it changes nothing.
 */
export const compileWorkflow = (definition: WorkflowData, vocabulary: Vocabulary): WorkflowDefinition => {
  const verdict = validateDefinition(definition, vocabulary);
  if (!verdict.ok) {
    const model = typeof (definition as { model?: unknown })?.model === 'string' ? definition.model : '?';
    throw new Error(`Definisi alur "${model}" tidak sah: ${verdict.masalah.map((one) => `${one.path}: ${one.pesan}`).join('; ')}`);
  }
  const facts = definition.assignees?.fakta;
  return {
    model: definition.model,
    uid: definition.uid,
    title: definition.title,
    ...(definition.sop !== undefined ? { sop: definition.sop } : {}),
    initial: definition.initial,
    ...(definition.pengawas !== undefined ? { pengawas: definition.pengawas } : {}),
    ...(facts ? { assignees: (record) => facts.flatMap((fact) => userIds(valueAt(record, fact))) } : {}),
    states: definition.states.map((state) => ({ ...state })),
    transitions: definition.transitions.map((transition) => compileTransition(transition, vocabulary)),
  };
};

/**
 * The input schema of the step `from` → `to` of a compiled definition, for code and tests that
 * name a step's schema (e.g. `tandaTerimaInput`). Throws `Error` when there is no such step or
 * it takes no data: a programming error, found when the module loads.
 */
export const transitionInput = <Output = unknown>(definition: WorkflowDefinition, from: string, to: string): z.ZodType<Output> => {
  const found = definition.transitions.find((candidate) => candidate.from.includes(from) && candidate.to === to);
  if (!found?.input) throw new Error(`Alur ${definition.model}: langkah ${from} → ${to} tidak menerima data.`);
  return found.input as z.ZodType<Output>;
};
