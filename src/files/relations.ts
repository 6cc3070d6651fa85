import { sopRegistryOf } from '../plugins/sop/server/src/index';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { FileRelation, Tingkat } from '../domain/berkas';

export const FILE_UID = 'plugin::upload.file';

/** A media-library file row as the access rules and the download route read it. */
export type StoredFile = {
  id: number;
  name: string;
  hash: string;
  ext: string | null;
  mime: string | null;
  url: string;
  provider: string | null;
  formats: Record<string, { hash?: string; ext?: string | null; url?: string; mime?: string | null }> | null;
  createdBy: number | null;
};

type FileRow = Omit<StoredFile, 'createdBy'> & { createdBy?: { id: number } | null };

const TINGKAT: readonly string[] = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'];
const asTingkat = (value: unknown): Tingkat | null => (typeof value === 'string' && TINGKAT.includes(value) ? (value as Tingkat) : null);

/** The file row (with its uploader), or null. */
export const loadStoredFile = async (strapi: Core.Strapi, where: { id: number } | { hash: string }): Promise<StoredFile | null> => {
  const row = (await strapi.db.query(FILE_UID).findOne({ where, populate: { createdBy: { select: ['id'] } } })) as FileRow | null;
  return row ? { ...row, createdBy: row.createdBy?.id ?? null } : null;
};

type Link = { fileId: number; relatedId: number; relatedType: string; field: string };

/** The morph join table Strapi keeps between files and the records that hold them. */
const linksOf = async (strapi: Core.Strapi, db: Knex | Knex.Transaction, fileIds: readonly number[]): Promise<Link[]> => {
  const related = (
    strapi.db.metadata.get(FILE_UID).attributes as Record<
      string,
      { joinTable?: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } } }
    >
  ).related;
  const table = related.joinTable!;
  const rows = (await db(table.name)
    .select({
      fileId: table.joinColumn.name,
      relatedId: table.morphColumn.idColumn.name,
      relatedType: table.morphColumn.typeColumn.name,
      field: 'field',
    })
    .whereIn(table.joinColumn.name, [...fileIds])) as Link[];
  return rows.map((row) => ({ ...row, fileId: Number(row.fileId), relatedId: Number(row.relatedId) }));
};

type RecordFacts = {
  documentId: string;
  tahap: string | null;
  /** the workflow version the record runs under (issue 13); null before versions existed */
  alurVersi: number | null;
  tingkat: Tingkat | null;
  kriptogramSandimanId?: number | null;
  kriptogramPencatatId?: number | null;
};
type Row = Record<string, unknown> & { documentId?: string };
type Parent = { sifat?: string; klasifikasi?: string; sandimanId?: number | null; tahap?: string } | null | undefined;

/**
 * Classification that a record takes from the record it belongs to (a copy from its berita
 * or kriptogram, a card from its berita, a salinan from its kriptogram). Types not listed
 * read their own `sifat` / `klasifikasi`, so a new type or field needs no entry here.
 */
const INHERITED: Readonly<Record<string, { populate: Record<string, { select: string[] }>; facts: (row: Row) => Partial<RecordFacts> }>> = {
  'api::distribusi.distribusi': {
    populate: { berita: { select: ['sifat'] }, kriptogram: { select: ['klasifikasi', 'sandimanId'] } },
    facts: (row) => {
      const kriptogram = row.kriptogram as Parent;
      if (kriptogram) return { tingkat: asTingkat(kriptogram.klasifikasi), kriptogramSandimanId: kriptogram.sandimanId ?? null };
      return { tingkat: asTingkat((row.berita as Parent)?.sifat) };
    },
  },
  'api::kartu-kendali.kartu-kendali': {
    populate: { berita: { select: ['sifat'] } },
    facts: (row) => ({ tingkat: asTingkat((row.berita as Parent)?.sifat) }),
  },
  'api::salinan.salinan': {
    populate: { kriptogram: { select: ['sandimanId'] } },
    facts: (row) => ({ kriptogramSandimanId: (row.kriptogram as Parent)?.sandimanId ?? null }),
  },
  'api::kriptogram.kriptogram': {
    populate: { createdBy: { select: ['id'] } },
    facts: (row) => ({
      kriptogramSandimanId: (row.sandimanId as number | null | undefined) ?? null,
      kriptogramPencatatId: (row.createdBy as { id?: number } | null | undefined)?.id ?? null,
    }),
  },
};

const recordFacts = async (strapi: Core.Strapi, uid: string, id: number): Promise<RecordFacts | null> => {
  const model = strapi.getModel(uid as never) as { attributes: Record<string, unknown> } | undefined;
  if (!model) return null;
  const own = ['documentId', 'tahap', 'alurVersi', 'sifat', 'klasifikasi', 'sandimanId'].filter(
    (name) => name === 'documentId' || name in model.attributes
  );
  const inherited = INHERITED[uid];
  const row = (await strapi.db.query(uid as never).findOne({
    where: { id },
    select: own,
    ...(inherited && Object.keys(inherited.populate).length ? { populate: inherited.populate } : {}),
  })) as Row | null;
  if (!row) return null;
  return {
    documentId: String(row.documentId ?? id),
    tahap: typeof row.tahap === 'string' ? row.tahap : null,
    alurVersi: typeof row.alurVersi === 'number' ? row.alurVersi : null,
    tingkat: asTingkat(row.sifat ?? row.klasifikasi),
    ...(inherited ? inherited.facts(row) : {}),
  };
};

const modelName = (strapi: Core.Strapi, uid: string): string =>
  sopRegistryOf(strapi).governed(uid)?.definition?.model ??
  (strapi.getModel(uid as never) as { info?: { singularName?: string } } | undefined)?.info?.singularName ??
  uid;

/**
 * Every record a file is attached to, with the facts the rules of src/domain/berkas.ts read.
 * Works for any media field of any content type or component: nothing to declare per field.
 */
export const loadFileRelations = async (
  strapi: Core.Strapi,
  fileIds: readonly number[],
  db: Knex | Knex.Transaction = strapi.db.connection
): Promise<Map<number, FileRelation[]>> => {
  const result = new Map<number, FileRelation[]>(fileIds.map((id) => [id, []]));
  if (fileIds.length === 0) return result;
  for (const link of await linksOf(strapi, db, fileIds)) {
    const facts = await recordFacts(strapi, link.relatedType, link.relatedId);
    const governed = sopRegistryOf(strapi).governed(link.relatedType);
    const initial = sopRegistryOf(strapi).initialStateOf(link.relatedType, facts?.alurVersi);
    const relation: FileRelation = {
      uid: link.relatedType,
      field: link.field,
      model: modelName(strapi, link.relatedType),
      documentId: facts?.documentId ?? String(link.relatedId),
      tahap: facts?.tahap ?? null,
      governed: Boolean(governed),
      stepRecorded: governed !== undefined && (governed.transitionOnly || (initial !== undefined && facts?.tahap != null && facts.tahap !== initial)),
      tingkat: facts?.tingkat ?? null,
      ...(facts && facts.kriptogramSandimanId !== undefined ? { kriptogramSandimanId: facts.kriptogramSandimanId } : {}),
      ...(facts && facts.kriptogramPencatatId !== undefined ? { kriptogramPencatatId: facts.kriptogramPencatatId } : {}),
    };
    result.get(link.fileId)?.push(relation);
  }
  return result;
};
