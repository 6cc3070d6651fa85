import type { Core, UID } from '@strapi/strapi';

type RestAction = 'find' | 'findOne' | 'create' | 'update' | 'delete';

/**
 * The REST routes of one content type: the same methods, paths and handlers as Strapi's
 * `factories.createCoreRouter(uid)` (collection type: find, findOne, create, update, delete under
 * `/<pluralName>`; single type: find, update, delete under `/<singularName>`), each with `config: {}`,
 * but without the zod `request`/`response` schemas that Strapi 5.54 builds for every route of
 * every type at boot. Those schemas only describe the route (OpenAPI) and name the extra
 * query and body keys `api.rest.strictParams` lets through; core routes declare none beyond
 * Strapi's own allow-list, so a request is checked the same way. Building them was about a tenth
 * of a restart on PostgreSQL (issue 14: `registerAPIRoutes` 165 ms of 3.8 s of a profiled boot).
 *
 * Takes the content type's uid; returns a router factory (Strapi calls it with `{ strapi }` when it
 * registers the routes, after every content type is loaded). Throws when the uid names no content type.
 * Every request still goes through the core controllers, the permission checks and the
 * document-service middlewares (the input policy and the SOP gate), exactly as before.
 */
export const restRouter =
  (uid: UID.ContentType) =>
  ({ strapi }: { strapi: Core.Strapi }): Core.RouterInput => {
    const contentType = strapi.contentType(uid);
    if (!contentType) throw new Error(`restRouter: jenis konten ${uid} tidak ada.`);
    const routes: Array<[Core.RouteInput['method'], string, RestAction]> =
      contentType.kind === 'singleType'
        ? [
            ['GET', `/${contentType.info.singularName}`, 'find'],
            ['PUT', `/${contentType.info.singularName}`, 'update'],
            ['DELETE', `/${contentType.info.singularName}`, 'delete'],
          ]
        : [
            ['GET', `/${contentType.info.pluralName}`, 'find'],
            ['GET', `/${contentType.info.pluralName}/:id`, 'findOne'],
            ['POST', `/${contentType.info.pluralName}`, 'create'],
            ['PUT', `/${contentType.info.pluralName}/:id`, 'update'],
            ['DELETE', `/${contentType.info.pluralName}/:id`, 'delete'],
          ];
    return {
      type: 'content-api',
      routes: routes.map(([method, path, action]) => ({ method, path, handler: `${uid}.${action}`, config: {} })),
    };
  };
