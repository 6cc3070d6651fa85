import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkSaluran, type Penerima } from '../domain/penerima';
import { currentTransition } from './context';
import { GOVERNED_TYPES, type GovernedType } from './governed';
import { computeTenggat } from './calendar';
import { now as clockNow } from '../clock';

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown>; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ['connect', 'disconnect', 'set'].some((key) => key in value) &&
    ['connect', 'disconnect', 'set'].every((key) => {
      const part = (value as Record<string, unknown>)[key];
      return part === undefined || (Array.isArray(part) && part.length === 0);
    }));

const comparable = (value: unknown): unknown => {
  if (isEmpty(value)) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).getTime();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
};

const refuse = (message: string, fields: string[]): never => {
  throw new errors.ForbiddenError(message, { fields });
};

/** Drops server-owned fields that the client merely echoed back unchanged; refuses real changes. */
const screenServerOwned = (governed: GovernedType, data: Record<string, unknown>, current: Record<string, unknown> | null) => {
  const changed: string[] = [];
  for (const field of governed.serverOwned) {
    if (!(field in data)) continue;
    const incoming = data[field];
    const unchanged = current
      ? isEmpty(incoming) || comparable(incoming) === comparable(current[field])
      : isEmpty(incoming) || (field === 'tahap' && incoming === governed.definition?.initial) || (field === 'versi' && incoming === 0);
    if (unchanged) delete data[field];
    else changed.push(field);
  }
  if (changed.length > 0) {
    refuse(
      `Kolom ${changed.join(', ')} hanya dapat diubah oleh sistem melalui langkah SOP (tombol tahap di panel admin atau POST /sop/.../transisi).`,
      changed
    );
  }
};

const validatePenerima = (data: Record<string, unknown>) => {
  if (!Array.isArray(data.penerima)) return;
  const problem = checkSaluran(data.penerima as Penerima[]);
  if (problem) throw new errors.ValidationError(problem, { field: 'penerima' });
};

/**
 * `sop-workflow-gate`: the only door through which a workflow field changes. Every
 * write through the document service — content manager, REST, `strapi.documents` —
 * passes here; only the transition service (marked by `runAsTransition`) may touch
 * `tahap`, agenda numbers, paraf, receipts and the copies themselves.
 */
export const createSopWorkflowGate = (strapi: Core.Strapi) =>
  async function sopWorkflowGate(context: DocumentContext, next: Next): Promise<unknown> {
    const governed = GOVERNED_TYPES[context.uid];
    if (!governed || !WRITE_ACTIONS.has(context.action) || currentTransition()) return next();

    if (governed.transitionOnly && context.action !== 'update') {
      refuse('Data ini dibuat dan dihapus oleh sistem melalui langkah SOP, tidak secara langsung.', []);
    }

    const data = (context.params.data ?? {}) as Record<string, unknown>;

    if (context.action === 'create' || context.action === 'clone') {
      screenServerOwned(governed, data, null);
      validatePenerima(data);
      if (governed.definition) {
        data.tahap = governed.definition.initial;
        data.versi = 0;
      }
      if (governed.slaFromReceipt) {
        const waktu = data.waktuDiterima ? new Date(String(data.waktuDiterima)) : clockNow();
        if (Number.isNaN(waktu.getTime())) throw new errors.ValidationError('Waktu diterima tidak sah.', { field: 'waktuDiterima' });
        data.waktuDiterima = waktu.toISOString();
        data.tenggat = (await computeTenggat(strapi, waktu)).toISOString();
      }
      context.params.data = data;
      return next();
    }

    const documentId = context.params.documentId;
    const current = documentId
      ? ((await strapi.db.query(context.uid as never).findOne({ where: { documentId } })) as Record<string, unknown> | null)
      : null;
    if (!current) return next();
    const final = governed.definition?.states.find((state) => state.key === current.tahap)?.final === true;

    if (context.action === 'delete') {
      if (governed.definition && current.tahap !== governed.definition.initial) {
        refuse('Naskah yang sudah diproses tidak dapat dihapus; gunakan langkah "Batalkan" agar riwayatnya tetap tercatat.', []);
      }
      return next();
    }

    if (context.action !== 'update') {
      refuse('Aksi ini tidak tersedia untuk naskah SOP.', []);
    }
    if (final) {
      refuse('Naskah yang sudah diarsipkan atau dibatalkan tidak dapat diubah.', []);
    }
    screenServerOwned(governed, data, current);
    if ('penerima' in data && governed.penerimaEditableIn && !governed.penerimaEditableIn.includes(String(current.tahap))) {
      const existing = (await strapi.db
        .query(context.uid as never)
        .findOne({ where: { documentId }, populate: ['penerima'] })) as { penerima?: unknown[] } | null;
      const strip = (list: unknown) =>
        JSON.stringify(((list as Record<string, unknown>[] | undefined) ?? []).map(({ nama, jabatan, kategori, saluran, alamat }) => ({ nama: nama ?? null, jabatan: jabatan ?? null, kategori, saluran, alamat: alamat ?? null })));
      if (strip(data.penerima) !== strip(existing?.penerima)) {
        refuse('Penerima tidak dapat diubah setelah surat dicetak; kembalikan naskah ke tahap "Diperiksa" terlebih dahulu.', ['penerima']);
      }
      delete data.penerima;
    }
    validatePenerima(data);
    if (governed.slaFromReceipt && data.waktuDiterima) {
      const waktu = new Date(String(data.waktuDiterima));
      if (Number.isNaN(waktu.getTime())) throw new errors.ValidationError('Waktu diterima tidak sah.', { field: 'waktuDiterima' });
      if (waktu.getTime() !== new Date(String(current.waktuDiterima)).getTime()) {
        data.tenggat = (await computeTenggat(strapi, waktu)).toISOString();
      }
    }
    context.params.data = data;
    return next();
  };
