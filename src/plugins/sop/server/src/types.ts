import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Actor, Effect, Perwakilan, WorkflowDefinition } from './engine/types';
import type { WorkflowData } from './engine/definition';
import type { KoreksiRule } from './engine/koreksi';

/**
 * An admin user as the SOP sees them: id, name, the SOP roles they hold, e-mail and the role names
 * shown on records; while taking a step as an acting official, `peran` reads "Plh. <jabatan>" and
 * `atasNama` names the holder acted for.
 */
export type StaffActor = Actor & { email: string | null; peran: string; isSuperAdmin: boolean; atasNama?: string };

/**
 * The app's acting officials (Plh / Plt), as the engine asks for them: the mandates `userId`
 * holds at `now` (role, kind, and the holder acted for), or — with `userId` null — every
 * mandate running at `now`, each with its deputy (`pelaksana`), for who-acts-next e-mails.
 */
export type ActingRolesProvider = {
  of: (strapi: Core.Strapi, userId: number, now: Date) => Promise<Perwakilan[]>;
  running: (strapi: Core.Strapi, now: Date) => Promise<(Perwakilan & { pelaksana: number })[]>;
};

/** Who is writing through the document service now, as the audit trail names them. */
export type Writer = {
  /** `admin`: a panel user (content manager, `/sop`); `api`: a REST user or token; `sistem`: server code with no request */
  jalur: 'admin' | 'api' | 'sistem';
  actor: StaffActor | null;
  aktorId: number | null;
  aktorNama: string;
  aktorPeran: string;
};

/**
 * A record as the engine reads it for one step or one view: its identity, state and
 * optimistic-lock version, the deadline and number shown to staff, the facts the
 * workflow's guards read, and the raw row the SOP's own effects and views use.
 */
export type LoadedRecord = {
  id: number;
  documentId: string;
  tahap: string;
  versi: number;
  /** the number of the workflow version the record started under (and finishes under); 1 for rows older than versioning */
  alurVersi: number;
  tenggat: string | null;
  nomorAgenda: string | null;
  facts: WorkflowFacts;
  row: Record<string, unknown>;
};

/** The facts a workflow's guards read: the state plus whatever the SOP's loader adds. */
export type WorkflowFacts = { tahap: string; [fact: string]: unknown };

/** Loads one record of an SOP by documentId (null when there is none), with its facts. */
export type RecordLoader = (strapi: Core.Strapi, documentId: string) => Promise<LoadedRecord | null>;

/** How the workflow gate treats one content type. */
export type GovernedFields = {
  /** fields only the transition service writes */
  serverOwned: readonly string[];
  /** records are created and deleted only by transitions (copies, cards) */
  transitionOnly: boolean;
  /** `tenggat` = one service day after `waktuDiterima` (set by the gate on create and when the time is corrected) */
  slaFromReceipt?: boolean;
  /** server-owned fields the mailbox intake sets when it creates the record */
  intakeOwned?: readonly string[];
  /** the type's own middleware writes the creation's audit row (complaints: with the ticket number) */
  auditsOwnCreation?: boolean;
};

/**
 * Who may write a record outside its steps, beyond the content-manager grant (a kriptogram:
 * its Sandiman or the Kasi; a mandate that has run is not deleted). Takes the writer, the stored
 * row and whether it is to be updated or deleted; returns null when allowed, else the reason
 * (refused 403).
 */
export type EditorRule = (writer: Writer, current: Record<string, unknown>, action: 'update' | 'delete') => string | null;

/**
 * An SOP's own check of a write outside its steps (recipients and their channels, …),
 * run by the gate after its generic checks. May drop fields from `data` that merely echo
 * stored values; throws a Strapi error (ValidationError 400, PolicyError 403) to refuse.
 */
export type WriteScreen = (
  strapi: Core.Strapi,
  write: {
    action: 'create' | 'update';
    uid: string;
    documentId: string | null;
    current: Record<string, unknown> | null;
    data: Record<string, unknown>;
  }
) => Promise<void>;

/** The gate's hooks for one content type (see EditorRule, WriteScreen). */
export type GateHooks = { editorRule?: EditorRule; screens?: readonly WriteScreen[] };

/** A governed content type as the gate sees it: its fields, its hooks, its correction rule, and its workflow when it runs one. */
export type GovernedType = GovernedFields & GateHooks & { uid: string; definition?: WorkflowDefinition; koreksi?: KoreksiRule };

