import type { StrapiApp } from '@strapi/strapi/admin';
import { SopPanel } from './components/SopPanel';
import { injectTenggatColumn } from './components/TenggatColumn';
import { addFieldEditor } from './components/fields/FieldEditor';

export type { Definisi, FieldKonteks, FieldProps, FieldSpec, PilihanPenerima } from './components/types';
export { cachedDefinitions, definitionFor, formatWaktu, loadDefinitions } from './components/api';
export { useDefinitions } from './components/useDefinitions';

/**
 * The SOP plugin's admin part: the "Langkah SOP" side panel of every record an SOP governs and
 * the "Status tenggat" list column, both driven by `GET /sop/...`. An app adds an editor for a
 * field type of its own with `app.getPlugin('sop').apis.addFieldEditor(type, Component)`.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: 'sop', name: 'SOP', apis: { addFieldEditor } } as never);
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([SopPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectTenggatColumn);
  },
};
