import type { Core } from '@strapi/strapi';

type DocumentContext = {
  uid: string;
  action: string;
  params: Record<string, unknown>;
};
type Next = () => Promise<unknown>;

const LIST_PATH = '/content-manager/collection-types/';

/** True for a filter value that selects every row: absent, `{}`, or `$and`/`$or` of nothing. */
const selectsAll = (filters: unknown): boolean => {
  if (filters === undefined || filters === null) return true;
  if (typeof filters !== 'object') return false;
  return Object.entries(filters as Record<string, unknown>).every(
    ([key, value]) => (key === '$and' || key === '$or') && Array.isArray(value) && value.every(selectsAll)
  );
};

/**
 * Whether a document-service `count` is the content manager's total for a list as it first
 * opens: a GET of the list route of this very type, no filter (the user's permission
 * conditions would add one), no search (`_q`), no locale. Only then may the total be estimated.
 */
const isUnfilteredListCount = (strapi: Core.Strapi, context: DocumentContext): boolean => {
  if (context.action !== 'count') return false;
  const request = strapi.requestContext.get() as { method?: string; path?: string } | undefined;
  if (request?.method !== 'GET' || request.path !== `${LIST_PATH}${context.uid}`) return false;
  const { filters, _q, locale } = context.params;
  return selectsAll(filters) && (_q === undefined || _q === '') && (locale === undefined || locale === null);
};

/**
 * The planner's row estimate of a table (pg_class.reltuples, kept by ANALYZE and autovacuum),
 * or null when the table was never analysed (-1 since PostgreSQL 14) or is unknown.
 */
export const estimatedRows = async (strapi: Core.Strapi, table: string): Promise<number | null> => {
  const result = (await strapi.db.connection.raw('select reltuples::bigint as n from pg_class where oid = to_regclass(?)', [table])) as {
    rows: { n: string | number }[];
  };
  const n = Number(result.rows[0]?.n);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * Document-service middleware (issue 14): the content manager asks for an exact
 * `count(*)` of the whole table with every page of a list, and on PostgreSQL that is a scan
 * of every row (≈ 0.1 s at a million). When the list is opened without a filter, the type has
 * neither draft & publish nor i18n (one row per document) and the planner's estimate reaches
 * `meja-sandi.daftarPerkiraanMulai` (ADMIN_LIST_ESTIMATE_FROM, default 100,000 rows; 0 = never),
 * the total shown is that estimate instead; every row is still listed, sorted and paged as
 * before, and any filter or search counts exactly. SQLite and smaller tables count exactly.
 */
export const createEstimatedCountMiddleware = (strapi: Core.Strapi) =>
  async function estimatedListCount(context: DocumentContext, next: Next): Promise<unknown> {
    if (!isUnfilteredListCount(strapi, context)) return next();
    const from = Number(strapi.config.get('meja-sandi.daftarPerkiraanMulai') ?? 100_000);
    if (!(from > 0) || strapi.db.dialect.client !== 'postgres') return next();
    const model = strapi.getModel(context.uid as never) as
      { options?: { draftAndPublish?: boolean }; pluginOptions?: { i18n?: { localized?: boolean } } } | undefined;
    if (!model || model.options?.draftAndPublish || model.pluginOptions?.i18n?.localized) return next();
    const estimate = await estimatedRows(strapi, strapi.db.metadata.get(context.uid as never).tableName);
    return estimate !== null && estimate >= from ? estimate : next();
  };
