import type { Core } from '@strapi/strapi';
import type { WorkflowDefinition } from '../engine/types';
import { adminLink, formatWaktu, namaNaskah, namaNaskahFields, satuBaris, sendMail, usersHoldingRoles, whoActsNext, type Recipient } from './notify';
import { sopRegistryOf } from './registry';
import { usersWithRole } from './actor';
import type { StaffActor } from '../types';
import { syncAlur, workflowForRecord } from './alur';
import { createAuditCheckpoint } from './audit';
import type { AuditCheckpoint } from '../engine/audit-seal';
import { DIGEST_RUN_TABLE } from './tables';

/** One record past its `tenggat` and not yet in a final state. */
export type OverdueItem = {
  model: string;
  judul: string;
  documentId: string;
  /** the record's number as people know it (agenda number, ticket…; see namaNaskah) */
  nomorAgenda: string | null;
  /** its subject as people know it, never the documentId */
  perihal: string;
  tahap: string;
  tahapLabel: string;
  tenggat: string;
  /** working minutes between the deadline and `now` on the service calendar */
  terlambatMenit: number;
  tautan: string;
};

export type DigestResult = {
  items: OverdueItem[];
  terkirim: { to: string; jumlah: number }[];
  gagal: { to: string; pesan: string }[];
  /** the audit checkpoint sent to the Kasi (null: none sent, or the trail did not verify) */
  titikPeriksa?: AuditCheckpoint | null;
};

/** The audit checkpoint section of the Kasi's mail, and the checkpoint itself when one was made. */
type CheckpointSection = { lines: string[]; checkpoint: AuditCheckpoint | null };

/**
 * Verifies the audit trail and signs a checkpoint of it for the Kasi's daily mail, so
 * that a copy of the trail's state leaves the database every working day (threat model:
 * README, "Audit trail"). A broken trail gives a warning instead, naming the first
 * broken link; every outcome is logged too.
 */
export const auditCheckpointSection = async (strapi: Core.Strapi, now: Date): Promise<CheckpointSection> => {
  try {
    const { verdict, checkpoint } = await createAuditCheckpoint(strapi.db.connection, now);
    if (!verdict.ok || !checkpoint) {
      const rusak = verdict.ok ? null : verdict.rusak;
      const where = rusak ? `${rusak.model}:${rusak.documentId} urutan ${rusak.urutan}: ${rusak.alasan}` : 'tidak diketahui';
      strapi.log.error(`[audit] Jejak audit RUSAK (${where}); titik periksa tidak dibuat.`);
      return {
        checkpoint: null,
        lines: [
          'PERINGATAN — jejak audit RUSAK:',
          where,
          'Tidak ada titik periksa baru yang dibuat. Periksa segera dengan npm run audit:verify dan titik periksa terakhir yang Anda simpan.',
        ],
      };
    }
    const json = JSON.stringify(checkpoint);
    strapi.log.info(`[audit] titik periksa ${json}`);
    return {
      checkpoint,
      lines: [
        `Titik periksa jejak audit: ${checkpoint.jumlah} baris, rantai utuh. Simpan baris JSON di bawah ini sebagai berkas di luar server`,
        '(mis. titik-periksa.json); sewaktu-waktu periksa basis data dengannya: npm run audit:verify -- titik-periksa.json',
        json,
      ],
    };
  } catch (error: unknown) {
    const pesan = error instanceof Error ? error.message : String(error);
    strapi.log.error(`[audit] titik periksa gagal dibuat: ${pesan}`);
    return { checkpoint: null, lines: [`Titik periksa jejak audit tidak dapat dibuat hari ini: ${pesan}`] };
  }
};

type ContentTypeShape = { attributes: Record<string, unknown> };
type OverdueRow = { documentId: string; tahap: string; tenggat: string | Date } & Record<string, unknown>;

/** The role that gets every overdue record of a workflow, whatever step it is stuck at. */
const pengawasOf = (strapi: Core.Strapi, model: string): string => sopRegistryOf(strapi).workflow(model)?.pengawas ?? 'kasi';

const contentTypeOf = (strapi: Core.Strapi, uid: string): ContentTypeShape | undefined =>
  (strapi.contentTypes as unknown as Record<string, ContentTypeShape | undefined>)[uid];

/** Every workflow whose content type carries a deadline qualifies; copies (distribusi) have none. */
const workflowsWithTenggat = (strapi: Core.Strapi): WorkflowDefinition[] =>
  sopRegistryOf(strapi)
    .workflows()
    .filter((definition) => {
      const attributes = contentTypeOf(strapi, definition.uid)?.attributes ?? {};
      return 'tenggat' in attributes && 'tahap' in attributes;
    });

/** `1320` → `22 jam kerja`; `75` → `1 jam 15 menit kerja`. */
export const formatDurasiKerja = (minutes: number): string => {
  const whole = Math.floor(minutes);
  if (whole < 1) return 'kurang dari 1 menit kerja';
  const jam = Math.floor(whole / 60);
  const menit = whole % 60;
  const parts = [jam > 0 ? `${jam} jam` : '', menit > 0 ? `${menit} menit` : ''].filter(Boolean);
  return `${parts.join(' ')} kerja`;
};

