import type { Core } from '@strapi/strapi';
import type { WorkflowDefinition } from '../engine/types';
import type { KoreksiRule } from '../engine/koreksi';
import type { Vocabulary } from '../engine/vocabulary';
import type {
  ActingRolesProvider,
  AfterCommitHandler,
  BoundFactsProvider,
  EffectHandler,
  GovernedFields,
  GovernedType,
  ListView,
  LoadedRecord,
  RelatedType,
  ServiceCalendar,
  SopAccess,
  SopCalendarProvider,
  SopMailer,
  SopRegistration,
  ViewExtension,
  WorkflowFacts,
} from '../types';

/** Thrown at boot when a registration is incomplete or collides with another; the message says which part. */
export class SopRegistrationError extends Error {
  override name = 'SopRegistrationError';
}

/**
 * The SOPs the engine runs, looked up by `:model` (the `/sop/:model/...` segment) or by
 * content-type uid. Filled by the app during `register`; read by every engine service.
 */
export const createSopRegistry = () => {
  const byModel = new Map<string, SopRegistration>();
  const governedByUid = new Map<string, GovernedType>();
  const listViews = new Map<string, ListView>();
  // engine-wide handlers under '', an SOP's own under its model (the same vocabulary entry, its own storage)
  const effectHandlers = new Map<string, Map<string, EffectHandler>>();
  const afterCommitHandlers = new Map<string, Map<string, AfterCommitHandler>>();
  const viewExtensions: ViewExtension[] = [];
  const boundFactsProviders: BoundFactsProvider[] = [];
  let access: SopAccess | null = null;
  const roleNames = new Map<string, string>();
  let roleLabels: Readonly<Record<string, string>> = {};
  let calendarProvider: SopCalendarProvider | null = null;
  let vocabulary: Vocabulary | null = null;
  let mailSender: SopMailer | null = null;
  let actingRoles: ActingRolesProvider | null = null;
  // told of every uid an SOP claims (a code registration takes its type back from the binding extension, binding.ts)
  const claimListeners: ((uid: string) => void)[] = [];
  // the stored versions of each workflow in use (active and retired, compiled), and the active one's number and hash
  const versions = new Map<string, Map<number, WorkflowDefinition>>();
  const active = new Map<string, { nomor: number; hash: string }>();

  const handled = (model: string, type: string): boolean =>
    Boolean(
      effectHandlers.get(model)?.has(type) ||
      effectHandlers.get('')?.has(type) ||
      afterCommitHandlers.get(model)?.has(type) ||
      afterCommitHandlers.get('')?.has(type)
    );

  /** What keeps one definition of `model` from running here: a role the app did not register, an effect without a handler. */
  const problemsOf = (
    model: string,
    definition: { transitions: readonly Pick<WorkflowDefinition['transitions'][number], 'label' | 'roles' | 'effectTypes'>[] }
  ): string[] => {
    const found: string[] = [];
    const roles = new Set(roleNames.keys());
    for (const transition of definition.transitions) {
      for (const role of transition.roles) {
        if (!roles.has(role)) found.push(`SOP "${model}": peran "${role}" pada langkah "${transition.label}" tidak didaftarkan aplikasi.`);
      }
      for (const type of transition.effectTypes ?? []) {
        if (!handled(model, type)) found.push(`SOP "${model}": efek "${type}" pada langkah "${transition.label}" tidak memiliki penangan.`);
      }
    }
    return found;
  };
  const activeOf = (model: string): WorkflowDefinition | undefined => {
    const current = active.get(model);
    return (current ? versions.get(model)?.get(current.nomor) : undefined) ?? byModel.get(model)?.definition;
  };
  const workflowOf = (model: string, nomor: number | null | undefined): WorkflowDefinition | undefined =>
    versions.get(model)?.get(Number(nomor ?? 1)) ?? (versions.get(model)?.size ? undefined : byModel.get(model)?.definition);

  const workflowsOfModel = (model: string): WorkflowDefinition[] => {
    const stored = versions.get(model);
    if (stored && stored.size > 0) return [...stored.values()];
    const definition = byModel.get(model)?.definition;
    return definition ? [definition] : [];
  };

  const addHandlers = <H>(table: Map<string, Map<string, H>>, scope: string, handlers: Readonly<Record<string, H>>, what: string) => {
    const scoped = table.get(scope) ?? new Map<string, H>();
    for (const [type, handler] of Object.entries(handlers)) {
      if (scoped.has(type)) throw new SopRegistrationError(`${what} "${type}" didaftarkan dua kali${scope ? ` (SOP "${scope}")` : ''}.`);
      scoped.set(type, handler);
    }
    table.set(scope, scoped);
  };

  const addGoverned = (uid: string, governed: GovernedFields, listView: ListView, extra: Omit<GovernedType, 'uid' | keyof GovernedFields>) => {
    if (governedByUid.has(uid)) throw new SopRegistrationError(`Jenis konten ${uid} sudah terdaftar pada SOP lain.`);
    governedByUid.set(uid, { ...governed, ...extra, uid });
    listViews.set(uid, listView);
    for (const listener of claimListeners) listener(uid);
  };

  return {
    /** Adds one SOP; throws SopRegistrationError when a part is missing or its model/uid is taken. */
    register(registration: SopRegistration): void {
      const missing = (['model', 'uid', 'definition', 'loadRecord', 'governed', 'listView'] as const).filter(
        (part) => registration[part] === undefined || registration[part] === null
      );
      if (missing.length > 0) throw new SopRegistrationError(`SOP "${registration.model ?? '?'}" tidak lengkap: ${missing.join(', ')} belum ada.`);
      if (registration.definition.model !== registration.model || registration.definition.uid !== registration.uid) {
        throw new SopRegistrationError(
          `SOP "${registration.model}": model/uid pada definisi (${registration.definition.model}, ${registration.definition.uid}) tidak sama dengan pendaftarannya.`
        );
      }
      if (byModel.has(registration.model)) throw new SopRegistrationError(`SOP "${registration.model}" sudah terdaftar.`);
      addGoverned(registration.uid, registration.governed, registration.listView, {
        ...registration.gate,
        definition: registration.definition,
        ...(registration.koreksi ? { koreksi: registration.koreksi } : {}),
      });
      for (const related of registration.related ?? []) addGoverned(related.uid, related.governed, related.listView, { ...related.gate });
      addHandlers(effectHandlers, registration.model, registration.effects ?? {}, 'Efek');
      addHandlers(afterCommitHandlers, registration.model, registration.afterCommit ?? {}, 'Penangan setelah langkah untuk efek');
      byModel.set(registration.model, registration);
    },
    /**
     * Puts a content type outside any SOP under the gate (its writes audited, its screens and
     * editor rule run) — e.g. the acting-official mandates; throws when the uid is already governed.
     */
    registerGoverned(related: RelatedType): void {
      addGoverned(related.uid, related.governed, related.listView, { ...related.gate });
    },
    /** The app's acting officials (see ActingRolesProvider); without one nobody acts for another. */
    useActingRoles(provider: ActingRolesProvider): void {
      actingRoles = provider;
    },
    /** The acting officials provider, or null when the app gave none. */
    actingRoles: (): ActingRolesProvider | null => actingRoles,
    /** Calls `listener` with the uid of every content type an SOP or a related type claims from now on. */
    onClaim(listener: (uid: string) => void): void {
      claimListeners.push(listener);
    },
    /** Adds after-commit handlers the engine offers every SOP (e.g. `beriTahu`); throws on a duplicate type. */
    registerAfterCommit(handlers: Readonly<Record<string, AfterCommitHandler>>): void {
      addHandlers(afterCommitHandlers, '', handlers, 'Penangan setelah langkah untuk efek');
    },
    /** Adds effect handlers the engine offers every SOP (agenda numbers, fields…); throws on a duplicate type. */
    registerEffects(handlers: Readonly<Record<string, EffectHandler>>): void {
      addHandlers(effectHandlers, '', handlers, 'Efek');
    },
    /** Adds fields to every record view (e.g. the documents this user may print). */
    extendViews(extension: ViewExtension): void {
      viewExtensions.push(extension);
    },
    /** The app-wide view extensions, in the order added. */
    viewExtensions: (): readonly ViewExtension[] => viewExtensions,
    /** Adds facts to every record of a workflow bound from data (see BoundFactsProvider). */
    extendBoundFacts(provider: BoundFactsProvider): void {
      boundFactsProviders.push(provider);
    },
    /** The app's bound-record fact providers, in the order added. */
    boundFactsProviders: (): readonly BoundFactsProvider[] => boundFactsProviders,
    /** The app's read rights (see SopAccess). */
    useAccess(rights: SopAccess): void {
      access = rights;
    },
    /** The read rights; throws SopRegistrationError when the app gave none. */
    access(): SopAccess {
      if (!access) throw new SopRegistrationError('Hak baca belum diberikan kepada mesin SOP (useAccess).');
      const app = access;
      // a type bound from data has no place in the app's read rights: the roles its workflow versions name read it
      const readersOf = (uid: string): Set<string> | null => {
        const governed = governedByUid.get(uid);
        const model = governed?.definition?.model;
        if (!model || !byModel.get(model)?.readByWorkflowRoles) return null;
        return new Set(workflowsOfModel(model).flatMap((definition) => definition.transitions.flatMap((step) => step.roles)));
      };
      return {
        mayRead: (actor, uid) => {
          const readers = readersOf(uid);
          return readers ? actor.roles.some((role) => readers.has(role)) : app.mayRead(actor, uid);
        },
        mayReadFields: (actor, subject) => {
          const readers = readersOf(subject.uid);
          return readers ? actor.roles.some((role) => readers.has(role)) : app.mayReadFields(actor, subject);
        },
      };
    },
    /**
     * The app's SOP roles: key (as definitions name them) → admin role name, and optionally
     * → the short name the diagrams show; replaces any earlier list.
     */
    useRoles(roles: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> = {}): void {
      roleNames.clear();
      for (const [key, name] of Object.entries(roles)) roleNames.set(key, name);
      roleLabels = labels;
    },
    /** Role key → the short name on diagrams (empty when the app gave none). */
    roleLabels: (): Readonly<Record<string, string>> => roleLabels,
    /** The admin role name of a role key, or the key itself when the app did not name it. */
    roleName: (key: string): string => roleNames.get(key) ?? key,
    /** The role key of an admin role name; undefined for roles outside the SOPs (e.g. Super Admin). */
    roleKeyOf: (name: string): string | undefined => [...roleNames.entries()].find(([, roleName]) => roleName === name)?.[0],
    roleKeys: (): string[] => [...roleNames.keys()],
    /** The closed vocabulary the app's definitions are written in (the engine's own entries and the app's). */
    useVocabulary(words: Vocabulary): void {
      vocabulary = words;
    },
    /** The vocabulary; null when the app gave none (definitions then cannot be checked against it here). */
    vocabulary: (): Vocabulary | null => vocabulary,
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
    /**
     * What is missing for every registered SOP to run (boot refuses to start when any): an
     * effect or guard type its definition uses without a handler, a role it names that the app
     * did not register, the calendar, mail door or read rights. Returns Indonesian sentences.
     */
    problems(): string[] {
      const found: string[] = [];
      if (!calendarProvider) found.push('Kalender layanan belum diberikan (useCalendar).');
      if (!mailSender) found.push('Pengirim surel belum diberikan (useMailer).');
      if (!access) found.push('Hak baca belum diberikan (useAccess).');
      for (const registration of byModel.values()) found.push(...problemsOf(registration.model, registration.definition));
      return found;
    },
    /**
     * What keeps this definition from running as workflow `model` here (Indonesian sentences):
     * a role the app did not register, an effect type with no handler for that model.
     */
    problemsOf,
    /**
     * Keeps a compiled stored version of workflow `model` (issue 13); with `hash`, makes it the
     * active one, which `workflow(model)` then returns for new records. Older versions stay, so
     * records started under them finish under them.
     */
    useVersion(model: string, nomor: number, definition: WorkflowDefinition, activeHash?: string): void {
      const kept = versions.get(model) ?? new Map<number, WorkflowDefinition>();
      kept.set(nomor, definition);
      versions.set(model, kept);
      if (activeHash !== undefined) active.set(model, { nomor, hash: activeHash });
    },
    /** The active stored version of `model` (number and hash); undefined while none is stored (the code's definition runs). */
    activeVersion: (model: string): { nomor: number; hash: string } | undefined => active.get(model),
    /** Every stored version of `model` kept here (active and retired), by number. */
    versionsOf: (model: string): ReadonlyMap<number, WorkflowDefinition> => versions.get(model) ?? new Map<number, WorkflowDefinition>(),
    /**
     * The definition version `nomor` of workflow `model` (a record's `alurVersi`; null/undefined
     * counts as 1): the stored version, or — while no version is stored — the code's definition.
     * Undefined when that version is not known here (stored by another process since the last sync).
     */
    workflowOf,
    /**
     * The state a record of content type `uid` started in: the initial state of its own workflow
     * version (`alurVersi`, null counting as 1), else of the active version (a version another
     * process activated and this one has not loaded yet). Undefined when `uid` runs no workflow.
     */
    initialStateOf: (uid: string, alurVersi: number | null | undefined): string | undefined => {
      const model = governedByUid.get(uid)?.definition?.model;
      return model ? (workflowOf(model, alurVersi) ?? activeOf(model))?.initial : undefined;
    },
    /**
     * Every definition a record of `model` may be under now (the active version and every older
     * one kept; the code's definition while none is stored): for queries over many records
     * (queues, digests) that must see every version's states.
     */
    workflowsOf: (model: string): WorkflowDefinition[] => workflowsOfModel(model),
    /** The correction rule of a workflow by `:model`. */
    koreksi: (model: string): KoreksiRule | undefined => byModel.get(model)?.koreksi,
    sop: (model: string): SopRegistration | undefined => byModel.get(model),
    /** The definition new records of `model` start under: the active stored version, else the code's definition. */
    workflow: (model: string): WorkflowDefinition | undefined => activeOf(model),
    /** The active definition of the workflow a content type runs (see `workflow`). */
    workflowByUid: (uid: string): WorkflowDefinition | undefined => {
      const model = governedByUid.get(uid)?.definition?.model;
      return model === undefined ? undefined : activeOf(model);
    },
    all: (): SopRegistration[] => [...byModel.values()],
    /** The active definition of every registered workflow. */
    workflows: (): WorkflowDefinition[] => [...byModel.keys()].map((model) => activeOf(model)!),
    governed: (uid: string): GovernedType | undefined => governedByUid.get(uid),
    governedTypes: (): GovernedType[] => [...governedByUid.values()],
    listView: (uid: string): ListView | undefined => listViews.get(uid),
    /** The handler of an effect type for an SOP: its own, else the engine's. */
    effectHandler: (model: string, type: string): EffectHandler | undefined =>
      effectHandlers.get(model)?.get(type) ?? effectHandlers.get('')?.get(type),
    /** The after-commit handler of an effect type for an SOP: its own, else the engine's. */
    afterCommitHandler: (model: string, type: string): AfterCommitHandler | undefined =>
      afterCommitHandlers.get(model)?.get(type) ?? afterCommitHandlers.get('')?.get(type),
  };
};

/** The registry (see createSopRegistry). */
export type SopRegistry = ReturnType<typeof createSopRegistry>;

/** The plugin's `registry` service: one registry per Strapi instance, shared by every engine service. */
export default () => createSopRegistry();

type StoredRecord = { id: number; documentId: string; tahap: string; versi: number | null; alurVersi?: number | null };

/**
 * A loaded record from a stored row (id, documentId, tahap, versi, alurVersi), the facts the SOP's
 * loader computed and the deadline and number staff see; `versi` null counts as 0, `alurVersi`
 * null (a row older than versioned workflows) as 1.
 */
export const loadedRecord = (row: StoredRecord, facts: object, shown: { tenggat: string | null; nomorAgenda: string | null }): LoadedRecord => ({
  id: row.id,
  documentId: row.documentId,
  tahap: row.tahap,
  versi: Number(row.versi ?? 0),
  alurVersi: Number(row.alurVersi ?? 1),
  ...shown,
  facts: facts as WorkflowFacts,
  row: row as unknown as Record<string, unknown>,
});

/** The registry of a running Strapi (`strapi.plugin('sop').service('registry')`). */
export const sopRegistryOf = (strapi: Core.Strapi): SopRegistry => strapi.plugin('sop').service('registry') as SopRegistry;
