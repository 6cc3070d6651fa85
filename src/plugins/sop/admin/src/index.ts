import type { StrapiApp } from '@strapi/strapi/admin';
import { SopPanel } from './components/SopPanel';
import { injectTenggatColumn } from './components/TenggatColumn';
import { addFieldEditor } from './components/fields/FieldEditor';
import { AntrianMenuIcon } from './components/AntrianMenuIcon';
import { BulletList } from '@strapi/icons';
import { IZIN_KELOLA_ALUR } from './alur/izin';

export type { Definisi, FieldKonteks, FieldProps, FieldSpec, PilihanPenerima } from './components/types';
export { cachedDefinitions, definitionFor, loadDefinitions } from './components/api';
export { dariWibLokal, formatWaktu, keWibLokal } from './components/wib';
export { useDefinitions } from './components/useDefinitions';

/**
 * The SOP plugin's admin part: the "Langkah SOP" side panel of every record an SOP governs, the
 * "Status tenggat" list column, and "Antrian saya" (`GET /sop/antrian`) as a homepage widget and a
 * full page whose menu icon counts the waiting records — all driven by `GET /sop/...`; and in the
 * settings, "Alur SOP", where an administrator designs, versions and activates workflows. An app adds an editor for a
 * field type of its own with `app.getPlugin('sop').apis.addFieldEditor(type, Component)`.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: 'sop', name: 'SOP', apis: { addFieldEditor } } as never);
    app.addMenuLink({
      to: 'antrian-saya',
      icon: AntrianMenuIcon,
      intlLabel: { id: 'sop.antrian-saya', defaultMessage: 'Antrian Saya' },
      permissions: [],
      position: 1,
      Component: () => import('./pages/AntrianSaya'),
    });
    // Settings › SOP › "Alur SOP": the workflow designer (issue 13), for holders of plugin::sop.alur.kelola
    app.addSettingsLink(
      { id: 'sop', intlLabel: { id: 'sop.settings.section', defaultMessage: 'SOP' } },
      {
        id: 'alur-sop',
        to: 'alur-sop',
        intlLabel: { id: 'sop.settings.alur-sop', defaultMessage: 'Alur SOP' },
        permissions: IZIN_KELOLA_ALUR,
        Component: () => import('./pages/AlurSop'),
      }
    );
    // Strapi 5's homepage Widgets API (the home page after login), first: it is what the day starts with
    app.widgets.register((widgets) => [
      {
        id: 'antrian-saya',
        pluginId: 'sop',
        icon: BulletList,
        title: { id: 'sop.widget.antrian-saya', defaultMessage: 'Antrian saya' },
        link: { label: { id: 'sop.widget.antrian-saya.semua', defaultMessage: 'Lihat semua' }, href: '/antrian-saya' },
        component: async () => (await import('./components/AntrianWidget')).AntrianWidget,
      },
      ...widgets,
    ]);
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([SopPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectTenggatColumn);
  },
};
