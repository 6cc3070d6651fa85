import type { Core } from '@strapi/strapi';
import type { WorkflowDefinition } from '../engine/types';
import type { AfterCommitHandler } from './events';
import type { Writer } from './actor';
import type { KoreksiRule } from '../../../../../sop-defs/koreksi';

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
 * its Sandiman or the Kasi). Takes the writer and the stored row; returns null when allowed,
 * else the reason (refused 403).
 */
export type EditorRule = (writer: Writer, current: Record<string, unknown>) => string | null;

/**
 * An SOP's own check of a write outside its steps (recipients and their channels, …),
 * run by the gate after its generic checks. May drop fields from `data` that merely echo
 * stored values; throws a Strapi error (ValidationError 400, PolicyError 403) to refuse.
 */
export type WriteScreen = (
  strapi: Core.Strapi,
  write: { action: 'create' | 'update'; uid: string; documentId: string | null; current: Record<string, unknown> | null; data: Record<string, unknown> }
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
 * Everything the engine needs to run one SOP — registered by the app, one per SOP
 * (`src/sop-defs/<sop>/index.ts`). `effects` are the handlers of the effect types the
 * definition uses that the engine does not provide itself.
 */
export type SopRegistration<Handler = unknown> = {
  model: string;
  uid: string;
  definition: WorkflowDefinition;
  loadRecord: RecordLoader;
  governed: GovernedFields;
  listView: ListView;
  /** the gate's hooks for writes outside the steps */
  gate?: GateHooks;
  /** the correction step: fields frozen once registered in the agenda, who may correct them */
  koreksi?: KoreksiRule;
  effects?: Readonly<Record<string, Handler>>;
  /** work to run once a step that carried out this effect type has committed (see events.ts) */
  afterCommit?: Readonly<Record<string, AfterCommitHandler>>;
  related?: readonly RelatedType[];
};

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
  /** whether the office is closed on this local date (a holiday) */
  isHoliday: (tanggal: string) => boolean;
  /** the local date (`YYYY-MM-DD`, WIB) of an instant */
  localDate: (instant: Date) => string;
};

/** Loads the service calendar as it stands (the app's schedule provider). */
export type SopCalendarProvider = (strapi: Core.Strapi) => Promise<ServiceCalendar>;

/** Sends one plain-text e-mail (the app's mail door); rejects when the mail provider does. */
export type SopMailer = (strapi: Core.Strapi, mail: { to: string; subject: string; text: string }) => Promise<void>;

/** Thrown at boot when a registration is incomplete or collides with another; the message says which part. */
export class SopRegistrationError extends Error {
  override name = 'SopRegistrationError';
}

/**
 * The SOPs the engine runs, looked up by `:model` (the `/sop/:model/...` segment) or by
 * content-type uid. Filled by the app during `register`; read by every engine service.
 */
