import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import id from './translations/id.json';
import { StandarPelayananPanel } from './components/StandarPelayananPanel';
import { SalinanField } from './components/SalinanField';
import { ENUMERATION_TRANSLATIONS, labelEnumerationColumns } from './components/LabelKolom';
import { MenungguSaya } from './components/MenungguSaya';
import { ChartPie, Mail } from '@strapi/icons';
import logo from './extensions/logo.png';
import { CetakBukuAgenda } from './components/CetakBukuAgenda';
import { muatSambutan } from './components/sambutan';
import { filterWaktuWib, WaktuWibInput } from './components/WaktuWib';

const STRAPI_SUFFIX = / \| Strapi$/;

/**
 * Strapi names every browser tab "… | Strapi" (its Page.Title, not configurable): the title is
 * rewritten to "… | Meja Sandi" whenever Strapi sets it. Call once, at bootstrap.
 */
const judulTanpaStrapi = (): void => {
  if (typeof document === 'undefined') return;
  const fix = () => {
    if (STRAPI_SUFFIX.test(document.title)) document.title = document.title.replace(STRAPI_SUFFIX, ' | Meja Sandi');
  };
  fix();
  const head = document.querySelector('head');
  if (head) new MutationObserver(fix).observe(head, { subtree: true, childList: true, characterData: true });
};

/**
 * Strapi's own banners give way: the NPS survey is off, and the media library's news banner is
 * dismissed ahead of time (Strapi keeps that per instance, under the uuid `/admin/init` gives).
 */
const tanpaBannerStrapi = async (): Promise<void> => {
  if (typeof window === 'undefined') return;
  window.localStorage.setItem(
    'STRAPI_NPS_SURVEY_SETTINGS',
    JSON.stringify({ enabled: false, lastResponseDate: null, firstDismissalDate: null, lastDismissalDate: null })
  );
  try {
    const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
    const response = await fetch(`${backend}/admin/init`);
    const uuid = ((await response.json()) as { data?: { uuid?: unknown } }).data?.uuid;
    for (const legacy of ['true', 'false'])
      window.localStorage.setItem(`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${String(uuid)}`, 'true');
  } catch {
    // the banner stays, and can still be closed by hand
  }
};

const LANGUAGE_KEY = 'strapi-admin-language';

/**
 * The welcome texts name the office the instansi names (src/domain/kantor.ts), asked of the server
 * before the panel renders: Strapi reads `config.translations` once, right after this module's
 * register and bootstrap, so the module waits for the answer (at most a few seconds, see muatSambutan).
 * The backend URL is the one the build gives the panel (Strapi's own `window.strapi` is set later).
 */
const SAMBUTAN = await muatSambutan(String(process.env.STRAPI_ADMIN_BACKEND_URL ?? '').replace(/\/+$/, ''));

// Bahasa Indonesia is the default; a user who picks another language keeps it.
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'id');
}

export default {
  config: {
    locales: ['id'],
    // the office's texts, then the Indonesian label of every enumeration value (forms, filters)
    translations: { id: { ...id, ...ENUMERATION_TRANSLATIONS, ...SAMBUTAN }, en: SAMBUTAN },
    // the office's name (from the instansi, SAMBUTAN) and emblem instead of Strapi's welcome, tour and banners (the favicon is ./favicon.png; the tab title is fixed in bootstrap)
    auth: { logo },
    menu: { logo },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // Sanapati mailbox intake: status, messages kept aside, .eml upload (src/admin/pages/KotakSurat.tsx)
    app.addMenuLink({
      to: 'kotak-surat',
      icon: Mail,
      intlLabel: { id: 'meja-sandi.kotak-surat', defaultMessage: 'Kotak Surat Sanapati' },
      permissions: [],
      Component: () => import('./pages/KotakSurat'),
    });
    // Evaluasi kinerja triwulanan for the leaders (src/admin/pages/EvaluasiKinerja.tsx; the server refuses everyone else)
    app.addMenuLink({
      to: 'evaluasi-kinerja',
      icon: ChartPie,
      intlLabel: { id: 'meja-sandi.evaluasi-kinerja', defaultMessage: 'Evaluasi Kinerja' },
      permissions: [],
      Component: () => import('./pages/EvaluasiKinerja'),
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
      injectComponent: (view: string, zone: string, component: { name: string; Component: () => unknown }) => void;
    };
    contentManager.apis.addEditViewSidePanel([StandarPelayananPanel]);
    // the kriptogram's salinan editor, for the `salinan` field type its SOP adds to the vocabulary
    const sop = app.getPlugin('sop') as unknown as { apis: { addFieldEditor: (type: string, editor: unknown) => void } };
    sop.apis.addFieldEditor('salinan', SalinanField);
    // each role's SOP list opens on what waits for it (the Kasi's berita: paraf and assigning the Caraka)
    contentManager.injectComponent('listView', 'actions', { name: 'meja-sandi-menunggu-saya', Component: MenungguSaya });
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelEnumerationColumns);
    // "Cetak buku agenda" on the berita and kriptogram lists (the books the server lets this user print)
    contentManager.injectComponent('listView', 'actions', { name: 'meja-sandi-cetak-buku-agenda', Component: CetakBukuAgenda });
    judulTanpaStrapi();
    void tanpaBannerStrapi();
    // every date-time field and filter of the content manager in WIB, labelled so, whatever the browser's zone
    // (Strapi types the component as taking no props; it is given the field's props, see InputProps)
    app.addFields({ type: 'datetime', Component: WaktuWibInput as unknown as ComponentType });
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', filterWaktuWib);
  },
};
