import { z } from 'zod';
import { positiveId } from './ids';
import type { FieldSpec, WorkflowData } from './definition';
import {
  effectEntry,
  fillMessage,
  guardEntry,
  resolveValue,
  userIds,
  valueRefSchema,
  valueAt,
  valuesEffect,
  type FieldTypeEntry,
  type ValueRef,
  type VocabularyPart,
} from './vocabulary';

/**
 * The generic vocabulary every workflow may use: the field types of shared decision 2 (but
 * `salinan`, which its SOP supplies), guards over facts and the actor, and the effects that
 * are not one SOP's own. Messages are params, so each SOP keeps its own wording.
 */

const factPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'nama fakta tidak sah');
const message = z.string().trim().min(1, 'pesan wajib diisi');

// Characters a stored text never carries (the request's text policy normalises line breaks before).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A text field's zod schema: trimmed, `min`/`maks` characters, no control characters; Indonesian messages. */
const textSchema = (field: FieldSpec): z.ZodType => {
  const missing = field.pesan ?? `${field.name} wajib diisi`;
  let schema = z.string({ error: field.wajib ? missing : `${field.name} harus berupa teks` }).trim();
  if (field.min !== undefined && field.min > 0) schema = schema.min(field.min, field.pesan ?? `${field.name} minimal ${field.min} karakter`);
  else if (field.wajib) schema = schema.min(1, missing);
  if (field.maks !== undefined) schema = schema.max(field.maks, `${field.name} paling banyak ${field.maks} karakter`);
  const checked = schema.refine((value) => !CONTROL.test(value), `${field.name} memuat karakter kendali`);
  return field.wajib ? checked : checked.optional();
};

const textCheck = (field: FieldSpec): string[] => [
  ...(field.maks === undefined ? ['isian teks wajib menyatakan "maks" (batas kolom basis data)'] : []),
  ...(field.min !== undefined && field.maks !== undefined && field.min > field.maks ? ['"min" lebih besar dari "maks"'] : []),
];

const idSchema = (field: FieldSpec): z.ZodType => (field.wajib ? positiveId : positiveId.optional());

const noLength = (field: FieldSpec): string[] =>
  field.min !== undefined || field.maks !== undefined ? [`isian jenis "${field.type}" tidak memakai "min"/"maks"`] : [];

/** The generic field types (`salinan` is the kriptogram SOP's, see src/sop-defs/kriptogram/vocabulary.ts). */
export const BUILTIN_FIELD_TYPES: Record<string, FieldTypeEntry> = {
  teks: { describe: 'Teks satu baris', schema: textSchema, check: textCheck },
  teksPanjang: { describe: 'Teks panjang (paragraf)', schema: textSchema, check: textCheck },
  waktu: {
    describe: 'Tanggal dan waktu (ISO 8601 dengan zona waktu)',
    schema: (field) => {
      const schema = z.iso.datetime({ offset: true, error: `${field.name} harus tanggal dan waktu ISO 8601 dengan zona waktu` });
      return field.wajib ? schema : schema.optional();
    },
    check: noLength,
  },
  pengguna: {
    describe: 'Pengguna aktif dengan peran tertentu (id)',
    schema: idSchema,
    check: (field) => [...noLength(field), ...(field.peran ? [] : ['isian "pengguna" wajib menyatakan "peran"'])],
  },
  berkas: { describe: 'Berkas yang telah diunggah (id)', schema: idSchema, check: noLength },
  checklist: {
    describe: 'Daftar centang',
    schema: (field) => {
      const shape = Object.fromEntries(
        (field.items ?? []).map((item) => [
          item.name,
          item.wajib ? z.literal(true, item.pesan ?? `${item.label} wajib dicentang`) : z.boolean().optional(),
        ])
      );
      const schema = z.object(shape).strict();
      return field.wajib ? schema : schema.optional();
    },
    check: (field) => {
      const names = (field.items ?? []).map((item) => item.name);
      return [
        ...noLength(field),
        ...(names.length === 0 ? ['isian "checklist" wajib memiliki "items"'] : []),
        ...names.filter((item, index) => names.indexOf(item) !== index).map((item) => `butir "${item}" ganda`),
      ];
    },
  },
};