export const createSopRegistry = <Handler = unknown>() => {
  const byModel = new Map<string, SopRegistration<Handler>>();
  const governedByUid = new Map<string, GovernedType>();
  const listViews = new Map<string, ListView>();
  const effectHandlers = new Map<string, Handler>();
  const afterCommitHandlers = new Map<string, AfterCommitHandler>();
  const roleNames = new Map<string, string>();
  let calendarProvider: SopCalendarProvider | null = null;
  let mailSender: SopMailer | null = null;

  const addGoverned = (uid: string, governed: GovernedFields, listView: ListView, extra: Omit<GovernedType, 'uid' | keyof GovernedFields>) => {
    if (governedByUid.has(uid)) throw new SopRegistrationError(`Jenis konten ${uid} sudah terdaftar pada SOP lain.`);
    governedByUid.set(uid, { ...governed, ...extra, uid });
    listViews.set(uid, listView);
  };

  return {
    /** Adds one SOP; throws SopRegistrationError when a part is missing or its model/uid is taken. */
    register(registration: SopRegistration<Handler>): void {
      const missing = (['model', 'uid', 'definition', 'loadRecord', 'governed', 'listView'] as const).filter(
        (part) => registration[part] === undefined || registration[part] === null
      );
      if (missing.length > 0) throw new SopRegistrationError(`SOP "${registration.model ?? '?'}" tidak lengkap: ${missing.join(', ')} belum ada.`);
      if (registration.definition.model !== registration.model || registration.definition.uid !== registration.uid) {
        throw new SopRegistrationError(`SOP "${registration.model}": model/uid pada definisi (${registration.definition.model}, ${registration.definition.uid}) tidak sama dengan pendaftarannya.`);
      }
      if (byModel.has(registration.model)) throw new SopRegistrationError(`SOP "${registration.model}" sudah terdaftar.`);
      addGoverned(registration.uid, registration.governed, registration.listView, {
        ...registration.gate,
        definition: registration.definition,
        ...(registration.koreksi ? { koreksi: registration.koreksi } : {}),
      });
      for (const related of registration.related ?? []) addGoverned(related.uid, related.governed, related.listView, { ...related.gate });
      for (const [type, handler] of Object.entries(registration.effects ?? {})) {
        if (effectHandlers.has(type)) throw new SopRegistrationError(`Efek "${type}" didaftarkan dua kali (SOP "${registration.model}").`);
        effectHandlers.set(type, handler);
      }
      for (const [type, handler] of Object.entries(registration.afterCommit ?? {})) {
        if (afterCommitHandlers.has(type)) throw new SopRegistrationError(`Penangan setelah langkah untuk efek "${type}" didaftarkan dua kali (SOP "${registration.model}").`);
        afterCommitHandlers.set(type, handler);
      }
      byModel.set(registration.model, registration);
    },
    /** Adds effect handlers the engine offers every SOP (agenda numbers, fields…); throws on a duplicate type. */
    registerEffects(handlers: Readonly<Record<string, Handler>>): void {
      for (const [type, handler] of Object.entries(handlers)) {
        if (effectHandlers.has(type)) throw new SopRegistrationError(`Efek "${type}" didaftarkan dua kali.`);
        effectHandlers.set(type, handler);
      }
    },
    /** The app's SOP roles: key (as definitions name them) → admin role name; replaces any earlier list. */
    useRoles(roles: Readonly<Record<string, string>>): void {
      roleNames.clear();
      for (const [key, name] of Object.entries(roles)) roleNames.set(key, name);
    },
    /** The admin role name of a role key, or the key itself when the app did not name it. */
    roleName: (key: string): string => roleNames.get(key) ?? key,
    /** The role key of an admin role name; undefined for roles outside the SOPs (e.g. Super Admin). */
    roleKeyOf: (name: string): string | undefined => [...roleNames.entries()].find(([, roleName]) => roleName === name)?.[0],
    roleKeys: (): string[] => [...roleNames.keys()],
    /** The app's one mail door (see SopMailer). */
    useMailer(sender: SopMailer): void {
      mailSender = sender;
    },
    /** The mail door; throws SopRegistrationError when the app gave none. */
    mailer(): SopMailer {
      if (!mailSender) throw new SopRegistrationError('Pengirim surel belum diberikan kepada mesin SOP (useMailer).');
      return mailSender;
    },
    /** The app's schedule provider (see ServiceCalendar). */
    useCalendar(provider: SopCalendarProvider): void {
      calendarProvider = provider;
    },
    /** The service calendar as it stands; throws SopRegistrationError when the app gave no provider. */
    calendar(strapi: Core.Strapi): Promise<ServiceCalendar> {
      if (!calendarProvider) throw new SopRegistrationError('Kalender layanan belum diberikan kepada mesin SOP (useCalendar).');
      return calendarProvider(strapi);
    },
    /** The correction rule of a workflow by `:model`. */
    koreksi: (model: string): KoreksiRule | undefined => byModel.get(model)?.koreksi,
    sop: (model: string): SopRegistration<Handler> | undefined => byModel.get(model),
    workflow: (model: string): WorkflowDefinition | undefined => byModel.get(model)?.definition,
    workflowByUid: (uid: string): WorkflowDefinition | undefined => governedByUid.get(uid)?.definition,
    all: (): SopRegistration<Handler>[] => [...byModel.values()],
    workflows: (): WorkflowDefinition[] => [...byModel.values()].map((registration) => registration.definition),
    governed: (uid: string): GovernedType | undefined => governedByUid.get(uid),
    governedTypes: (): GovernedType[] => [...governedByUid.values()],
    listView: (uid: string): ListView | undefined => listViews.get(uid),
    effectHandler: (type: string): Handler | undefined => effectHandlers.get(type),
    effectTypes: (): string[] => [...effectHandlers.keys()],
    afterCommitHandler: (type: string): AfterCommitHandler | undefined => afterCommitHandlers.get(type),
  };
};

export type SopRegistry<Handler = unknown> = ReturnType<typeof createSopRegistry<Handler>>;

/** The plugin's `registry` service: one registry per Strapi instance, shared by every engine service. */
export default () => createSopRegistry();

type StoredRecord = { id: number; documentId: string; tahap: string; versi: number | null };

/**
 * A loaded record from a stored row (id, documentId, tahap, versi), the facts the SOP's
 * loader computed and the deadline and number staff see; `versi` null counts as 0.
 */
export const loadedRecord = (row: StoredRecord, facts: object, shown: { tenggat: string | null; nomorAgenda: string | null }): LoadedRecord => ({
  id: row.id,
  documentId: row.documentId,
  tahap: row.tahap,
  versi: Number(row.versi ?? 0),
  ...shown,
  facts: facts as WorkflowFacts,
  row: row as unknown as Record<string, unknown>,
});

/** The registry of a running Strapi (`strapi.plugin('sop').service('registry')`). */
export const sopRegistryOf = (strapi: Core.Strapi): SopRegistry => strapi.plugin('sop').service('registry') as SopRegistry;
