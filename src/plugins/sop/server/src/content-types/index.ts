/**
 * The plugin's content types (issue 13): stored workflows and their versions. Hidden from the
 * content manager and the Content-Type Builder, with no REST routes: only `/sop/alur` reads
 * and writes them (routes/alur.ts), under the permission `plugin::sop.alur.kelola`.
 */
const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const alur = {
  schema: {
    kind: 'collectionType',
    collectionName: 'sop_alur',
    info: { singularName: 'alur', pluralName: 'alurs', displayName: 'Alur SOP', description: 'Alur kerja SOP yang disimpan di basis data' },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** the `:model` of `/sop/:model/...` */
      model: { type: 'string', required: true, unique: true, maxLength: 40 },
      nama: { type: 'string', required: true, maxLength: 200 },
      /** the content type the workflow governs */
      uid: { type: 'string', required: true, maxLength: 200 },
    },
  },
};

const alurVersi = {
  schema: {
    kind: 'collectionType',
    collectionName: 'sop_alur_versi',
    info: {
      singularName: 'alur-versi',
      pluralName: 'alur-versis',
      displayName: 'Versi Alur SOP',
      description: 'Satu versi definisi alur SOP: draf, aktif, atau pensiun',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** the workflow's `model` */
      model: { type: 'string', required: true, maxLength: 40 },
      nomor: { type: 'integer', required: true, min: 1 },
      status: { type: 'enumeration', enum: ['draf', 'aktif', 'pensiun'], required: true, default: 'draf' },
      /** the WorkflowData, as in src/sop-defs/<sop>/definition.json */
      definisi: { type: 'json', required: true },
      /** hashDefinition(definisi) */
      hash: { type: 'string', required: true, maxLength: 64 },
      /** `{ id, nama }` of the admin user (id null: the system) */
      dibuatOleh: { type: 'json' },
      diubahOleh: { type: 'json' },
      diaktifkanPada: { type: 'datetime' },
      dipensiunkanPada: { type: 'datetime' },
    },
  },
};

export default { alur, 'alur-versi': alurVersi };
