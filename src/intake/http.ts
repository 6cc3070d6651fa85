import fs from 'fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { MAX_ID } from '../plugins/sop/server/src/engine/index';
import type { StaffActor } from '../plugins/sop/server/src/index';
import { intakeActive } from './index';
import { ingestMessage, type IngestResult } from './pipeline';
import { listIntakeFailures, readIntakeFailureRaw, readIntakeStatus, type IntakeFailure } from './store';

/** At most this many .eml files per upload request. */
export const MAX_EML_FILES = 50;
/** The largest .eml accepted by upload, in bytes (the upload plugin's own limit for a file: 25 MB). */
export const MAX_EML_BYTES = 25 * 1024 * 1024;

/** The intake's state for `GET /sop/intake` (DESIGN.md): `{ aktif, terakhirBerhasil, menunggu, galat }`. */
export type IntakeStatusView = { aktif: boolean; terakhirBerhasil: string | null; menunggu: number; galat: string | null };

/**
 * Reads the shared status: `aktif` whether this server reads a mailbox, `terakhirBerhasil`
 * the ISO time of the last complete poll (any process), `menunggu` messages still in the
 * folder at the last look, `galat` the last poll's error — or, when messages were kept
 * aside, how many and why the newest was — in Indonesian; null when all is well, and null for
 * anyone but the Operator and Super Admin (it names the mailbox account and server).
 */
export const intakeStatus = async (strapi: Core.Strapi, actor: StaffActor): Promise<IntakeStatusView> => {
  const knex = strapi.db.connection;
  const status = await readIntakeStatus(knex);
  const failures = await listIntakeFailures(knex, 1);
  const kept =
    failures.jumlah > 0
      ? `${failures.jumlah} pesan tidak dapat dijadikan berita dan disisihkan untuk diperiksa Operator (terakhir: ${failures.data[0].alasan}).`
      : null;
  return {
    aktif: intakeActive(),
    terakhirBerhasil: status.terakhirBerhasil,
    menunggu: status.menunggu,
    // the poller's error names the mailbox account and server: only for whoever handles the mailbox
    galat: mayHandleIntake(actor) ? [status.galat, kept].filter(Boolean).join(' ') || null : null,
  };
};

/** Who handles messages kept aside and uploads .eml files: the Operator (and the super admin). */
export const mayHandleIntake = (actor: StaffActor): boolean => actor.isSuperAdmin || actor.roles.includes('operator');

const forbid = (actor: StaffActor) => {
  if (!mayHandleIntake(actor)) throw new errors.ForbiddenError('Hanya Operator Transmisi Sandi yang menangani kotak surat Sanapati.');
};

/** Messages kept aside, newest first: `{ jumlah, data: [{ id, alasan, perihal, namaBerkas, sumber, waktu, ukuran }] }`. */
export const intakeFailures = async (strapi: Core.Strapi, actor: StaffActor): Promise<{ jumlah: number; data: IntakeFailure[] }> => {
  forbid(actor);
  return listIntakeFailures(strapi.db.connection, 200);
};

/** The raw bytes of one message kept aside (to open in a mail program); NotFoundError when there is none. */
export const intakeFailureRaw = async (strapi: Core.Strapi, actor: StaffActor, id: string): Promise<{ mentah: Buffer; namaBerkas: string }> => {
  forbid(actor);
  const parsed = z.coerce.number().int().positive().max(MAX_ID).safeParse(id);
  const found = parsed.success ? await readIntakeFailureRaw(strapi.db.connection, parsed.data) : null;
  if (!found) throw new errors.NotFoundError('Pesan yang disisihkan tidak ditemukan.');
  return { mentah: found.mentah, namaBerkas: found.namaBerkas ?? `pesan-gagal-${id}.eml` };
};

type UploadedPart = { filepath?: string; path?: string; originalFilename?: string | null; name?: string | null; size?: number };

const uploadedParts = (files: unknown): UploadedPart[] => {
  if (!files || typeof files !== 'object') return [];
  return Object.values(files as Record<string, UploadedPart | UploadedPart[]>).flatMap((value) => (Array.isArray(value) ? value : [value]));
};

export type EmlUploadResult = { berkas: string } & ({ hasil: 'baru' | 'duplikat'; documentId: string | null } | { hasil: 'gagal'; alasan: string });

/**
 * `POST /sop/intake/eml` (multipart, any field name): each uploaded .eml goes through the
 * same pipeline and de-duplication as the mailbox. Returns one result per file, in order.
 * Throws ForbiddenError for other roles, ValidationError without files or with too many.
 */
export const uploadEmlFiles = async (strapi: Core.Strapi, actor: StaffActor, files: unknown): Promise<EmlUploadResult[]> => {
  forbid(actor);
  const parts = uploadedParts(files);
  if (parts.length === 0) {
    throw new errors.ValidationError('Unggah satu atau lebih berkas e-mail (.eml) dalam formulir multipart.', { field: 'files' });
  }
  if (parts.length > MAX_EML_FILES) {
    throw new errors.ValidationError(`Paling banyak ${MAX_EML_FILES} berkas .eml sekali unggah.`, { field: 'files' });
  }
  const tooLarge = parts.find((part) => Number(part.size ?? 0) > MAX_EML_BYTES);
  if (tooLarge) {
    throw new errors.ValidationError(
      `Berkas ${String(tooLarge.originalFilename ?? tooLarge.name ?? '.eml')} lebih dari ${MAX_EML_BYTES / 1024 / 1024} MB.`,
      { field: 'files' }
    );
  }
  const results: EmlUploadResult[] = [];
  for (const part of parts) {
    const berkas = String(part.originalFilename ?? part.name ?? 'pesan.eml');
    const raw = await fs.readFile(String(part.filepath ?? part.path));
    const result: IngestResult = await ingestMessage(strapi, {
      raw,
      sumber: 'eml',
      asal: berkas,
      oleh: { id: actor.id, name: actor.name, peran: actor.peran },
    });
    results.push(
      result.hasil === 'gagal' ? { berkas, hasil: 'gagal', alasan: result.alasan } : { berkas, hasil: result.hasil, documentId: result.documentId }
    );
  }
  return results;
};
