import type { Core } from '@strapi/strapi';
import { sopRegistryOf, type ViewExtension, type StaffActor } from '../plugins/sop/server/src/index';
import { bindingDokumen, DOKUMEN, type Binding, type JenisDokumen } from './registry';
import type { Sumber } from './sources';

/** Why a document may not be printed: 403 (the actor) or 409 (the record's tahap), with an Indonesian message. */
export type Penolakan = { status: 403 | 409; message: string; details: Record<string, unknown> };

/**
 * The first half of the rule, before the record is loaded: the role's read grant on every
 * field the document prints, as the engine's read rights say it (the app's grants; for a type
 * bound without code, the roles its workflow names). Returns the refusal (403), or null when the
 * role may print it.
 */
export const tolakPeran = (strapi: Core.Strapi, dokumen: JenisDokumen, binding: Binding<Sumber>, actor: StaffActor): Penolakan | null =>
  binding.baca.every((akses) => sopRegistryOf(strapi).access().mayReadFields(actor, akses))
    ? null
    : { status: 403, message: `Peran Anda tidak berwenang mencetak ${dokumen.judul.toLowerCase()} naskah ini.`, details: {} };

/**
 * The second half, on the loaded record: need to know (403), then whether the document exists
 * at the record's tahap (409). Returns the refusal, or null when the actor may print it now.
 */
export const tolakSumber = (binding: Binding<Sumber>, sumber: Sumber, actor: StaffActor): Penolakan | null => {
  const izin = binding.izin?.(sumber, actor);
  if (izin) return { status: 403, message: izin, details: {} };
  const alasan = binding.tersedia(sumber);
  if (alasan) return { status: 409, message: alasan, details: { tahap: sumber.tahap } };
  return null;
};

/** One print button of the side panel. */
export type DokumenTersedia = { jenis: string; label: string; url: string };

/**
 * Exactly the documents `actor` may print for this record now: those for which
 * `GET /sop/:model/:documentId/dokumen/:jenis` passes `tolakPeran` and `tolakSumber`, the
 * same two checks the download route refuses with (src/letters/unduh.ts). Each record
 * loader runs at most once, and not at all for a binding that takes `row`, the row the record's
 * SOP loader has just read (`dariRekaman`). Returns [] when the model prints nothing or the record is gone.
 */
export const dokumenTersedia = async (
  strapi: Core.Strapi,
  model: string,
  documentId: string,
  actor: StaffActor,
  row?: Record<string, unknown>
): Promise<DokumenTersedia[]> => {
  const loaded = new Map<Binding<Sumber>['muat'], Promise<Sumber | null>>();
  const muat = (binding: Binding<Sumber>): Promise<Sumber | null> => {
    const read = () => (row && binding.dariRekaman ? Promise.resolve(binding.dariRekaman(strapi, row)) : binding.muat(strapi, documentId));
    if (!loaded.has(binding.muat)) loaded.set(binding.muat, read());
    return loaded.get(binding.muat)!;
  };
  const list: DokumenTersedia[] = [];
  for (const [jenis, dokumen] of Object.entries(DOKUMEN)) {
    const binding = bindingDokumen(strapi, dokumen, model);
    if (!binding || tolakPeran(strapi, dokumen, binding, actor)) continue;
    const sumber = await muat(binding);
    if (!sumber || tolakSumber(binding, sumber, actor)) continue;
    const jumlah = binding.jumlah?.(sumber) ?? 1;
    list.push({
      jenis,
      label: jumlah > 1 ? `${dokumen.tombol} (${jumlah} salinan)` : dokumen.tombol,
      url: `/sop/${encodeURIComponent(model)}/${encodeURIComponent(documentId)}/dokumen/${jenis}`,
    });
  }
  return list;
};

/** The record view's `dokumen` (a view extension of the SOP engine): what this user may print now. */
export const dokumenView: ViewExtension = async (strapi, { model, documentId, record, actor }) => ({
  dokumen: await dokumenTersedia(strapi, model, documentId, actor, record.row),
});
