import type { Core } from '@strapi/strapi';
import { workflowFor } from '../domain/sop';
import { transitionsFrom } from '../domain/workflow/decide';
import type { Decision, Transition, WorkflowDefinition } from '../domain/workflow/types';
import { loadActor, usersWithRole, type StaffActor } from './actor';
import type { RoleKey } from '../domain/roles';
import { sendTextMail } from '../mail';

export const adminLink = (strapi: Core.Strapi, uid: string, documentId: string): string => {
  const base = String(strapi.config.get('meja-sandi.publicUrl') || strapi.config.get('server.url') || 'http://localhost:1337').replace(/\/$/, '');
  return `${base}/admin/content-manager/collection-types/${uid}/${documentId}`;
};

export type Recipient = { id: number; name: string; email: string | null };

/** The steps that move a record forward from `tahap` (returns and voids are nobody's pending work). */
export const forwardTransitionsFrom = (definition: WorkflowDefinition, tahap: string): Transition<unknown>[] =>
  transitionsFrom(definition, tahap).filter((next) => next.kind !== 'batal' && next.kind !== 'kembali');

/** The roles whose holders must act next on a record in `tahap`. */
export const rolesActingNext = (definition: WorkflowDefinition, tahap: string): Set<RoleKey> =>
  new Set<RoleKey>(forwardTransitionsFrom(definition, tahap).flatMap((next) => next.roles));

/** Active users holding any of the roles, each once. */
export const usersHoldingRoles = async (strapi: Core.Strapi, roles: Iterable<RoleKey>): Promise<Recipient[]> => {
  const users = new Map<number, Recipient>();
  for (const role of roles) {
    for (const user of await usersWithRole(strapi, role)) users.set(user.id, user);
  }
  return [...users.values()];
};

/** Who acts next: the user named in the step (the assigned Caraka), else everyone holding a next role. */
const nextActors = async (strapi: Core.Strapi, decision: Decision, model: string, actor: StaffActor): Promise<Recipient[]> => {
  const definition = workflowFor(model)!;
  const input = (decision.input ?? {}) as { caraka?: number; sandiman?: number };
  const named = input.caraka ?? input.sandiman;
  if (named !== undefined) {
    const user = await loadActor(strapi, Number(named));
    return user ? [user] : [];
  }
  return (await usersHoldingRoles(strapi, rolesActingNext(definition, decision.to))).filter((user) => user.id !== actor.id);
};

/** A plain-text message to one address, through the app's one mail door (src/mail.ts). */
const sendMail = (strapi: Core.Strapi, to: string, subject: string, text: string): Promise<void> => sendTextMail(strapi, { to, subject, text });

/** After a step commits: an e-mail in Indonesian to whoever must act next, with a link to the record. */
export const notifyAfterTransition = async (
  strapi: Core.Strapi,
  params: { model: string; documentId: string; decision: Decision; actor: StaffActor }
): Promise<void> => {
  const definition = workflowFor(params.model);
  if (!definition) return;
  const recipients = (await nextActors(strapi, params.decision, params.model, params.actor)).filter((user) => user.email);
  if (recipients.length === 0) return;
  const record = (await strapi.db.query(definition.uid as never).findOne({ where: { documentId: params.documentId } })) as {
    perihal?: string;
    nomorAgenda?: string | null;
    tenggat?: string | null;
  } | null;
  const state = definition.states.find((s) => s.key === params.decision.to)?.label ?? params.decision.to;
  const pending = forwardTransitionsFrom(definition, params.decision.to).map((next) => next.label);
  const nomor = record?.nomorAgenda ? ` ${record.nomorAgenda}` : '';
  const subject = `[Meja Sandi] ${definition.title}${nomor}: ${state}`;
  const lines = [
    'Yth. Bapak/Ibu,',
    '',
    `Naskah "${record?.perihal ?? params.documentId}"${nomor ? ` (nomor agenda${nomor})` : ''} kini berada pada tahap "${state}"`,
    `setelah langkah oleh ${params.actor.name} (${params.actor.peran}).`,
    pending.length ? `Langkah berikutnya: ${pending.join(' / ')}.` : '',
    params.decision.catatan ? `Catatan: ${params.decision.catatan}` : '',
    record?.tenggat ? `Tenggat penyelesaian: ${formatWaktu(record.tenggat)}.` : '',
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
