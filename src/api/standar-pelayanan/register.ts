import type { Core } from '@strapi/strapi';
import { standarPelayananPages } from './pages';
import { createStandarPelayananMiddleware } from './documents';
import { pemeriksaanRoutes } from './pemeriksaan';

/**
 * From register(): the document-service middleware (publish check, SLA hours
 * cache) and the root-level routes — the public HTML pages and the admin
 * completeness check. The JSON API lives in routes/ under /api.
 */
export const registerStandarPelayanan = (strapi: Core.Strapi): void => {
  strapi.documents.use(createStandarPelayananMiddleware(strapi) as never);
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [...standarPelayananPages(strapi), ...pemeriksaanRoutes(strapi)],
  } as never);
};
