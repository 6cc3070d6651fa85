import type { StrapiApp } from '@strapi/strapi/admin';
import id from './translations/id.json';

const LANGUAGE_KEY = 'strapi-admin-language';

// Bahasa Indonesia is the default; a user who picks another language keeps it.
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'id');
}

export default {
  config: {
    locales: ['id'],
    translations: { id },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
