import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { queryPaths, resolvePath, sortPaths, isGuardedElsewhere, type FieldStep, type SchemaLike } from '../domain/query-paths';

/**
 * Read rights in the content manager, for every type a response or a query reaches.
 *
 * Strapi's content-manager permission checker (node_modules/@strapi/content-manager/dist/server/
 * services/permission-checker.js → admin permissions-manager/sanitize.js) sanitises the root
 * model only: a permitted relation field comes back with every column of its target, private
 * ones included, and a filter or sort through a relation is checked on its first segment only.
 * Every content-manager controller (list, edit view, create/update/clone answers, publish
 * actions, bulk validation, single types, history, homepage widgets) sanitises through that
 * one service, so that is where this module sits: it wraps the service so that
 * - `sanitizeOutput` applies, to each related record at any depth, the actor's own read grant on
 *   that record's type (only `id`/`documentId` of a type it may not read at all), and drops
 *   private attributes at every depth, for everyone;
 * - `sanitizeQuery`, `sanitizedQuery.*` and `validateQuery` refuse (403, before any database
 *   work, so the answer is the same whether or not something matches) a filter, sort, field
 *   list or populate that names, through a relation, a field the actor may not read, or a
 *   private field anywhere; and turn the `_q` search, which the database runs over every
 *   string column, into a search over the columns the actor may read.
 * Refusals are `PolicyError`s (403): Strapi's authorize middleware turns any other ForbiddenError
 * thrown below it into a bare "Forbidden", losing the Indonesian message.
 * The relations endpoints (`/content-manager/relations/...`) answer with their own queries; the
 * relations controller is wrapped so that a refusal is a 403 (Strapi answers 500) and their
 * results pass the same sanitiser.
 */

const READ = 'plugin::content-manager.explorer.read';
const SANITIZED_ACTIONS = ['read', 'create', 'update', 'delete', 'publish', 'unpublish', 'discard'] as const;
const ALWAYS_KEPT = new Set(['id', 'documentId']);

type Ability = unknown;
type Entity = Record<string, unknown>;
type Query = Record<string, unknown>;

/** The shape of the content manager's permission checker that this module uses and wraps. */
type PermissionChecker = {
  can: ((action: string, entity?: unknown, field?: string) => boolean) & { read: (entity?: unknown, field?: string) => boolean };
  sanitizeOutput: (data: unknown, options?: { action?: string }) => Promise<unknown>;
  sanitizeQuery: (query: Query, options?: { action?: string }) => Promise<Query>;
  validateQuery: (query: Query, options?: { action?: string }) => Promise<unknown>;
  sanitizedQuery: ((query: Query, action?: unknown) => Promise<Query>) & Record<string, (query: Query) => Promise<Query>>;
  [key: string]: unknown;
};
type PermissionCheckerService = { create: (args: { userAbility: Ability; model: string }) => PermissionChecker };

type RelationsController = {
  extractAndValidateRequestInfo: (ctx: RelationsCtx, id?: unknown) => Promise<unknown>;
  findAvailable: (ctx: RelationsCtx) => Promise<unknown>;
  findExisting: (ctx: RelationsCtx) => Promise<unknown>;
  [key: string]: unknown;
};
type RelationsCtx = {
  params: { model?: string; targetField?: string };
  state: { userAbility: Ability };
  body: unknown;
  status: number;
};

/** Indonesian refusal of a query that names a field the actor may not read. */
export const FORBIDDEN_QUERY_MESSAGE = 'Penyaringan, pengurutan, atau pemilihan kolom melalui relasi menyebut kolom yang tidak boleh Anda baca';

const isPlainObject = (value: unknown): value is Entity => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Builds the read guard for one Strapi instance around the content manager's original
 * permission-checker factory. Returned functions take the request's CASL `userAbility`.
 */
