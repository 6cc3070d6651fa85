import { errors } from '@strapi/utils';
import { z } from 'zod';
import { effectEntry, type JenisKonten, type VocabularyPart } from '../plugins/sop/server/src/engine/index';
import { BOUND_ATTRIBUTES, ConflictError, readAuditFor, requireAttribute, type EffectHandler } from '../plugins/sop/server/src/index';
import { JENIS_SURAT, kolomDiubahSejak, PENANDA_TANGAN, SURAT, type SuratTerbit } from '../domain/letters/surat';

/*
 * `buatSurat` (issue 13): a step of a workflow made without code issues a named letter for its
 * record — from that step on the letter exists: the side panel offers its print button to the
 * roles that read the record, and `GET /sop/:model/:documentId/dokumen/<surat>` renders it
 * (src/letters/registry.ts SURAT_DOKUMEN). The app lends the engine the entry (the vocabulary)
 * and its handler (registered engine-wide in src/sop-defs/index.ts).
 */

/** A field name as the Content-Type Builder allows one. */
const namaKolom = z
  .string()
  .trim()
  .min(1, 'nama kolom wajib diisi')
  .max(100, 'nama kolom paling banyak 100 karakter')
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'nama kolom tidak sah');

/**
 * `buatSurat`'s params: which letter (`surat`, one of the names the app ships), the record fields
 * that fill its hal (`perihal`), body (`isi`) and addressees (`penerima`, optional), the paraf
 * column a `signRecord` of the same workflow fills (`paraf`: whose signature block it prints) and
 * whose position heads that block (`pejabat`, Kasi when absent).
 */
export const buatSuratParams = z
  .object({
    surat: z.enum(JENIS_SURAT, { error: `surat harus salah satu dari: ${JENIS_SURAT.join(', ')}` }),
    perihal: namaKolom,
    isi: namaKolom,
    penerima: namaKolom.optional(),
    paraf: namaKolom,
    pejabat: z.enum(PENANDA_TANGAN, { error: `pejabat harus salah satu dari: ${PENANDA_TANGAN.join(', ')}` }).optional(),
  })
  .strict();

export type BuatSuratParams = z.infer<typeof buatSuratParams>;

/** Strapi's own attributes of every type: never a letter's text. */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

/** The attribute types each named field may have: text that prints as it is stored. */
const JENIS_KOLOM: Readonly<Record<'perihal' | 'isi' | 'penerima', readonly string[]>> = {
  perihal: ['string', 'text', 'enumeration'],
  isi: ['string', 'text', 'richtext'],
  penerima: ['string', 'text', 'json'],
};

/**
 * What keeps `buatSurat` with these params from running on `jenis` (Indonesian, empty: nothing):
 * a type that is not bound without code (it has no `suratTerbit`), a named field the type lacks,
 * that is the engine's or Strapi's own or not of a text kind, and a paraf column no `signRecord`
 * of the workflow fills. Shown by `POST /sop/alur/periksa` and refused at activation.
 */
export const periksaBuatSurat = (params: BuatSuratParams, jenis: JenisKonten): string[] => {
  if (!jenis.attributes.suratTerbit) {
    return [`efek buatSurat hanya untuk jenis konten yang dijalankan alur tanpa kode; ${jenis.uid} tidak memiliki kolom mesin SOP "suratTerbit".`];
  }
  const galat: string[] = [];
  for (const peran of ['perihal', 'isi', 'penerima'] as const) {
    const name = params[peran];
    if (name === undefined) continue;
    const attribute = Object.prototype.hasOwnProperty.call(jenis.attributes, name) ? jenis.attributes[name] : undefined;
    if (!attribute || name in BOUND_ATTRIBUTES || SYSTEM_FIELDS.has(name)) {
      galat.push(`efek buatSurat: kolom ${peran} "${name}" tidak ada pada jenis konten ${jenis.uid}.`);
    } else if (!JENIS_KOLOM[peran].includes(String(attribute.type))) {
      galat.push(
        `efek buatSurat: kolom ${peran} "${name}" berjenis ${String(attribute.type)}, tidak dapat dicetak; pilih kolom berjenis ${JENIS_KOLOM[peran].join(', ')}.`
      );
    }
  }
  const parafDiisi = jenis.transitions.some((step) =>
    (step.effects ?? []).some((ref) => ref.type === 'signRecord' && String(ref.params?.kolom ?? '').trim() === params.paraf)
  );
  if (!parafDiisi) galat.push(`efek buatSurat: kolom paraf "${params.paraf}" tidak diisi oleh efek signRecord mana pun pada alur ini.`);
  return galat;
};

