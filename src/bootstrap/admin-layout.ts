import type { Core } from '@strapi/strapi';
import { fieldLabel } from '../domain/labels';
import { GOVERNED_TYPES, SOP_REGISTRATIONS } from '../sop-defs';
import { PELAKSANA_GOVERNED } from '../sop-defs/pelaksana';
import { HARI_LIBUR_GOVERNED } from '../sop-defs/hari-libur';
import type { ListView } from '../plugins/sop/server/src/index';

type FieldMeta = { edit?: Record<string, unknown>; list?: Record<string, unknown> };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMeta>;
  layouts: { list: string[]; edit: unknown };
};
type ConfigService = {
  findConfiguration: (model: { uid: string }) => Promise<Configuration>;
  updateConfiguration: (model: { uid: string }, configuration: Configuration) => Promise<unknown>;
};

// 4: waktuAgenda (read-only, labelled) on berita and kriptogram
// 5: distribusi lists and titles each copy by its recipient (tujuan, alamat, saluran, surat)
// (a new content type, like the acting officials' `pelaksana`, gets its layout without a new version)
const LAYOUT_VERSION = 5;

/** Bookkeeping columns: kept for sorting and joins, not shown in the edit form. */
const HIDDEN_IN_FORM = ['versi', 'tahunAgenda', 'urutAgenda', 'sandimanId', 'carakaId'];

/** List columns and sort order the office expects to see first: each SOP's own (src/sop-defs), and the app's other types. */
const LIST_VIEWS: Readonly<Record<string, ListView>> = {
  ...Object.fromEntries(
    SOP_REGISTRATIONS.flatMap((registration) => [
      [registration.uid, registration.listView],
      ...(registration.related ?? []).map((related) => [related.uid, related.listView]),
    ])
  ),
  ...Object.fromEntries([PELAKSANA_GOVERNED, HARI_LIBUR_GOVERNED].map((related) => [related.uid, related.listView])),
};

const labelled = (configuration: Configuration, readOnly: readonly string[]): Configuration => {
  const metadatas: Record<string, FieldMeta> = {};
  for (const [field, meta] of Object.entries(configuration.metadatas)) {
    const label = fieldLabel(field);
    metadatas[field] = {
      ...meta,
      edit: {
        ...(meta.edit ?? {}),
        label,
        ...(readOnly.includes(field) ? { editable: false, description: 'Diisi oleh sistem melalui langkah SOP.' } : {}),
        ...(HIDDEN_IN_FORM.includes(field) ? { visible: false } : {}),
      },
      list: { ...(meta.list ?? {}), label },
    };
  }
  return { ...configuration, metadatas };
};

/**
 * Indonesian field labels, read-only workflow fields and sensible list columns in the
 * content manager — applied once per content type, so an administrator's own layout
 * changes afterwards are kept.
 */
export const applyAdminLayouts = async (strapi: Core.Strapi): Promise<void> => {
  const flag = strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'admin-layouts' });
  const applied = ((await flag.get({})) ?? {}) as Record<string, number>;
  const contentTypes = strapi.plugin('content-manager').service('content-types') as ConfigService;
  const components = strapi.plugin('content-manager').service('components') as ConfigService;
  const next = { ...applied };

  for (const uid of Object.keys(strapi.contentTypes).filter((key) => key.startsWith('api::'))) {
    if (applied[uid] === LAYOUT_VERSION) continue;
    const current = await contentTypes.findConfiguration({ uid });
    const readOnly = GOVERNED_TYPES[uid]?.serverOwned ?? [];
    const view = LIST_VIEWS[uid];
    const configuration = labelled(current, readOnly);
    if (view) {
      const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>)[uid].attributes;
      configuration.layouts = { ...configuration.layouts, list: view.list.filter((field) => field in attributes) };
      configuration.settings = {
        ...configuration.settings,
        ...(view.mainField ? { mainField: view.mainField } : {}),
        ...(view.defaultSortBy ? { defaultSortBy: view.defaultSortBy, defaultSortOrder: view.defaultSortOrder ?? 'ASC' } : {}),
      };
    }
    await contentTypes.updateConfiguration({ uid }, configuration);
    next[uid] = LAYOUT_VERSION;
  }

  for (const uid of Object.keys(strapi.components)) {
    if (applied[uid] === LAYOUT_VERSION) continue;
    const current = await components.findConfiguration({ uid });
    const readOnly = uid === 'naskah.paraf' ? ['userId', 'nama', 'peran', 'atasNama', 'waktu'] : [];
    await components.updateConfiguration({ uid }, labelled(current, readOnly));
    next[uid] = LAYOUT_VERSION;
  }
  // a restart with nothing to change writes nothing
  if (JSON.stringify(next) !== JSON.stringify(applied)) await flag.set({ value: next });
};