const createReadGuard = (strapi: Core.Strapi, base: PermissionCheckerService) => {
  const schemaOf = (uid: string): SchemaLike | undefined => strapi.getModel(uid as never) as unknown as SchemaLike | undefined;

  /** One checker per (request ability, type): CASL work is not repeated for each record of a page. */
  const checkers = new WeakMap<object, Map<string, PermissionChecker>>();
  const checkerFor = (userAbility: Ability, uid: string): PermissionChecker => {
    const key = (userAbility ?? {}) as object;
    let byType = checkers.get(key);
    if (!byType) checkers.set(key, (byType = new Map()));
    let checker = byType.get(uid);
    if (!checker) byType.set(uid, (checker = base.create({ userAbility, model: uid })));
    return checker;
  };

  const mayReadType = (userAbility: Ability, uid: string): boolean => checkerFor(userAbility, uid).can(READ);
  const mayReadField = (userAbility: Ability, step: FieldStep): boolean =>
    !step.private && (ALWAYS_KEPT.has(step.field) || checkerFor(userAbility, step.uid).can(READ, undefined, step.field));

  // -------------------------------------------------------------------------
  // Output

  const dropPrivate = (uid: string, entity: Entity): Entity => {
    const schema = schemaOf(uid);
    if (!schema) return entity;
    const copy: Entity = { ...entity };
    for (const key of Object.keys(copy)) if (schema.attributes[key]?.private === true) delete copy[key];
    return copy;
  };

  /** Walks the attributes of `entity` (of schema `schemaUid`) and guards each related record. */
  const guardRelations = async (userAbility: Ability, schemaUid: string, entity: Entity): Promise<Entity> => {
    const schema = schemaOf(schemaUid);
    if (!schema) return entity;
    const copy: Entity = { ...entity };
    for (const [key, value] of Object.entries(copy)) {
      const attribute = schema.attributes[key];
      if (!attribute || value === null || value === undefined) continue;
      if (attribute.type === 'relation') {
        const targetOf = (item: Entity): string | undefined =>
          attribute.relation?.toLowerCase().startsWith('morph') ? (typeof item.__type === 'string' ? item.__type : undefined) : attribute.target;
        const guardOne = async (item: unknown) => {
          if (!isPlainObject(item)) return item;
          const target = targetOf(item);
          if (!target || isGuardedElsewhere(target)) return item;
          return guardRecord(userAbility, target, item);
        };
        copy[key] = Array.isArray(value) ? await Promise.all(value.map(guardOne)) : await guardOne(value);
        continue;
      }
      if (attribute.type === 'component' && attribute.component) {
        const component = attribute.component;
        const guardComponent = async (item: unknown) =>
          isPlainObject(item) ? guardRelations(userAbility, component, dropPrivate(component, item)) : item;
        copy[key] = Array.isArray(value) ? await Promise.all(value.map(guardComponent)) : await guardComponent(value);
        continue;
      }
      if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
        copy[key] = await Promise.all(
          value.map(async (item: unknown) =>
            isPlainObject(item) && typeof item.__component === 'string'
              ? guardRelations(userAbility, item.__component, dropPrivate(item.__component, item))
              : item
          )
        );
      }
    }
    return copy;
  };

  /**
   * A related record of type `uid`: what the actor's grant on `uid` allows, private attributes
   * dropped, then the same for its own relations. Without any read right on `uid`, only the
   * keys that are no attribute (`id`, `documentId`, a `count`) remain: the link, never the content.
   */
  const guardRecord = async (userAbility: Ability, uid: string, item: Entity): Promise<Entity> => {
    const schema = schemaOf(uid);
    if (!schema) return item;
    if (!mayReadType(userAbility, uid)) {
      return Object.fromEntries(Object.entries(item).filter(([key]) => ALWAYS_KEPT.has(key) || !(key in schema.attributes)));
    }
    const sanitized = (await checkerFor(userAbility, uid).sanitizeOutput(item)) as Entity;
    return guardRelations(userAbility, uid, dropPrivate(uid, sanitized));
  };

  /** The root record(s) as Strapi sanitised them, made safe at every depth. */
  const guardOutput = async (userAbility: Ability, uid: string, data: unknown): Promise<unknown> => {
    if (Array.isArray(data)) return Promise.all(data.map((item) => guardOutput(userAbility, uid, item)));
    if (!isPlainObject(data)) return data;
    return guardRelations(userAbility, uid, dropPrivate(uid, data));
  };

  // -------------------------------------------------------------------------
  // Queries

  /** Refuses a query that names a field the actor may not read through a relation, or a private field. */
  const checkQuery = (userAbility: Ability, uid: string, query: unknown): void => {
    if (!isPlainObject(query)) return;
    const refused = new Set<string>();
    for (const path of queryPaths(query)) {
      const steps = resolvePath(uid, path, schemaOf);
      const crossesRelation = steps.some((step) => step.depth > 0);
      for (const step of steps) {
        if (step.private || (crossesRelation && !mayReadField(userAbility, step))) refused.add(path.join('.'));
      }
    }
    if (refused.size > 0) {
      throw new errors.PolicyError(`${FORBIDDEN_QUERY_MESSAGE}: ${[...refused].sort().join(', ')}.`, { kolom: [...refused].sort() });
    }
  };

  /**
   * `_q` makes the database search every string column of the type, whatever the actor may
   * read. When some are out of reach, the search becomes an explicit `$or` over the readable,
   * non-private ones (numbers too when the text is a number), so it tells nothing more.
   */
  const searchableQuery = (userAbility: Ability, uid: string, query: Query): Query => {
    const search = query._q;
    if (typeof search !== 'string' || search.length === 0) return query;
    const schema = schemaOf(uid);
    if (!schema) return query;
    const numeric = search.trim() !== '' && !Number.isNaN(Number(search));
    const columns = Object.entries(schema.attributes).filter(([, attribute]) =>
      ['string', 'text', 'uid', 'email', 'enumeration', 'richtext', ...(numeric ? ['biginteger', 'integer', 'decimal', 'float'] : [])].includes(
        attribute.type
      )
    );
    const readable = columns.filter(([field, attribute]) =>
      mayReadField(userAbility, { uid, field, depth: 0, private: attribute.private === true, relation: false })
    );
    if (readable.length === columns.length) return query;
    const { _q: _omitted, ...rest } = query;
    const clauses: Entity[] = readable.map(([field, attribute]) =>
      ['string', 'text', 'uid', 'email', 'enumeration', 'richtext'].includes(attribute.type)
        ? { [field]: { $containsi: search } }
        : { [field]: { $eq: search } }
    );
    if (numeric) clauses.push({ id: { $eq: search } });
    const searchFilter: Entity = clauses.length > 0 ? { $or: clauses } : { id: { $null: true } };
    return { ...rest, filters: isPlainObject(rest.filters) ? { $and: [rest.filters, searchFilter] } : searchFilter };
  };

  /**
   * A sort written as one string (`asal:ASC`, `a:asc,b:desc`) keeps only the fields the actor may
   * read. Strapi's sanitiser drops an unreadable field from the object and list forms, but for a
   * one-field string it returns nothing, and its caller then keeps the original sort: the list
   * came back ordered by a field the role may not read (session 14 review: a kriptogram's text).
   */
  const readableSort = (userAbility: Ability, uid: string, query: Query): Query => {
    if (typeof query.sort !== 'string') return query;
    const kept = query.sort
      .split(',')
      .filter((entry) => sortPaths(entry).every((path) => resolvePath(uid, path, schemaOf).every((step) => mayReadField(userAbility, step))));
    const { sort: _omitted, ...rest } = query;
    return kept.length > 0 ? { ...rest, sort: kept.join(',') } : rest;
  };

  const guardQuery = (userAbility: Ability, uid: string, query: Query): Query => {
    checkQuery(userAbility, uid, query);
    return isPlainObject(query) ? searchableQuery(userAbility, uid, readableSort(userAbility, uid, query)) : query;
  };

  // -------------------------------------------------------------------------
  // The wrapped checker

  const create = ({ userAbility, model }: { userAbility: Ability; model: string }): PermissionChecker => {
    // the media library's own types are served by the media library, whose routes keep a file's
    // records out (src/files/guard.ts); through the content manager the Super Admin could read them
    if (model.startsWith('plugin::upload.')) throw new errors.PolicyError('Berkas dikelola melalui Pustaka Media, bukan Content Manager.');
    const original = base.create({ userAbility, model });
    const sanitizedQuery = (async (query: Query, action?: unknown) =>
      original.sanitizedQuery(guardQuery(userAbility, model, query), action)) as PermissionChecker['sanitizedQuery'];
    for (const action of SANITIZED_ACTIONS) {
      sanitizedQuery[action] = async (query: Query) => original.sanitizedQuery[action](guardQuery(userAbility, model, query));
    }
    return {
      ...original,
      sanitizeOutput: async (data, options) => guardOutput(userAbility, model, await original.sanitizeOutput(data, options)),
      sanitizeQuery: async (query, options) => original.sanitizeQuery(guardQuery(userAbility, model, query), options),
      validateQuery: async (query, options) => {
        checkQuery(userAbility, model, query);
        return original.validateQuery(query, options);
      },
      sanitizedQuery,
    };
  };

  return { create, guardRecord, mayReadType };
};

