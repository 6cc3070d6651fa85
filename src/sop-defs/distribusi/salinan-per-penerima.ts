import { errors } from '@strapi/utils';
import { checkSaluran, penerimaSchema } from '../../domain/penerima';
import {
  adminLink,
  mainFieldOf,
  requireActiveRole,
  satuBaris,
  sopRegistryOf,
  type AfterCommitHandler,
  type BoundFactsProvider,
  type EffectHandler,
} from '../../plugins/sop/server/src/index';
import type { JenisKonten } from '../../plugins/sop/server/src/engine/index';
import { ringkasanSalinan } from '../ringkasan-salinan';
import { periksaKolomPenerima } from './vocabulary';

/*
 * One copy per recipient on a record of a workflow an administrator bound to a type of their own
 * (issue 13, "Menambah SOP tanpa menulis kode"): the same copies the berita makes
 * (src/sop-defs/berita/effects.ts createDistribusi), linked to their parent by its type and
 * documentId instead of a relation, so the Caraka records each receipt through the distribusi SOP
 * and the parent's definition waits for them with `everyCopyDelivered` over the fact `distribusi`.
 */

const DISTRIBUSI_UID = 'api::distribusi.distribusi';

/** How many recipients one record may list (as a kriptogram's salinan, src/sop-defs/kriptogram/vocabulary.ts). */
export const PENERIMA_MAKS = 50;

/** One recipient as a copy stores it (component `naskah.penerima`). */
export type PenerimaTerikat = { nama?: string; jabatan: string; kategori: string; saluran: string; alamat?: string };

const withoutNulls = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null))
    : value;

/**
 * The recipients a record lists in its JSON field `kolom`: a list of 1 to PENERIMA_MAKS
 * `{ nama, jabatan, kategori, saluran, alamat }` (null members count as absent), each as component
 * `naskah.penerima` allows (src/domain/penerima.ts penerimaSchema), every channel one its category
 * may use (checkSaluran, SOP steps 8–9). Throws ValidationError (400) naming the first problem.
 */
export const penerimaDariKolom = (value: unknown, kolom: string): PenerimaTerikat[] => {
  if (!Array.isArray(value) || value.length === 0) {
    throw new errors.ValidationError(`Daftar penerima (kolom "${kolom}") kosong atau bukan daftar; isi penerima naskah terlebih dahulu.`, {
      field: kolom,
    });
  }
  if (value.length > PENERIMA_MAKS) {
    throw new errors.ValidationError(`Daftar penerima (kolom "${kolom}") paling banyak ${PENERIMA_MAKS} penerima.`, { field: kolom });
  }
  const list = value.map((one, index) => {
    const parsed = penerimaSchema.safeParse(withoutNulls(one));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw new errors.ValidationError(`Penerima ke-${index + 1} pada kolom "${kolom}"${where}: ${issue.message}.`, { field: kolom });
    }
    return parsed.data;
  });
  const saluran = checkSaluran(list);
  if (saluran) throw new errors.ValidationError(saluran, { field: kolom });
  return list;
};

const teks = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The effect handlers the app lends the engine for every workflow (registered with `registerEffects`). */
export const SALINAN_PER_PENERIMA_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /**
   * `{ kolom, caraka }`: one `distribusi` per recipient in the record's JSON field `kolom`, all
   * carried by `caraka` (an active Caraka, else 400), at `ditugaskan`, numbered "salinan ke-n dari
   * m", with the summary a berita's copy carries (recipient, address, channel, the record's agenda
   * number and its subject — the type's first text field — never more of the record), and the
   * record's type, documentId and present state (the step's target: copies are out for delivery
   * while the record stays there). A record that has copies gets no second set. Refused
   * (ApplicationError) on a type whose `kolom` is not JSON or whose workflow is code: the checks
   * made at activation, again for a type changed since.
   */
  async salinanPerPenerima(effect, { strapi, model, uid, record }) {
    const kolom = String(effect.kolom);
    const attributes = (strapi.contentType(uid as never) as unknown as JenisKonten).attributes;
    const [masalah] = periksaKolomPenerima({ kolom }, { uid, attributes, transitions: [] });
    if (masalah) throw new errors.ApplicationError(masalah);
    if (sopRegistryOf(strapi).sop(model)?.readByWorkflowRoles !== true) {
      throw new errors.ApplicationError(
        `efek salinanPerPenerima hanya untuk jenis konten yang dijalankan alur tanpa kode; ${uid} diatur SOP dalam kode.`
      );
    }
    const caraka = await requireActiveRole(strapi, effect.caraka, 'caraka');
    const existing = Number(await strapi.db.query(DISTRIBUSI_UID).count({ where: { indukUid: uid, indukDocumentId: record.documentId } }));
    if (existing > 0) return;
    // the row as the step left it: its recipients, its new state (the claim), an agenda number drawn earlier
    const parent = (await strapi.db.query(uid as never).findOne({ where: { id: record.id } })) as Record<string, unknown>;
    const penerima = penerimaDariKolom(parent[kolom], kolom);
    const main = mainFieldOf(strapi, uid);
    const induk = { nomorAgenda: teks(parent.nomorAgenda) ?? record.nomorAgenda, perihal: main ? teks(parent[main]) : null };
    for (const [index, one] of penerima.entries()) {
      await strapi.documents(DISTRIBUSI_UID).create({
        data: {
          penerima: one,
          ...ringkasanSalinan(one, induk, index + 1),
          nomorSalinan: index + 1,
          jumlahSalinan: penerima.length,
          tahap: 'ditugaskan',
          versi: 0,
          carakaId: caraka.id,
          carakaNama: caraka.name,
          indukUid: uid,
          indukDocumentId: record.documentId,
          indukTahapAntar: String(parent.tahap),
        } as never,
      });
    }
  },
};