/** The vocabulary part of the named letters: the `buatSurat` effect. */
export const SURAT_VOCABULARY: VocabularyPart = {
  effects: {
    buatSurat: effectEntry<BuatSuratParams>({
      params: buatSuratParams,
      describe: `Terbitkan surat bernama (${JENIS_SURAT.map((jenis) => SURAT[jenis].judul.toLowerCase()).join(', ')}): nomor agenda, hal, isi, tujuan dan blok tanda tangan dari paraf`,
      resolve: (params) => ({ ...params }),
      periksaJenis: periksaBuatSurat,
    }),
  },
};

const asObject = <T>(value: unknown): T => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as T;

/**
 * The handlers the app lends the engine for every workflow (`registry.registerEffects`):
 * `buatSurat` records the issue in the record's `suratTerbit[<surat>]` (the fields it names, the
 * paraf column and official, the step's moment, who issued it) inside the step's transaction; a
 * letter issued again (a record sent back and sent anew) is replaced. Refused (409, the step rolls
 * back) while the named paraf is not given: a letter never leaves without its signature; refused
 * (ApplicationError) on a type without `suratTerbit`.
 */
export const SURAT_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  async buatSurat(effect, { strapi, trx, model, uid, record, actor, now }) {
    requireAttribute(strapi, uid, 'suratTerbit', 'buatSurat');
    const parsed = buatSuratParams.safeParse(Object.fromEntries(Object.entries(effect).filter(([key]) => key !== 'type')));
    if (!parsed.success)
      throw new errors.ApplicationError(`Efek buatSurat tidak sah: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`);
    const params = parsed.data;
    const paraf = asObject<Record<string, unknown>>(record.row.paraf)[params.paraf];
    if (!paraf) {
      throw new ConflictError(`${SURAT[params.surat].judul} belum dapat diterbitkan: paraf "${params.paraf}" belum diberikan.`);
    }
    // the signer answers for the text as signed: a printed field edited after the paraf needs a new one
    const named = [params.perihal, params.isi, ...(params.penerima ? [params.penerima] : [])];
    const diubah = kolomDiubahSejak(
      await readAuditFor(trx, model, record.documentId),
      named,
      String(asObject<{ waktu?: unknown }>(paraf).waktu ?? '')
    );
    if (diubah.length > 0) {
      throw new ConflictError(
        `${SURAT[params.surat].judul} belum dapat diterbitkan: kolom ${diubah.join(', ')} diubah setelah paraf "${params.paraf}" diberikan; mintakan paraf ulang.`
      );
    }
    const nilaiOf = (name: string | undefined): unknown =>
      name !== undefined && Object.prototype.hasOwnProperty.call(record.row, name) ? (record.row[name] ?? null) : null;
    const terbit: SuratTerbit = {
      perihal: params.perihal,
      isi: params.isi,
      penerima: params.penerima ?? null,
      paraf: params.paraf,
      pejabat: params.pejabat ?? 'kasi',
      waktu: now.toISOString(),
      oleh: { userId: actor.id, nama: actor.name, peran: actor.peran },
      nilai: { perihal: nilaiOf(params.perihal), isi: nilaiOf(params.isi), penerima: nilaiOf(params.penerima) },
    };
    const suratTerbit = { ...asObject<Record<string, unknown>>(record.row.suratTerbit), [params.surat]: terbit };
    await strapi.db.query(uid as never).update({ where: { id: record.id }, data: { suratTerbit } });
    record.row.suratTerbit = suratTerbit;
  },
};