/** The relation attribute a `/content-manager/relations/:model/(:id/):targetField` request names. */
const relationTarget = (strapi: Core.Strapi, ctx: RelationsCtx): string | undefined => {
  const schema = ctx.params.model ? (strapi.getModel(ctx.params.model as never) as unknown as SchemaLike | undefined) : undefined;
  const attribute = ctx.params.targetField ? schema?.attributes[ctx.params.targetField] : undefined;
  return attribute?.type === 'relation' ? attribute.target : undefined;
};

/**
 * Installs the read guard (call from `register()`): wraps the content manager's
 * `permission-checker` service and its `relations` controller. See the module comment.
 */
export const registerContentManagerReadRights = (strapi: Core.Strapi): void => {
  let guard: ReturnType<typeof createReadGuard> | undefined;
  strapi.get('services').extend('plugin::content-manager.permission-checker', (service: unknown) => {
    guard = createReadGuard(strapi, service as PermissionCheckerService);
    return { ...(service as object), create: guard.create };
  });

  strapi.get('controllers').extend('plugin::content-manager.relations', (controller: unknown) => {
    const relations = controller as RelationsController;
    const refuse = (): never => {
      throw new errors.PolicyError('Anda tidak berhak membaca relasi ini.');
    };
    const guardResults = async (ctx: RelationsCtx) => {
      const target = relationTarget(strapi, ctx);
      const body = ctx.body as { results?: unknown[] } | undefined;
      if (!guard || !target || isGuardedElsewhere(target) || !body || !Array.isArray(body.results)) return;
      const readGuard = guard;
      body.results = await Promise.all(
        body.results.map((item) => (isPlainObject(item) ? readGuard.guardRecord(ctx.state.userAbility, target, item) : item))
      );
    };
    return {
      ...relations,
      async extractAndValidateRequestInfo(this: RelationsController, ctx: RelationsCtx, id?: unknown) {
        // Strapi answers `ctx.forbidden()` here and its callers then fail on `undefined` (500).
        const info = await relations.extractAndValidateRequestInfo.call(this, ctx, id);
        return info ?? refuse();
      },
      async findAvailable(this: RelationsController, ctx: RelationsCtx) {
        // Choosing a record to link means reading the list of them: only for who may read the target type.
        const target = relationTarget(strapi, ctx);
        if (guard && target && !isGuardedElsewhere(target) && !guard.mayReadType(ctx.state.userAbility, target)) refuse();
        await relations.findAvailable.call(this, ctx);
        await guardResults(ctx);
      },
      async findExisting(this: RelationsController, ctx: RelationsCtx) {
        await relations.findExisting.call(this, ctx);
        await guardResults(ctx);
      },
    };
  });

  // `/content-manager/uid/generate` and `/uid/check-availability` need only a login in Strapi, and
  // answer whether a value is taken (a draft standard's slug, say): only for who may write the type.
  strapi.get('controllers').extend('plugin::content-manager.uid', (controller: unknown) => {
    const uid = controller as UidController;
    const mayWrite = (ctx: UidCtx): void => {
      const contentType = (ctx.request.body as { contentTypeUID?: unknown } | undefined)?.contentTypeUID;
      const ability = ctx.state.userAbility;
      const allowed =
        typeof contentType === 'string' &&
        ability !== undefined &&
        ['create', 'update'].some((action) => ability.can(`plugin::content-manager.explorer.${action}`, contentType));
      if (!allowed) throw new errors.PolicyError('Anda tidak berhak membuat atau mengubah data jenis ini.');
    };
    return {
      ...uid,
      async generateUID(this: UidController, ctx: UidCtx) {
        mayWrite(ctx);
        return uid.generateUID.call(this, ctx);
      },
      async checkUIDAvailability(this: UidController, ctx: UidCtx) {
        mayWrite(ctx);
        return uid.checkUIDAvailability.call(this, ctx);
      },
    };
  });
};

type UidCtx = { request: { body?: unknown }; state: { userAbility?: { can: (action: string, subject: string) => boolean } } };
type UidController = Record<'generateUID' | 'checkUIDAvailability', (this: UidController, ctx: UidCtx) => Promise<unknown>>;