type CopyRow = { documentId: string; tahap: string; penerima: unknown; nomorSalinan: number | null; carakaId: number | null };

/**
 * The copies of a bound record, as facts (see BoundFactsProvider): `distribusi: [{ documentId,
 * tahap, penerima, nomorSalinan }]` in copy order — what `everyCopyDelivered` and the record view
 * read — and `caraka`, the ids of whoever carries them (for `assignedOnly`). Nothing is read for a
 * workflow none of whose versions makes copies.
 */
export const salinanTerikatFacts: BoundFactsProvider = async (strapi, record) => {
  const versions = sopRegistryOf(strapi).workflowsOf(record.model);
  if (!versions.some((definition) => definition.transitions.some((step) => step.effectTypes?.includes('salinanPerPenerima')))) return {};
  const copies = (await strapi.db.query(DISTRIBUSI_UID).findMany({
    where: { indukUid: record.uid, indukDocumentId: record.documentId },
    select: ['documentId', 'tahap', 'nomorSalinan', 'carakaId'],
    populate: { penerima: true },
    orderBy: [{ nomorSalinan: 'asc' }, { id: 'asc' }],
  })) as CopyRow[];
  return {
    distribusi: copies.map((copy) => ({ documentId: copy.documentId, tahap: copy.tahap, penerima: copy.penerima, nomorSalinan: copy.nomorSalinan })),
    caraka: [...new Set(copies.map((copy) => copy.carakaId).filter((id): id is number => typeof id === 'number'))],
  };
};

/**
 * After the step that made the copies: an e-mail to their Caraka — how many copies of which record
 * (the agenda number and subject the copies carry) wait for him, to whom, and a link to his
 * distribusi list — since the step's own e-mail goes only to readers of the record, which a Caraka
 * of a bound type need not be. Nothing when none of this record's copies waits for him or he has
 * no e-mail address. Throws when the mail door does (logged by the after-commit runner).
 */
export const salinanPerPenerimaAfterCommit: AfterCommitHandler = async (strapi, event, effect) => {
  const carakaId = Number(effect?.caraka);
  if (!Number.isInteger(carakaId) || carakaId <= 0) return;
  const copies = (await strapi.db.query(DISTRIBUSI_UID).findMany({
    where: { indukUid: event.uid, indukDocumentId: event.documentId, carakaId, tahap: 'ditugaskan' },
    select: ['tujuan', 'nomorAgendaSurat', 'perihalSurat'],
    orderBy: [{ nomorSalinan: 'asc' }],
  })) as { tujuan: string | null; nomorAgendaSurat: string | null; perihalSurat: string | null }[];
  if (copies.length === 0) return;
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: carakaId }, select: ['email', 'isActive'] })) as {
    email?: string | null;
    isActive?: boolean;
  } | null;
  if (!user?.email || user.isActive === false) return;
  const nomor = copies[0].nomorAgendaSurat ? ` ${copies[0].nomorAgendaSurat}` : '';
  // what the Operator typed (subject, recipients) is one line each: it adds no line of its own to the message
  const surat = copies[0].perihalSurat ? `naskah "${satuBaris(copies[0].perihalSurat)}"` : 'naskah';
  const text = [
    'Yth. Bapak/Ibu,',
    '',
    `${copies.length} salinan ${surat}${nomor ? ` (nomor${nomor})` : ''} ditugaskan kepada Anda untuk diantar`,
    `dengan tanda terima, oleh ${event.aktor.nama} (${event.aktor.peran}):`,
    ...copies.map((copy, index) => `${index + 1}. ${satuBaris(copy.tujuan ?? '') || '-'}`),
    '',
    `Daftar distribusi: ${adminLink(strapi, DISTRIBUSI_UID, '').replace(/\/$/, '')}`,
    '',
    'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi.',
  ].join('\n');
  const subject = `[Meja Sandi] ${copies.length} salinan untuk diantar${nomor}`;
  await sopRegistryOf(strapi).mailer()(strapi, { to: user.email, subject, text });
};