/** The content manager's list columns and first sort for a content type. */
export type ListView = { list: readonly string[]; mainField?: string; defaultSortBy?: string; defaultSortOrder?: 'ASC' | 'DESC' };

/** A content type that belongs to an SOP without a workflow of its own (a kartu kendali, a salinan). */
export type RelatedType = { uid: string; governed: GovernedFields; listView: ListView; gate?: GateHooks };

/**
 * How a person names one record: its number (agenda, ticket…) and its subject — never an internal id;
 * `judul`, when given, is its name on one line where that is not `nomor — perihal` (a copy is named by
 * its recipient in "Antrian saya", as DESIGN's `GET /sop/antrian` fixes).
 */
export type NamaNaskah = { nomor: string | null; perihal: string; judul?: string };

/**
 * Who reads a record's name: whether they may read these fields of the SOP's own content type
 * (or of `uid`, e.g. a related salinan).
 */
export type NamaReader = { mayReadFields: (fields: readonly string[], uid?: string) => boolean };

/**
 * How an SOP names its records — the one way, for e-mails, the overdue digest and "Antrian saya":
 * the stored columns of its own type it reads (`fields`; a notification selects them and goes only
 * to who may read them all) and the name it makes of a row, using only what `reader` may read (a
 * related record's field, such as a kriptogram's salinan perihal, only when the loader brought it
 * and the reader may read it). Without one, the engine uses `nomorAgenda` and `perihal`, else the
 * workflow's title. Never an internal id.
 */
export type RecordNamer = { fields: readonly string[]; nama: (row: Readonly<Record<string, unknown>>, reader: NamaReader) => NamaNaskah };

/**
 * Everything the engine needs to run one SOP — registered by the app, one per SOP
 * (`src/sop-defs/<sop>/index.ts`).
 */
export type SopRegistration = {
  model: string;
  uid: string;
  definition: WorkflowDefinition;
  /** `definition` as data (its definition.json): stored as version 1 at the first boot, and compared by hash at every boot */
  definitionData?: WorkflowData;
  loadRecord: RecordLoader;
  governed: GovernedFields;
  listView: ListView;
  /** the gate's hooks for writes outside the steps */
  gate?: GateHooks;
  /** the correction step: fields frozen once registered in the agenda, who may correct them */
  koreksi?: KoreksiRule;
  /** handlers of the effect types this SOP's definition uses that the engine does not carry out itself */
  effects?: Readonly<Record<string, EffectHandler>>;
  /** fields this SOP adds to its record view */
  view?: ViewExtension;
  /** work on a step's input before its transaction */
  prepareInput?: PrepareInput;
  /** what else a correction changes, inside its transaction (e.g. a kriptogram's klasifikasi into its salinan) */
  afterKoreksi?: (strapi: Core.Strapi, correction: { record: LoadedRecord; values: Record<string, unknown> }) => Promise<void>;
  /** work to run once a step that carried out this effect type has committed (see events.ts) */
  afterCommit?: Readonly<Record<string, AfterCommitHandler>>;
  related?: readonly RelatedType[];
  /** how a person names a record of this SOP — e-mails, the overdue digest, "Antrian saya" — by number and subject (see RecordNamer) */
  namaNaskah?: RecordNamer;
  /**
   * a workflow bound from data (services/binding.ts): the app's read rights know nothing of its type,
   * so the roles its versions name read its records and fields
   */
  readByWorkflowRoles?: boolean;
};

/**
 * Facts an app adds to every record of a workflow bound from data (services/binding.ts), which
 * the engine cannot load itself: e.g. the copies made for its recipients, `distribusi:
 * [{ documentId, tahap, penerima, nomorSalinan }]`, which the guard `everyCopyDelivered` and the
 * record view's copy list read. Takes the record's workflow (`model`), content type and ids;
 * returns facts that take the place of the record's own of the same name. Runs inside the step's
 * transaction when a step loads the record; throws what the database throws.
 */
export type BoundFactsProvider = (
  strapi: Core.Strapi,
  record: { model: string; uid: string; id: number; documentId: string }
) => Promise<Record<string, unknown>>;

/**
 * The office's service calendar as loaded now (published service hours and holidays):
 * the engine computes deadlines and lateness with it. Instants are Date objects;
 * `tanggal` is a local date `YYYY-MM-DD` in the office's zone (WIB).
 */
