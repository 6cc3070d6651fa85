import type { Core } from '@strapi/strapi';
import { sopRegistryOf, type GovernedType, type SopRegistration } from '../plugins/sop/server/src/services/registry';
import { ROLE_NAMES } from '../domain/roles';
import { sendTextMail } from '../mail';
import { loadServiceCalendar } from '../sop/calendar';
import { beritaSop } from './berita';
import { distribusiSop } from './distribusi';
import { kriptogramSop } from './kriptogram';
import { pengaduanSop } from './pengaduan';

/** Every SOP Meja Sandi runs; a new SOP is one folder here and one entry in this list. */
export const SOP_REGISTRATIONS: readonly SopRegistration[] = [beritaSop, kriptogramSop, distribusiSop, pengaduanSop];

/** Registers every SOP with the engine; called once from the app's register phase. */
export const registerSops = (strapi: Core.Strapi): void => {
  const registry = sopRegistryOf(strapi);
  registry.useRoles(ROLE_NAMES);
  registry.useCalendar(loadServiceCalendar);
  registry.useMailer(sendTextMail);
  for (const registration of SOP_REGISTRATIONS) registry.register(registration);
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
  ])
);