/** The generic guards (also used as actor rules and input rules). */
export const BUILTIN_GUARDS = {
  factNotEmpty: guardEntry({
    params: z.object({ fakta: factPath, pesan: message }).strict(),
    describe: 'Fakta naskah tidak kosong',
    build:
      ({ fakta, pesan }) =>
      ({ record }) => {
        const value = valueAt(record, fakta);
        const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
        return empty ? pesan : null;
      },
  }),

  /** Merges the berita's "paraf given" and the kriptogram's "salinan signed". */
  signaturesGiven: guardEntry({
    params: z
      .object({
        tanda: z.array(z.object({ fakta: factPath, label: z.string().min(1).optional() }).strict()).min(1),
        /** `{kurang}` becomes the labels of the missing signatures */
        pesan: message,
      })
      .strict(),
    describe: 'Paraf atau tanda tangan yang disebut telah diberikan',
    build:
      ({ tanda, pesan }) =>
      ({ record }) => {
        const missing = tanda.filter((one) => !valueAt(record, one.fakta));
        return missing.length === 0 ? null : fillMessage(pesan, { kurang: missing.map((one) => one.label ?? one.fakta).join(', ') });
      },
  }),

  /** Merges assignedSandimanOnly and assignedCarakaOrKasi: the assignee, or a role that may stand in. */
  assignedOnly: guardEntry({
    params: z.object({ fakta: factPath, kecuali: z.array(z.string().min(1)).optional(), pesan: message }).strict(),
    describe: 'Hanya pengguna yang ditugaskan (atau peran pengganti)',
    build:
      ({ fakta, kecuali, pesan }) =>
      ({ record, actor }) =>
        (kecuali ?? []).some((role) => (actor.roles as readonly string[]).includes(role)) || userIds(valueAt(record, fakta)).includes(actor.id)
          ? null
          : pesan,
  }),

  /** Merges notAlreadyInitialled and notTheInitialler: four eyes, the person named by the fact may not act. */
  notTheSamePerson: guardEntry({
    params: z.object({ fakta: factPath, pesan: message }).strict(),
    describe: 'Bukan orang yang sama dengan yang disebut fakta',
    build:
      ({ fakta, pesan }) =>
      ({ record, actor }) =>
        userIds(valueAt(record, fakta)).includes(actor.id) ? pesan : null,
  }),

  /** Merges everyCopyReceived and everyCopyHasResi. */
  everyCopyDelivered: guardEntry({
    params: z
      .object({
        /** the fact listing the copies, each `{ tahap }` */
        salinan: factPath.optional(),
        /** the copy state that counts as delivered */
        selesai: z.string().min(1).optional(),
        jumlahPenerima: valueRefSchema,
        pesanKosong: message,
        pesanKurang: message,
        /** `{jumlah}` becomes the number of copies not yet delivered */
        pesanTertunda: message,
      })
      .strict(),
    describe: 'Setiap penerima memiliki salinan dan setiap salinan telah diterima',
    build: (params) => (context) => {
      const copies = valueAt(context.record, params.salinan ?? 'distribusi');
      const list = Array.isArray(copies) ? (copies as { tahap?: unknown }[]) : [];
      if (list.length === 0) return params.pesanKosong;
      if (list.length < Number(resolveValue(params.jumlahPenerima, context) ?? 0)) return params.pesanKurang;
      const pending = list.filter((copy) => copy.tahap !== (params.selesai ?? 'diterima')).length;
      return pending === 0 ? null : fillMessage(params.pesanTertunda, { jumlah: pending });
    },
  }),
};

/**
 * An agenda book's name: any name an office gives its books ("surat-masuk", "surat-keluar"), lower-case
 * letters, digits and dashes, at most 40 characters (the counter table's `buku` column).
 */
export const namaBukuSchema = z
  .string()
  .trim()
  .min(1, 'nama buku agenda wajib diisi')
  .max(40, 'nama buku agenda paling banyak 40 karakter')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'nama buku agenda hanya huruf kecil, angka dan tanda hubung (mis. "surat-keluar")');

/** The longest due time `tetapkanTenggat` takes: 30 service days of 420 working minutes. */
export const MENIT_KERJA_MAKS = 30 * 420;

const roleKey = z.string().trim().min(1, 'peran wajib diisi').max(60);