export type ServiceCalendar = {
  /** when something received at `receivedAt` is due (the service standard's one service day) */
  tenggat: (receivedAt: Date) => Date;
  /** working minutes from `from` to `to` inside service hours (0 when `to` is earlier) */
  workingMinutesBetween: (from: Date, to: Date) => number;
  /** the instant `minutes` working minutes after `start`, counted only inside service hours (a start outside them counts from the next opening) */
  addWorkingMinutes: (start: Date, minutes: number) => Date;
  /** whether the office is closed on this local date (a holiday) */
  isHoliday: (tanggal: string) => boolean;
  /** the local date (`YYYY-MM-DD`, WIB) of an instant */
  localDate: (instant: Date) => string;
};

/** Loads the service calendar as it stands (the app's schedule provider). */
export type SopCalendarProvider = (strapi: Core.Strapi) => Promise<ServiceCalendar>;

/** Sends one plain-text e-mail (the app's mail door); rejects when the mail provider does. */
export type SopMailer = (strapi: Core.Strapi, mail: { to: string; subject: string; text: string }) => Promise<void>;

/**
 * What the engine announces after every committed step (Strapi's eventHub event and
 * webhook event `sop.transition`). It names the step and who took it, never the step's
 * input: a salinan's text must not leave the server in a webhook.
 */
export type SopTransitionEvent = {
  model: string;
  uid: string;
  documentId: string;
  dari: string;
  ke: string;
  keLabel: string;
  /** the transition's button text */
  aksi: string;
  langkah: string | null;
  jenis: 'maju' | 'kembali' | 'batal';
  aktor: { id: number; nama: string; peran: string };
  catatan: string | null;
  /** ISO 8601 instant of the step */
  waktu: string;
  versi: number;
  /** the workflow version the record runs under */
  alurVersi: number;
  /** admin user id the step assigned by name (the Caraka or Sandiman chosen), else null */
  ditugaskan: number | null;
  /** the effect types the step carried out, in order */
  efek: string[];
};

/**
 * Work an SOP runs once its step has committed (an e-mail to the complainant, a photo normalised on disk).
 * `effect` is the resolved effect of this type as `decide()` returned it (`{ type, ...values }`), when the
 * step was taken in this process; the event itself never carries effect values (they could name the input).
 */
export type AfterCommitHandler = (strapi: Core.Strapi, event: SopTransitionEvent, effect?: Effect) => Promise<void>;

/** What an effect handler works with: the step's transaction, the record as loaded for it, who acts and when. */
export type EffectContext = {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  model: string;
  uid: string;
  record: LoadedRecord;
  actor: StaffActor;
  now: Date;
  /**
   * Queues work to run after every effect and the audit row, as the transaction's last
   * statements: for locks that must stay (the agenda counter), so they are held only
   * from there to the commit.
   */
  atEnd: (work: () => Promise<void>) => void;
};

/**
 * Carries out one resolved effect (`{ type, ...values }`, as `decide()` returns it) inside the
 * step's transaction; throws a Strapi error (ValidationError 400, ApplicationError) to roll the step back.
 */
export type EffectHandler = (effect: Effect, context: EffectContext) => Promise<void>;

/**
 * The app's read rights, as the engine asks them: whether an actor may open records of a
 * content type at all, and whether they may read these fields of it (a role's field allow-list).
 */
export type SopAccess = {
  mayRead: (actor: StaffActor, uid: string) => boolean;
  /** `fields` absent asks for the whole record (what a field-limited grant does not give) */
  mayReadFields: (actor: StaffActor, subject: { uid: string; fields?: readonly string[] }) => boolean;
};

/**
 * Fields an app or an SOP adds to the record view (`GET /sop/:model/:documentId`) — the documents
 * this user may print, a kriptogram's plaintext link — computed for this actor. Never throws for
 * a refusal: it leaves a field out or sets it null instead.
 */
export type ViewExtension = (
  strapi: Core.Strapi,
  context: { model: string; documentId: string; record: LoadedRecord; actor: StaffActor }
) => Promise<Record<string, unknown>>;

/**
 * An SOP's work on a step's input before its transaction opens (file checks and rewrites that
 * must not hold the step's locks). Throws a Strapi error (ValidationError 400) to refuse the step.
 */
export type PrepareInput = (strapi: Core.Strapi, input: { model: string; documentId: string; data: unknown; actor: StaffActor }) => Promise<void>;