/** Records of every SOP workflow whose deadline passed before `now`, most overdue first. */
export const findOverdue = async (strapi: Core.Strapi, now: Date): Promise<OverdueItem[]> => {
  const registry = sopRegistryOf(strapi);
  await syncAlur(strapi, true);
  const calendar = await registry.calendar(strapi);
  const items: OverdueItem[] = [];
  for (const definition of workflowsWithTenggat(strapi)) {
    const attributes = contentTypeOf(strapi, definition.uid)!.attributes;
    // a record is judged by its own workflow version (issue 13): the query leaves out the states
    // final in every version, each row is then checked against its version
    const versions = registry.workflowsOf(definition.model);
    const finalIn = (version: WorkflowDefinition, key: string): boolean => version.states.some((state) => state.key === key && state.final === true);
    const finals = [...new Set(versions.flatMap((version) => version.states.map((state) => state.key)))].filter((key) =>
      versions.every((version) => !version.states.some((state) => state.key === key) || finalIn(version, key))
    );
    const optional = namaNaskahFields(strapi, definition.model).filter((field) => field in attributes);
    const rows = (await strapi.db.query(definition.uid as never).findMany({
      select: ['documentId', 'tahap', 'tenggat', ...optional, ...('alurVersi' in attributes ? ['alurVersi'] : [])],
      where: { tenggat: { $lt: now }, ...(finals.length ? { tahap: { $notIn: finals } } : {}) },
      orderBy: [{ tenggat: 'asc' }, { id: 'asc' }],
    })) as OverdueRow[];
    for (const row of rows) {
      const own = registry.workflowOf(definition.model, row.alurVersi as number | null) ?? definition;
      if (finalIn(own, row.tahap)) continue;
      const tenggat = new Date(row.tenggat);
      const nama = namaNaskah(strapi, definition.model, row);
      items.push({
        model: definition.model,
        judul: definition.title,
        documentId: row.documentId,
        nomorAgenda: nama.nomor,
        perihal: nama.perihal,
        tahap: row.tahap,
        tahapLabel: own.states.find((state) => state.key === row.tahap)?.label ?? row.tahap,
        tenggat: tenggat.toISOString(),
        terlambatMenit: calendar.workingMinutesBetween(tenggat, now),
        tautan: adminLink(strapi, definition.uid, row.documentId),
      });
    }
  }
  return items.sort((a, b) => a.tenggat.localeCompare(b.tenggat));
};

/** The line of one record in the digest. */
export const digestLine = (item: OverdueItem): string =>
  [
    `- ${item.nomorAgenda ?? '(belum diagendakan)'}`,
    `"${satuBaris(item.perihal)}"`,
    `tahap ${item.tahapLabel}`,
    `tenggat ${formatWaktu(item.tenggat)}`,
    `terlambat ${formatDurasiKerja(item.terlambatMenit)}`,
    item.tautan,
  ].join(' · ');

const digestText = (recipient: Recipient, items: readonly OverdueItem[], now: Date, extra: readonly string[] = []): string => {
  const groups = new Map<string, OverdueItem[]>();
  for (const item of items) groups.set(item.judul, [...(groups.get(item.judul) ?? []), item]);
  const lines = [
    `Yth. ${recipient.name},`,
    '',
    `Per ${formatWaktu(now)}, ${items.length} naskah telah melewati tenggat penyelesaian dan belum selesai:`,
  ];
  for (const [judul, group] of groups) lines.push('', `${judul}:`, ...group.map(digestLine));
  lines.push(
    '',
    'Mohon segera ditindaklanjuti sesuai SOP. Keterlambatan dihitung dalam jam kerja layanan (hari libur tidak dihitung).',
    ...(extra.length ? ['', ...extra] : []),
    '',
    'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi.'
  );
  return lines.join('\n');
};

/**
 * Sends ONE e-mail in Indonesian per recipient listing the overdue records: the Kasi
 * gets all of them, with the day's audit checkpoint, and the holders of the roles that
 * act next on a record get that record. No overdue record → no mail (the scheduled run
 * then sends the Kasi the checkpoint alone, see runDailyDigest).
 */
