import type { z } from 'zod';
import type { FieldSpec } from './definition';

/** Who asks for a transition: an admin user with the SOP roles they hold. */
export type Actor = {
  id: number;
  name: string;
  /** every role the actor may act in now: their own and those they hold as an acting official */
  roles: readonly string[];
  /** the roles among `roles` held only as an acting official (Plh / Plt) now, and for whom */
  mewakili?: readonly Perwakilan[];
};

/**
 * An acting official's mandate (Permendagri 1/2023: Pelaksana Harian / Pelaksana Tugas): acting in
 * role `peran` for its holder `atasNama`, as `jenis` `plh` (the holder is away) or `plt` (the post is vacant).
 */
export type Perwakilan = { peran: string; jenis: 'plh' | 'plt'; atasNama: { id: number; nama: string } };

/**
 * What the server knows about a record when deciding: its state plus the facts
 * the guards read (paraf given, copies and their receipts, who is assigned).
 */
export type RecordFacts = {
  tahap: string;
  [fact: string]: unknown;
};

/** Something the Strapi layer carries out inside the transition's transaction. */
export type Effect = { type: string; [parameter: string]: unknown };

export type GuardContext<Input> = {
  record: RecordFacts;
  input: Input;
  actor: Actor;
  now: Date;
};

/** Returns null when the step may go ahead, or the reason (Bahasa Indonesia) when not. */
export type Guard<Input = unknown> = (context: GuardContext<Input>) => string | null;

export type Transition<Input = unknown> = {
  from: readonly string[];
  to: string;
  /** the button text in the admin panel */
  label: string;
  /** SOP step number(s) this transition carries out, for the diagram and the README */
  langkah?: string;
  roles: readonly string[];
  /** schema of `data`; a transition without one takes an empty body */
  input?: z.ZodType<Input>;
  /** the typed field list `input` is derived from (compiled definitions), for the panel and `rolesListableBy` */
  fields?: readonly FieldSpec[];
  catatan?: 'wajib' | 'opsional';
  /** who among the role holders may act on this record (e.g. only the assigned Sandiman); refused 403 */
  actorRules?: readonly Guard<unknown>[];
  /** input rules that depend on the record (answered 400 like schema errors) */
  inputRules?: readonly Guard<Input>[];
  guards?: readonly Guard<Input>[];
  /**
   * the guards that read only the record's facts and the actor, not the step's input (compiled
   * definitions: those whose params name no `masukan`); `offeredActions` checks them before the
   * input is known, so a button or a queue item appears only when the step can pass
   */
  factGuards?: readonly Guard<unknown>[];
  /** what of the input may enter the audit digest (classified text must not) */
  redact?: (input: Input) => unknown;
  effects?: (context: GuardContext<Input>) => Effect[];
  /** the effect types `effects` may return (compiled definitions), for the boot-time handler check */
  effectTypes?: readonly string[];
  /** a return or void, drawn apart from the main line in the diagram */
  kind?: 'maju' | 'kembali' | 'batal';
};

export type State = {
  key: string;
  label: string;
  final?: boolean;
};

export type WorkflowDefinition = {
  /** the `:model` of `/sop/:model/...` */
  model: string;
  uid: string;
  title: string;
  /** the SOP this workflow carries out, as named in its service standard */
  sop?: string;
  initial: string;
  /** the role that oversees every record of this workflow (overdue digest); default Kasi */
  pengawas?: string;
  /**
   * Admin user ids the record is assigned to now (the assigned Sandiman, the Caraka of the
   * copies), read from the record's facts; step e-mails go to these people alone when they
   * may act next, not to every holder of the role. Default: nobody is assigned.
   */
  assignees?: (record: RecordFacts) => readonly number[];
  states: readonly State[];
  transitions: readonly Transition<unknown>[];
};

export type Refusal =
  | { ok: false; reason: 'peran'; message: string }
  | { ok: false; reason: 'tahap'; message: string }
  | { ok: false; reason: 'input'; message: string; issues: { path: string; message: string }[] }
  | { ok: false; reason: 'syarat'; message: string };

export type Decision<Input = unknown> = {
  ok: true;
  from: string;
  to: string;
  transition: Transition<Input>;
  input: Input;
  catatan: string | null;
  effects: Effect[];
};
