import type { Core } from '@strapi/strapi';
import { mayActOn, transitionsFrom } from '../engine/decide';
import type { Effect, Transition, WorkflowDefinition } from '../engine/types';
import { loadActor, satuBaris, usersWithRole } from './actor';
import { sopRegistryOf } from './registry';
import { workflowForRecord } from './alur';
import { sharedRead } from './shared-reads';
import type { AfterCommitHandler, LoadedRecord, NamaNaskah, NamaReader, RecordNamer, SopTransitionEvent, StaffActor } from '../types';

/**
 * The record as its SOP's loader reads it (null when unknown), read once for the work after a
 * step's commit (its notification and the view it answers with, see ./shared-reads); elsewhere
 * simply the loader's read. The result is shared: callers must not change it.
 */
export const loadRecordShared = (strapi: Core.Strapi, model: string, documentId: string): Promise<LoadedRecord | null> => {
  const load = sopRegistryOf(strapi).sop(model)?.loadRecord;
  return load ? sharedRead(`record:${model}:${documentId}`, () => load(strapi, documentId)) : Promise.resolve(null);
};

export const adminLink = (strapi: Core.Strapi, uid: string, documentId: string): string => {
  const base = String(strapi.plugin('sop').config('publicUrl') || strapi.config.get('server.url') || 'http://localhost:1337').replace(/\/$/, '');
  return `${base}/admin/content-manager/collection-types/${uid}/${documentId}`;
};

const teks = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The namer of an SOP without its own: `nomorAgenda` and `perihal` (each when readable), else the workflow's title. */
const defaultNamer = (title: string): RecordNamer => ({
  fields: ['nomorAgenda', 'perihal'],
  nama: (row, reader) => ({
    nomor: reader.mayReadFields(['nomorAgenda']) ? teks(row.nomorAgenda) : null,
    perihal: (reader.mayReadFields(['perihal']) ? teks(row.perihal) : null) ?? title,
  }),
});

const namerOf = (strapi: Core.Strapi, model: string): RecordNamer => {
  const registration = sopRegistryOf(strapi).sop(model);
  return registration?.namaNaskah ?? defaultNamer(registration?.definition.title ?? model);
};

/** The stored columns {@link namaNaskah} reads for a record of `model` (the SOP's own namer's, else nomorAgenda and perihal). */
export const namaNaskahFields = (strapi: Core.Strapi, model: string): readonly string[] => namerOf(strapi, model).fields;

/**
 * How a person names a record of `model` from its row — the one way (e-mails, the overdue
 * digest, "Antrian saya"): the SOP's own namer (a berita's agenda number and perihal, a copy's
 * recipient and letter, a complaint's ticket…), else `nomorAgenda` and `perihal`, else the
 * workflow's title; never the internal documentId. `reader` says what the person may read
 * (see NamaReader); without one, exactly the namer's own `fields` — what a notification's
 * recipients were checked for (namaNaskahFields).
 */
export const namaNaskah = (strapi: Core.Strapi, model: string, row: Readonly<Record<string, unknown>>, reader?: NamaReader): NamaNaskah => {
  const namer = namerOf(strapi, model);
  const uid = sopRegistryOf(strapi).sop(model)?.uid;
  const ownFields: NamaReader = {
    mayReadFields: (fields, of) => (of === undefined || of === uid) && fields.every((field) => namer.fields.includes(field)),
  };
  return namer.nama(row, reader ?? ownFields);
};

/** A record's name on one line, as "Antrian saya" shows it: its own `judul`, else `nomor — perihal`, or the perihal alone. */
export const judulNaskah = (nama: NamaNaskah): string => nama.judul || (nama.nomor ? `${nama.nomor} — ${nama.perihal}` : nama.perihal);

export type Recipient = { id: number; name: string; email: string | null };

/** The steps that move a record forward from `tahap` (returns and voids are nobody's pending work). */
export const forwardTransitionsFrom = (definition: WorkflowDefinition, tahap: string): Transition<unknown>[] =>
  transitionsFrom(definition, tahap).filter((next) => next.kind !== 'batal' && next.kind !== 'kembali');

/** The roles whose holders must act next on a record in `tahap`. */
export const rolesActingNext = (definition: WorkflowDefinition, tahap: string): Set<string> =>
  new Set<string>(forwardTransitionsFrom(definition, tahap).flatMap((next) => next.roles));

/** Active users holding any of the roles, each once. */
export const usersHoldingRoles = async (strapi: Core.Strapi, roles: Iterable<string>): Promise<Recipient[]> => {
  const users = new Map<number, Recipient>();
  for (const role of roles) {
    for (const user of await usersWithRole(strapi, role)) users.set(user.id, user);
  }
  return [...users.values()];
};

