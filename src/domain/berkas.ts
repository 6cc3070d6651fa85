/**
 * Who may read a file of the media library, and which files no one may change any more.
 *
 * Pure rules (no Strapi import). A file is private unless every record it is attached to
 * holds it in a media field declared public below: its reader must be allowed to read
 * each record it belongs to, field by field (the content-manager read grant of the role,
 * src/domain/roles.ts) and, for classified kriptogram material, need to know (the Kasi and
 * the assigned Sandiman, as for the salinan plaintext). A file attached to nothing is the
 * uploader's alone. Issue 10 item 2: "Classified files are not a URL away".
 */

/** Classification of a record (berita `sifat`, kriptogram / salinan `klasifikasi`); null when it has none. */
export type Tingkat = 'biasa' | 'terbatas' | 'rahasia' | 'sangat_rahasia';

/**
 * Media fields whose files are public (served without login): `uid.field`. Everything
 * else is private. The instansi's logo is printed on the published standar pelayanan
 * pages (src/public/html.ts), so it must load for anyone.
 */
export const PUBLIC_MEDIA_FIELDS: readonly string[] = ['api::instansi.instansi.logo'];

/** One record a file is attached to, with the facts the rules read. */
export type FileRelation = {
  /** content type or component uid of the record */
  uid: string;
  /** the media field that holds the file */
  field: string;
  /** the SOP model (`berita`, `kriptogram`, `distribusi`, …) or the type's singular name, for the audit row */
  model: string;
  documentId: string;
  tahap: string | null;
  /** the record is governed by an SOP workflow (src/sop-defs/<sop>/governed.ts) */
  governed: boolean;
  /** a step of its workflow has been recorded: the record left its first state, or only steps create it */
  stepRecorded: boolean;
  /** classification of the record, or of the berita / kriptogram a copy or card belongs to */
  tingkat: Tingkat | null;
  /** set for kriptogram material: the Sandiman assigned to the kriptogram (null before assignment) */
  kriptogramSandimanId?: number | null;
  /** set for a kriptogram's own files: the admin user who registered it (null when unknown) */
  kriptogramPencatatId?: number | null;
};

/** The person asking; null when nobody is signed in (or a content-API user, who is no staff). */
export type FileReader = { id: number; roles: readonly string[]; isSuperAdmin: boolean } | null;

/** What the rules need from the rest of the app, so that they stay the app's one rule each. */
export type FileRules = {
  /** the role's content-manager read grant covers `field` of `uid` (src/domain/roles.ts mayReadFields) */
  mayReadField: (uid: string, field: string) => boolean;
  /** need to know the plaintext of a kriptogram (src/sop-defs/kriptogram/salinan.ts mayReadPlaintext) */
  mayReadPlaintext: (sandimanId: number | null) => boolean;
};

export type FileVerdict =
  | { allowed: true; public: boolean; /** Rahasia / Sangat Rahasia records: each download is an audit row */ audit: readonly FileRelation[] }
  | { allowed: false; status: 401 | 403; reason: string };

export const isRahasiaTingkat = (tingkat: Tingkat | null): boolean => tingkat === 'rahasia' || tingkat === 'sangat_rahasia';

export const isPublicMediaField = (relation: Pick<FileRelation, 'uid' | 'field'>): boolean =>
  PUBLIC_MEDIA_FIELDS.includes(`${relation.uid}.${relation.field}`);

/** The file is public: attached to at least one record, and only through public media fields. */
export const isPublicFile = (relations: readonly FileRelation[]): boolean => relations.length > 0 && relations.every(isPublicMediaField);