/**
 * `beriTahu`'s params: exactly one of `peran` (every active holder of that role) or `ditugaskan`
 * (the user assigned to the record under that role by `assignUser`); `pesan` an optional line of text.
 */
export const beriTahuParams = z
  .object({
    peran: roleKey.optional(),
    ditugaskan: roleKey.optional(),
    pesan: z.string().trim().min(1).max(500, 'pesan paling banyak 500 karakter').optional(),
  })
  .strict()
  .refine((params) => (params.peran === undefined) !== (params.ditugaskan === undefined), {
    message: 'sebutkan tepat satu penerima: "peran" atau "ditugaskan"',
  });

/** The generic effects. */
export const BUILTIN_EFFECTS = {
  assignAgendaNumber: valuesEffect({ buku: namaBukuSchema }, 'Beri nomor dari buku agenda'),

  /** A paraf or signature on the record itself: `{ kolom }`, a JSON field that receives who, as which role, and when. */
  signRecord: valuesEffect(
    {
      kolom: z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'nama kolom tidak sah'),
    },
    'Paraf pada naskah (kolom)'
  ),

  /** Merges assignSandiman and reassignCaraka: `{ [peran]: id }`, e.g. `{ type: 'assignUser', sandiman: 12 }`. */
  assignUser: effectEntry<{ peran: string; pengguna: ValueRef }>({
    params: z.object({ peran: z.string().min(1), pengguna: valueRefSchema }).strict(),
    describe: 'Tugaskan pengguna dengan peran tertentu',
    resolve: ({ peran, pengguna }, context) => ({ [peran]: resolveValue(pengguna, context) }),
  }),

  /**
   * An e-mail once the step has committed, to the holders of a role or to the user assigned under
   * a role, naming the record by its number and subject (an outbound letter's "beri tahu Kasi").
   */
  beriTahu: effectEntry<z.infer<typeof beriTahuParams>>({
    params: beriTahuParams,
    describe: 'Beri tahu lewat surel: pemegang suatu peran, atau pengguna yang ditugaskan',
    resolve: (params) => ({ ...params }),
  }),

  /** `tenggat` = the step's moment + `menitKerja` working minutes on the office's service calendar. */
  tetapkanTenggat: effectEntry<{ menitKerja: number }>({
    params: z
      .object({
        menitKerja: z
          .number({ error: 'menitKerja harus bilangan bulat menit' })
          .int('menitKerja harus bilangan bulat menit')
          .min(1, 'menitKerja paling sedikit 1')
          .max(MENIT_KERJA_MAKS, `menitKerja paling banyak ${MENIT_KERJA_MAKS} (30 hari layanan)`),
      })
      .strict(),
    describe: 'Tetapkan tenggat dalam menit kerja (jam layanan, hari libur dilewati)',
    resolve: ({ menitKerja }) => ({ menitKerja }),
  }),

  /** Stamps `diarsipkanPada`; the record, in its final state, is then read-only (the gate refuses edits). */
  arsipkan: effectEntry<Record<string, never>>({
    params: z.object({}).strict(),
    describe: 'Arsipkan naskah (dicatat waktunya; tidak dapat diubah lagi)',
    resolve: () => ({}),
  }),
};

/** The generic vocabulary. */
export const BUILTIN_VOCABULARY: VocabularyPart = {
  guards: BUILTIN_GUARDS,
  effects: BUILTIN_EFFECTS,
  fieldTypes: BUILTIN_FIELD_TYPES,
  redactions: {},
};

/**
 * The agenda books a definition draws numbers from (the `buku` of its `assignAgendaNumber`
 * effects), each once. Takes a definition of sound shape; returns the names as written (trimmed).
 * The engine keeps one book to one workflow (services/alur.ts): numbers run per book without gaps
 * (DESIGN "Facts": agenda numbers), so a second workflow drawing from it would leave holes in it.
 */
export const agendaBooksOf = (definition: Pick<WorkflowData, 'transitions'>): string[] => [
  ...new Set(
    definition.transitions
      .flatMap((transition) => transition.effects ?? [])
      .filter((ref) => ref.type === 'assignAgendaNumber' && typeof ref.params?.buku === 'string')
      .map((ref) => String(ref.params?.buku).trim())
  ),
];
