import type { Core } from '@strapi/strapi';
import { sopRegistryOf, type GovernedType, type SopRegistration } from '../plugins/sop/server/src/index';
import { rolesListableBy as engineRolesListableBy, type WorkflowDefinition } from '../plugins/sop/server/src/engine/index';
import { mayReadFields, mayReadType, ROLE_KEYS, ROLE_NAMES, ROLE_SHORT_NAMES, type RoleKey } from '../domain/roles';
import { sendTextMail } from '../mail';
import { loadServiceCalendar } from '../api/standar-pelayanan/service-calendar';
import { APP_VOCABULARY } from './vocabulary';
import { beritaSop } from './berita';
import { distribusiSop, registerSalinanTerikat } from './distribusi';
import { kriptogramSop } from './kriptogram';
import { pengaduanSop } from './pengaduan';
import { ACTING_ROLES, PELAKSANA_GOVERNED } from './pelaksana';
import { HARI_LIBUR_GOVERNED } from './hari-libur';
import { SURAT_EFFECTS } from './surat';

/** Every SOP Meja Sandi runs; a new SOP is one folder here and one entry in this list. */
export const SOP_REGISTRATIONS: readonly SopRegistration[] = [beritaSop, kriptogramSop, distribusiSop, pengaduanSop];

/** Registers every SOP and the app's engine-wide effects with the engine; called once from the app's register phase. */
export const registerSops = (strapi: Core.Strapi): void => {
  const registry = sopRegistryOf(strapi);
  registry.useRoles(ROLE_NAMES, ROLE_SHORT_NAMES);
  registry.useCalendar(loadServiceCalendar);
  registry.useMailer(sendTextMail);
  registry.useAccess({ mayRead: mayReadType, mayReadFields });
  registry.useVocabulary(APP_VOCABULARY);
  // the named letters a step of any workflow may issue (buatSurat), for workflows made without code too
  registry.registerEffects(SURAT_EFFECTS);
  for (const registration of SOP_REGISTRATIONS) registry.register(registration);
  // copies per recipient on a type an administrator binds a workflow to (src/sop-defs/distribusi)
  registerSalinanTerikat(registry);
  registry.registerGoverned(PELAKSANA_GOVERNED);
  registry.registerGoverned(HARI_LIBUR_GOVERNED);
  registry.useActingRoles(ACTING_ROLES);
};

/**
 * Every governed content type by uid, with its workflow when it runs one — the same
 * table the engine builds from SOP_REGISTRATIONS, for code that reads it without a
 * running Strapi (the access matrix).
 */
export const GOVERNED_TYPES: Readonly<Record<string, GovernedType>> = Object.fromEntries(
  SOP_REGISTRATIONS.flatMap((registration) => [
    [registration.uid, { ...registration.governed, uid: registration.uid, definition: registration.definition }],
    ...(registration.related ?? []).map((related) => [related.uid, { ...related.governed, uid: related.uid }]),
  ]).concat([PELAKSANA_GOVERNED, HARI_LIBUR_GOVERNED].map((related) => [related.uid, { ...related.governed, uid: related.uid }]))
);

/** Every SOP workflow Meja Sandi runs, by the `:model` of `/sop/:model/...`. */
export const WORKFLOWS: Readonly<Record<string, WorkflowDefinition>> = Object.fromEntries(
  SOP_REGISTRATIONS.map((registration) => [registration.model, registration.definition])
);

export const workflowFor = (model: string): WorkflowDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(WORKFLOWS, model) ? WORKFLOWS[model] : undefined;

/**
 * The label of a record's state in the workflow version it runs under (its `alurVersi`, null
 * counting as 1; issue 13), else in the active version, else in the code's definition; the key
 * itself when none names it. For printed letters and agenda books.
 */
export const tahapLabelOf = (strapi: Core.Strapi, model: string, row: { tahap: string; alurVersi?: number | null }): string => {
  const registry = sopRegistryOf(strapi);
  const definitions = [registry.workflowOf(model, row.alurVersi), registry.workflow(model), workflowFor(model)];
  for (const definition of definitions) {
    const label = definition?.states.find((state) => state.key === row.tahap)?.label;
    if (label) return label;
  }
  return row.tahap;
};

/** The roles whose users an actor holding `roles` may list (`GET /sop/pengguna`), over this office's workflows (see the engine's rolesListableBy). */
export const rolesListableBy = (roles: readonly RoleKey[]): Set<RoleKey> =>
  engineRolesListableBy(Object.values(WORKFLOWS), roles, ROLE_KEYS) as Set<RoleKey>;