/**
 * Whether `reader` may read a file attached to `relations` and uploaded by `createdBy`
 * (admin user id, null when unknown). Rules, in order:
 * - public file (see PUBLIC_MEDIA_FIELDS): anyone;
 * - nobody signed in: 401;
 * - attached to nothing: the uploader and a Super Admin;
 * - otherwise each record must allow it: the role's read grant on that field (Super Admin
 *   holds every grant) and, for a Rahasia / Sangat Rahasia kriptogram (its file, its
 *   copies' receipts), need to know: the Kasi, the assigned Sandiman, or — before a
 *   Sandiman is assigned — the Sandiman who registers it (SOP Naskah Dinas yang
 *   Dikecualikan, steps 1–4). Super Admin has no need to know, as for the plaintext.
 * Allowed reads of a file of a Rahasia / Sangat Rahasia record list those records in `audit`.
 */
export const fileAccess = (relations: readonly FileRelation[], createdBy: number | null, reader: FileReader, rules: FileRules): FileVerdict => {
  if (isPublicFile(relations)) return { allowed: true, public: true, audit: [] };
  if (!reader) return { allowed: false, status: 401, reason: 'Berkas ini tidak publik; masuk ke panel admin untuk membukanya.' };
  const own = relations.filter((relation) => !isPublicMediaField(relation));
  if (own.length === 0) {
    return reader.isSuperAdmin || (createdBy !== null && createdBy === reader.id)
      ? { allowed: true, public: false, audit: [] }
      : { allowed: false, status: 403, reason: 'Berkas yang belum dilampirkan pada naskah hanya dapat dibuka oleh pengunggahnya.' };
  }
  for (const relation of own) {
    if (!rules.mayReadField(relation.uid, relation.field)) {
      return { allowed: false, status: 403, reason: 'Peran Anda tidak berwenang membuka berkas naskah ini.' };
    }
    if (relation.kriptogramSandimanId !== undefined && isRahasiaTingkat(relation.tingkat)) {
      // before assignment only the Sandiman who registered the kriptogram (DESIGN.md; src/sop-defs/kriptogram/workflow.ts kriptogramEditorRule)
      const registering =
        relation.kriptogramSandimanId === null &&
        reader.roles.includes('sandiman') &&
        relation.kriptogramPencatatId != null &&
        relation.kriptogramPencatatId === reader.id;
      if (!registering && !rules.mayReadPlaintext(relation.kriptogramSandimanId)) {
        return {
          allowed: false,
          status: 403,
          reason:
            'Berkas kriptogram Rahasia / Sangat Rahasia hanya untuk Sandiman yang ditugaskan dan Kepala Seksi Persandian dan Keamanan Informasi.',
        };
      }
    }
  }
  return { allowed: true, public: false, audit: own.filter((relation) => isRahasiaTingkat(relation.tingkat)) };
};

/**
 * The record that makes a file evidence nobody may replace, delete, move or re-describe
 * through the media library: a governed record on which a step has been recorded (the
 * lampiran of a berita once checked and registered, the kriptogram file once
 * registered, the receipt proof of a copy). Null when the file is still free.
 */
export const lockingRelation = (relations: readonly FileRelation[]): FileRelation | null =>
  relations.find((relation) => relation.governed && relation.stepRecorded) ?? null;

/** Indonesian message for a refused change of a locked file. */
export const lockedMessage = (fileId: number, relation: FileRelation): string =>
  `Berkas #${fileId} sudah dipakai oleh langkah SOP yang tercatat (${relation.model} ${relation.documentId}, ${relation.field}); ` +
  'berkas tersebut tidak dapat diganti, dihapus, dipindahkan, atau diubah keterangannya melalui pustaka media.';

/**
 * Need to know for a salinan's plaintext (SOP "Penerimaan Naskah Dinas yang Dikecualikan"):
 * the Sandiman assigned to the kriptogram and the Kasi; nobody else. Takes the reader's
 * roles and id and the kriptogram's assigned Sandiman (null before assignment).
 */
export const mayReadPlaintext = (reader: { id: number; roles: readonly string[] }, sandimanId: number | null): boolean =>
  reader.roles.includes('kasi') || (reader.roles.includes('sandiman') && sandimanId !== null && sandimanId === reader.id);