/**
 * Who needs to act on a record in `tahap` now: whoever may take a next forward step on it —
 * role and actor rules, so only the assigned Sandiman, not every Sandiman — and, where a step
 * has actor rules, of those the record's assignees alone when one of them may act (the Kasi
 * need not hear of a delivery its Caraka closes). The record is loaded (`load`) only when a
 * next step has actor rules. `except` (who just acted) is left out last, so an assignee acting
 * on his own record alerts nobody else. `version` is the record's workflow version (default: the active one).
 */
export const whoActsNext = async (
  strapi: Core.Strapi,
  model: string,
  tahap: string,
  load: () => Promise<LoadedRecord | null>,
  except?: number,
  version?: WorkflowDefinition
): Promise<StaffActor[]> => {
  const definition = version ?? sopRegistryOf(strapi).workflow(model);
  if (!definition) return [];
  const steps = forwardTransitionsFrom(definition, tahap);
  const candidates = new Map<number, StaffActor>();
  for (const role of rolesActingNext(definition, tahap)) {
    for (const user of await usersWithRole(strapi, role)) candidates.set(user.id, user);
  }
  let chosen = [...candidates.values()];
  if (steps.some((step) => (step.actorRules ?? []).length > 0)) {
    const record = await load();
    if (!record) return [];
    const now = new Date();
    const eligible = chosen.filter((user) => steps.some((step) => mayActOn(step, record.facts, user, now)));
    const assignees = new Set(definition.assignees?.(record.facts) ?? []);
    const assigned = eligible.filter((user) => assignees.has(user.id));
    chosen = assigned.length > 0 ? assigned : eligible;
  }
  return chosen.filter((user) => user.id !== except);
};

/**
 * Who hears of a step: the user it names (the Caraka or Sandiman just assigned) when they may read
 * the record (the Caraka carrying a bound record's copies may not: the app's copy effect tells
 * him of his copies instead), else {@link whoActsNext}.
 */
const nextActors = async (strapi: Core.Strapi, event: SopTransitionEvent, definition: WorkflowDefinition): Promise<Recipient[]> => {
  if (event.ditugaskan !== null) {
    const user = await loadActor(strapi, event.ditugaskan);
    return user && (user.isSuperAdmin || sopRegistryOf(strapi).access().mayRead(user, definition.uid)) ? [user] : [];
  }
  return sopRegistryOf(strapi).sop(event.model)?.loadRecord
    ? whoActsNext(strapi, event.model, event.ke, () => loadRecordShared(strapi, event.model, event.documentId), event.aktor.id, definition)
    : [];
};

/** A plain-text message to one address, through the app's one mail door (src/mail.ts). */
const sendMail = (strapi: Core.Strapi, to: string, subject: string, text: string): Promise<void> =>
  sopRegistryOf(strapi).mailer()(strapi, { to, subject, text });

// one line per value a person wrote: defined with the names it also shapes (actor.ts)
export { satuBaris };

/** After a step commits: an e-mail in Indonesian to whoever must act next, with a link to the record. */
export const notifyAfterTransition = async (strapi: Core.Strapi, event: SopTransitionEvent): Promise<void> => {
  // the version the record runs under, as the step announced it (issue 13)
  const definition = await workflowForRecord(strapi, event.model, event.alurVersi);
  if (!definition) return;
  const params = { documentId: event.documentId };
  const recipients = (await nextActors(strapi, event, definition)).filter((user) => user.email);
  if (recipients.length === 0) return;
  // the loader's row (shared with the step's answer) has every column the namer and the deadline need
  const record = (await loadRecordShared(strapi, event.model, params.documentId))?.row ?? null;
  const nama = namaNaskah(strapi, event.model, record ?? {});
  const tenggat = record?.tenggat instanceof Date || typeof record?.tenggat === 'string' ? record.tenggat : null;
  const state = event.keLabel;
  const pending = forwardTransitionsFrom(definition, event.ke).map((next) => next.label);
  const nomor = nama.nomor ? ` ${nama.nomor}` : '';
  const subject = `[Meja Sandi] ${definition.title}${nomor}: ${state}`;
  const lines = [
    'Yth. Bapak/Ibu,',
    '',
    `Naskah "${satuBaris(nama.perihal)}"${nomor ? ` (nomor${nomor})` : ''} kini berada pada tahap "${state}"`,
    `setelah langkah oleh ${event.aktor.nama} (${event.aktor.peran}).`,
    pending.length ? `Langkah berikutnya: ${pending.join(' / ')}.` : '',
    event.catatan ? `Catatan: ${satuBaris(event.catatan)}` : '',
    tenggat ? `Tenggat penyelesaian: ${formatWaktu(tenggat)}.` : '',
    '',
    `Buka naskah: ${adminLink(strapi, definition.uid, params.documentId)}`,
    '',
    'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi.',
  ].filter((line, index, all) => line !== '' || all[index - 1] !== '');
  for (const recipient of recipients) {
    await sendMail(strapi, recipient.email!, subject, lines.join('\n'));
  }
};

