import type { Core } from '@strapi/strapi';
import { pengaduanAdminRoutes } from './admin-routes';
import { createPengaduanMiddleware } from './intake';
import { pengaduanPageRoutes } from './pages';

const INTAKE_MIDDLEWARE = 'global::pengaduan-intake';

type MiddlewareEntry = string | { name?: string; resolve?: string; config?: unknown };

/**
 * The complaint intake as a document-service middleware; call in bootstrap(), after the SOP
 * plugin's bootstrap added its workflow gate: the gate must screen a write (server-owned
 * fields refused) before this numbers it and sets its deadlines.
 */
export const usePengaduanIntake = (strapi: Core.Strapi): void => {
  strapi.documents.use(createPengaduanMiddleware(strapi) as never);
};

/** Wires the complaint routes and the public intake's HTTP middleware into Strapi; call in register(). */
export const registerPengaduan = (strapi: Core.Strapi): void => {
  strapi.server.routes({ type: 'admin', prefix: '', routes: [...pengaduanPageRoutes(strapi), ...pengaduanAdminRoutes(strapi)] } as never);

  // The public routes must be size-checked and rate-limited before any body parser
  // runs, so the intake middleware goes right in front of strapi::body.
  const middlewares = [...((strapi.config.get('middlewares') as MiddlewareEntry[] | undefined) ?? [])];
  const named = (entry: MiddlewareEntry) => (typeof entry === 'string' ? entry : (entry.name ?? entry.resolve));
  if (!middlewares.some((entry) => named(entry) === INTAKE_MIDDLEWARE)) {
    const body = middlewares.findIndex((entry) => named(entry) === 'strapi::body');
    if (body < 0) throw new Error('Konfigurasi middleware tanpa strapi::body: pengaduan tidak dapat dipasang.');
    middlewares.splice(body, 0, INTAKE_MIDDLEWARE);
    strapi.config.set('middlewares', middlewares);
  }
};
