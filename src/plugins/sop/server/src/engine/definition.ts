import { createHash } from 'crypto';
import { z } from 'zod';
import { canonicalJson } from './audit-chain';

/**
 * A workflow definition as plain data (issue 12, shared decisions 1 and 2): JSON that can be
 * stored, diffed, hashed and validated. Its behaviour — guards, effects, field types,
 * redactions — is named by `{ type, params }` references into a closed vocabulary registered
 * in code (see vocabulary.ts); `compileWorkflow` (compile.ts) turns it into the runtime
 * `WorkflowDefinition` that `decide()` reads.
 */

/** The kinds of input field a step may ask for; the admin panel renders each generically. */
export const FIELD_TYPES = ['teks', 'teksPanjang', 'waktu', 'pengguna', 'berkas', 'checklist', 'salinan'] as const;

/**
 * `teks` one line, `teksPanjang` a paragraph, `waktu` an ISO 8601 date-time with offset,
 * `pengguna` the id of an active user of `peran`, `berkas` an uploaded file's id,
 * `checklist` ticks (`items`), `salinan` the kriptogram's salinan editor.
 */
export type FieldType = (typeof FIELD_TYPES)[number];

/** One tick of a `checklist` field; `wajib` ticks must be ticked (true). */
export type ChecklistItem = {
  name: string;
  label: string;
  wajib: boolean;
  /** the refusal when a `wajib` tick is missing (default: "<label> wajib dicentang") */
  pesan?: string;
};

/** One input field of a step, as the panel renders it and the server validates it. */
export type FieldSpec = {
  name: string;
  type: FieldType;
  label: string;
  wajib: boolean;
  /** most characters (text types) */
  maks?: number;
  /** fewest characters (text types) */
  min?: number;
  /** type `pengguna`: the role whose active users may be picked */
  peran?: string;
  /** type `checklist`: its ticks */
  items?: ChecklistItem[];
  /** one line of help under the field */
  bantuan?: string;
  /** the refusal when a required field is missing or shorter than `min` (default: "<name> wajib diisi") */
  pesan?: string;
};

/** A reference to a vocabulary entry: its name and its params (checked by the entry's zod schema). */
export type Ref = { type: string; params?: Record<string, unknown> };

/** A state of the workflow; `final` states end it. */
export type StateData = { key: string; label: string; final?: boolean };

/** One step between states, as data. */
export type TransitionData = {
  from: string[];
  to: string;
  /** the button text in the admin panel */
  label: string;
  /** SOP step number(s) this transition carries out */
  langkah?: string;
  roles: string[];
  catatan?: 'wajib' | 'opsional';
  kind?: 'maju' | 'kembali' | 'batal';
  /** the `data` the step takes; absent or empty: none */
  input?: FieldSpec[];
  /** who among the role holders may act on this record (refused 403) */
  actorRules?: Ref[];
  /** input rules that depend on the record (refused 400) */
  inputRules?: Ref[];
  /** conditions on the record (refused 409) */
  guards?: Ref[];
  /** what the Strapi layer carries out, in order */
  effects?: Ref[];
  /** what of the input may enter the audit digest */
  redact?: Ref;
};

/** A whole workflow as data (`src/sop-defs/<sop>/definition.json`). */
export type WorkflowData = {
  model: string;
  uid: string;
  title: string;
  sop?: string;
  initial: string;
  /** the role that oversees every record (overdue digest); default Kasi */
  pengawas?: string;
  /** facts naming the admin user ids the record is assigned to (a number, null or a list of numbers) */
  assignees?: { fakta: string[] };
  states: StateData[];
  transitions: TransitionData[];
};

const name = z.string().trim().min(1, 'tidak boleh kosong');

/** The longest state key: what the audit trail's `dari`/`ke` columns and a bound type's `tahap` hold (60). */
export const STATE_KEY_MAKS = 60;
const stateKey = name.max(STATE_KEY_MAKS, `kunci tahap paling banyak ${STATE_KEY_MAKS} karakter`);

/** zod schema of a `Ref`. */
export const refSchema: z.ZodType<Ref> = z.object({ type: name, params: z.record(z.string(), z.unknown()).optional() }).strict();

const checklistItemSchema = z.object({ name, label: name, wajib: z.boolean(), pesan: z.string().min(1).optional() }).strict();

/** zod schema of a `FieldSpec`. */
export const fieldSpecSchema: z.ZodType<FieldSpec> = z
  .object({
    name,
    type: z.enum(FIELD_TYPES, 'jenis isian tidak dikenal'),
    label: name,
    wajib: z.boolean(),
    maks: z.number().int().positive().optional(),
    min: z.number().int().nonnegative().optional(),
    peran: name.optional(),
    items: z.array(checklistItemSchema).min(1).optional(),
    bantuan: z.string().min(1).optional(),
    pesan: z.string().min(1).optional(),
  })
  .strict();

const transitionSchema: z.ZodType<TransitionData> = z
  .object({
    from: z.array(name).min(1, 'paling sedikit satu tahap asal'),
    to: name,
    label: name,
    langkah: z.string().min(1).optional(),
    roles: z.array(name).min(1, 'paling sedikit satu peran'),
    catatan: z.enum(['wajib', 'opsional']).optional(),
    kind: z.enum(['maju', 'kembali', 'batal']).optional(),
    input: z.array(fieldSpecSchema).optional(),
    actorRules: z.array(refSchema).optional(),
    inputRules: z.array(refSchema).optional(),
    guards: z.array(refSchema).optional(),
    effects: z.array(refSchema).optional(),
    redact: refSchema.optional(),
  })
  .strict();

/** The most states a definition may have. */
export const MAX_STATES = 60;
/** The most transitions (steps) a definition may have. */
export const MAX_TRANSITIONS = 200;

/** zod schema of a whole definition: the shape only; `validateDefinition` checks the meaning. */
export const workflowDataSchema: z.ZodType<WorkflowData> = z
  .object({
    model: name,
    uid: name,
    title: name,
    sop: z.string().min(1).optional(),
    initial: name,
    pengawas: name.optional(),
    assignees: z
      .object({ fakta: z.array(name) })
      .strict()
      .optional(),
    // far above any service standard (the berita has 11 steps), low enough that drawing and checking stay cheap
    states: z
      .array(z.object({ key: stateKey, label: name, final: z.boolean().optional() }).strict())
      .min(1, 'paling sedikit satu tahap')
      .max(MAX_STATES, `paling banyak ${MAX_STATES} tahap`),
    transitions: z.array(transitionSchema).max(MAX_TRANSITIONS, `paling banyak ${MAX_TRANSITIONS} langkah`),
  })
  .strict();

/**
 * The version fingerprint of a definition: sha256 (hex) of its canonical JSON — key order and
 * whitespace do not change it, any change of content does (Mayan EDMS hashes its workflows alike).
 */
export const hashDefinition = (definition: WorkflowData): string => createHash('sha256').update(canonicalJson(definition)).digest('hex');