/** `2026-11-24T03:00:00Z` → `Selasa, 24 November 2026 pukul 10.00 WIB` */
export const formatWaktu = (iso: string | Date): string => {
  const date = new Date(iso);
  const local = new Date(date.getTime() + 7 * 3600_000);
  const hari = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'][local.getUTCDay()];
  const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][
    local.getUTCMonth()
  ];
  const jam = `${String(local.getUTCHours()).padStart(2, '0')}.${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return `${hari}, ${local.getUTCDate()} ${bulan} ${local.getUTCFullYear()} pukul ${jam} WIB`;
};

export { sendMail };

/**
 * The user assigned to a record under `peran`: the fact `ditugaskan.<peran>` of a bound type's
 * loader (binding.ts), else the column `<peran>Id` a code-registered SOP's `assignUser` writes.
 */
const assignedUnder = async (strapi: Core.Strapi, model: string, documentId: string, peran: string): Promise<number | null> => {
  const load = sopRegistryOf(strapi).sop(model)?.loadRecord;
  const record = load ? await load(strapi, documentId) : null;
  if (!record) return null;
  const fromFacts = (record.facts.ditugaskan as Record<string, unknown> | undefined)?.[peran];
  const id = Number(fromFacts ?? record.row[`${peran}Id`]);
  return Number.isInteger(id) && id > 0 ? id : null;
};

/**
 * The `beriTahu` effect, after the step has committed: an e-mail in Indonesian to every active
 * holder of `peran`, or to the user assigned under `ditugaskan`, naming the record by its number
 * and subject, the step just taken and who took it, with `pesan` and a link. Nobody with an
 * e-mail address: nothing is sent (logged). Throws when the mail door does (logged by the runner).
 */
export const beriTahuAfterCommit = async (strapi: Core.Strapi, event: SopTransitionEvent, effect?: Effect): Promise<void> => {
  if (!effect) return;
  const registry = sopRegistryOf(strapi);
  const definition = registry.workflow(event.model);
  if (!definition) return;
  let recipients: StaffActor[] = [];
  if (typeof effect.peran === 'string') {
    recipients = await usersWithRole(strapi, effect.peran);
  } else if (typeof effect.ditugaskan === 'string') {
    const id = await assignedUnder(strapi, event.model, event.documentId, effect.ditugaskan);
    const user = id === null ? null : await loadActor(strapi, id);
    recipients = user ? [user] : [];
  }
  // the mail names the record (number and subject): only to those who may read them, whatever role the definition names
  const subject = { uid: definition.uid, fields: namaNaskahFields(strapi, event.model) };
  const access = registry.access();
  const readers = recipients.filter((user) => access.mayReadFields(user, subject));
  if (readers.length < recipients.length) {
    strapi.log.warn(
      `[notifikasi] beriTahu ${event.model}:${event.documentId}: ${recipients.length - readers.length} penerima tidak berhak membaca naskah ini, tidak dikirimi.`
    );
  }
  const addressed = readers.filter((user) => user.email);
  if (addressed.length === 0) {
    strapi.log.warn(`[notifikasi] beriTahu ${event.model}:${event.documentId}: tidak ada penerima dengan alamat surel.`);
    return;
  }
  const row = (await strapi.db.query(definition.uid as never).findOne({ where: { documentId: event.documentId } })) as Record<string, unknown> | null;
  const nama = namaNaskah(strapi, event.model, row ?? {});
  const nomor = nama.nomor ? ` ${nama.nomor}` : '';
  const judul = `[Meja Sandi] Pemberitahuan ${definition.title}${nomor}: ${event.keLabel}`;
  const text = [
    'Yth. Bapak/Ibu,',
    '',
    `Naskah "${satuBaris(nama.perihal)}"${nomor ? ` (nomor${nomor})` : ''} kini berada pada tahap "${event.keLabel}"`,
    `setelah langkah "${event.aksi}" oleh ${event.aktor.nama} (${event.aktor.peran}).`,
    ...(typeof effect.pesan === 'string' ? ['', effect.pesan] : []),
    '',
    `Buka naskah: ${adminLink(strapi, definition.uid, event.documentId)}`,
    '',
    'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi.',
  ].join('\n');
  for (const recipient of addressed) await sendMail(strapi, recipient.email!, judul, text);
};

/** The after-commit effects the engine carries out for every SOP. */
export const ENGINE_AFTER_COMMIT: Readonly<Record<string, AfterCommitHandler>> = { beriTahu: beriTahuAfterCommit };
