import type { EffectHandler, AfterCommitHandler } from '../../plugins/sop/server/src/index';
import { tenggatAktif } from '../../domain/pengaduan';
import { kirimHasil, logMailFailure } from '../../api/pengaduan/lib/surat';
import type { PengaduanRow } from './facts';

/** The complaint's own effects; each runs inside the step's transaction. */
export const PENGADUAN_EFFECTS: Readonly<Record<string, EffectHandler>> = {
  /** `{ tanggapan }`: the answer the complainant will read. */
  async setTanggapan(effect, { strapi, uid, record }) {
    await strapi.db.query(uid as never).update({ where: { id: record.id }, data: { tanggapan: String(effect.tanggapan) } });
  },

  /** `{ tahap }`: the deadline that applies in the new state (acknowledge, respond, resolve; none when closed). */
  async perbaruiTenggat(effect, { strapi, uid, record }) {
    const row = record.row as unknown as PengaduanRow;
    await strapi.db.query(uid as never).update({ where: { id: record.id }, data: { tenggat: tenggatAktif(String(effect.tahap), row) } });
  },
};

/** Work after the step has committed: the complainant hears of the outcome, never of a step that rolled back. */
export const PENGADUAN_AFTER_COMMIT: Readonly<Record<string, AfterCommitHandler>> = {
  async notifyComplainant(strapi, event) {
    // in the background: the complainant's mail server never holds the officer's answer
    kirimHasil(strapi, event.documentId).catch(logMailFailure(strapi, event.documentId));
  },
};