export const sendOverdueDigest = async (strapi: Core.Strapi, now: Date): Promise<DigestResult> => {
  const items = await findOverdue(strapi, now);
  const result: DigestResult = { items, terkirim: [], gagal: [] };
  if (items.length === 0) return result;

  const perRecipient = new Map<number, { recipient: Recipient; items: Set<OverdueItem> }>();
  const add = (recipient: Recipient, item: OverdueItem) => {
    const entry = perRecipient.get(recipient.id) ?? { recipient, items: new Set<OverdueItem>() };
    entry.items.add(item);
    perRecipient.set(recipient.id, entry);
  };
  // the overseer is whatever role a (stored, staff-edited) definition names: only the records it may read
  const registry = sopRegistryOf(strapi);
  const access = registry.access();
  const mayReadItem = (user: StaffActor, item: OverdueItem): boolean => {
    const uid = registry.sop(item.model)?.uid;
    return uid !== undefined && access.mayReadFields(user, { uid, fields: namaNaskahFields(strapi, item.model) });
  };
  for (const role of new Set(items.map((item) => pengawasOf(strapi, item.model)))) {
    const overseen = items.filter((item) => pengawasOf(strapi, item.model) === role);
    for (const pengawas of await usersWithRole(strapi, role))
      overseen.filter((item) => mayReadItem(pengawas, item)).forEach((item) => add(pengawas, item));
  }
  for (const item of items) {
    // only those who may act on this very record (the assigned Sandiman, not every Sandiman)
    const load = sopRegistryOf(strapi).sop(item.model)?.loadRecord;
    if (!load) continue;
    const record = await load(strapi, item.documentId);
    if (!record) continue;
    const version = await workflowForRecord(strapi, item.model, record.alurVersi);
    for (const actor of await whoActsNext(strapi, item.model, item.tahap, () => Promise.resolve(record), undefined, version)) add(actor, item);
  }

  const kasiIds = new Set((await usersHoldingRoles(strapi, ['kasi'])).map((kasi) => kasi.id));
  const section = [...perRecipient.keys()].some((id) => kasiIds.has(id)) ? await auditCheckpointSection(strapi, now) : null;
  result.titikPeriksa = section?.checkpoint ?? null;
  for (const { recipient, items: own } of perRecipient.values()) {
    if (!recipient.email) continue;
    const ordered = items.filter((item) => own.has(item));
    const subject = `[Meja Sandi] Ringkasan harian: ${ordered.length} naskah melewati tenggat`;
    const extra = kasiIds.has(recipient.id) && section ? section.lines : [];
    try {
      await sendMail(strapi, recipient.email, subject, digestText(recipient, ordered, now, extra));
      result.terkirim.push({ to: recipient.email, jumlah: ordered.length });
    } catch (error: unknown) {
      const pesan = error instanceof Error ? error.message : String(error);
      strapi.log.error(`[ringkasan-tenggat] gagal mengirim ke ${recipient.email}: ${pesan}`);
      result.gagal.push({ to: recipient.email, pesan });
    }
  }
  return result;
};

const isUniqueViolation = (error: unknown): boolean => {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

/** On a day without an overdue record for the Kasi, the Kasi still gets the audit checkpoint, alone. */
const sendCheckpointOnly = async (strapi: Core.Strapi, now: Date, result: DigestResult): Promise<void> => {
  const section = await auditCheckpointSection(strapi, now);
  result.titikPeriksa = section.checkpoint;
  for (const kasi of await usersHoldingRoles(strapi, ['kasi'])) {
    if (!kasi.email) continue;
    const text = [
      `Yth. ${kasi.name},`,
      '',
      `Per ${formatWaktu(now)}, tidak ada naskah yang melewati tenggat penyelesaian.`,
      '',
      ...section.lines,
      '',
      'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi.',
    ].join('\n');
    try {
      await sendMail(
        strapi,
        kasi.email,
        `[Meja Sandi] Titik periksa jejak audit ${(await sopRegistryOf(strapi).calendar(strapi)).localDate(now)}`,
        text
      );
      result.terkirim.push({ to: kasi.email, jumlah: 0 });
    } catch (error: unknown) {
      const pesan = error instanceof Error ? error.message : String(error);
      strapi.log.error(`[ringkasan-tenggat] gagal mengirim titik periksa ke ${kasi.email}: ${pesan}`);
      result.gagal.push({ to: kasi.email, pesan });
    }
  }
};

/**
 * The scheduled run: skipped on a holiday, and claimed per local date in the database
 * so that several server processes (each runs every cron task) send the digest once.
 */
export const runDailyDigest = async (strapi: Core.Strapi, now: Date): Promise<DigestResult | null> => {
  const calendar = await sopRegistryOf(strapi).calendar(strapi);
  const tanggal = calendar.localDate(now);
  if (calendar.isHoliday(tanggal)) {
    strapi.log.info(`[ringkasan-tenggat] ${tanggal} hari libur: ringkasan tidak dikirim.`);
    return null;
  }
  try {
    await strapi.db.connection(DIGEST_RUN_TABLE).insert({ tanggal, waktu: now.toISOString() });
  } catch (error: unknown) {
    if (!isUniqueViolation(error)) throw error;
    strapi.log.info(`[ringkasan-tenggat] ringkasan ${tanggal} sudah dikirim oleh proses lain.`);
    return null;
  }
  try {
    const result = await sendOverdueDigest(strapi, now);
    if (result.titikPeriksa === undefined) await sendCheckpointOnly(strapi, now, result);
    strapi.log.info(`[ringkasan-tenggat] ${result.items.length} naskah terlambat, ${result.terkirim.length} e-mail terkirim.`);
    return result;
  } catch (error: unknown) {
    // Give the date back so that a rerun (or another process) can still send it.
    await strapi.db.connection(DIGEST_RUN_TABLE).where({ tanggal }).delete();
    throw error;
  }
};
