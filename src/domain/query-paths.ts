/**
 * Which fields a content-manager query reads: every attribute path named in its `filters`,
 * `sort`, `fields` and `populate` (nested ones included), resolved against the schemas into
 * the (content type, field) pairs it touches. Pure: the schemas come from the caller.
 *
 * Why: Strapi's admin permission checker checks only the first segment of a path, so
 * `filters[kriptogram][teksKriptogram][$contains]=…` on the salinan list passes for any role
 * that may read the salinan's `kriptogram` field, whatever it may read of the kriptogram.
 * A filter answers yes/no about the field it names: naming a field is reading it.
 */

/** The part of a Strapi attribute definition the resolution needs. */
export type AttributeLike = {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  components?: readonly string[];
  private?: boolean;
};

/** The part of a Strapi schema (content type or component) the resolution needs. */
export type SchemaLike = { uid: string; modelType?: string; attributes: Record<string, AttributeLike> };

/** One field a path touches: `field` is relative to the content type `uid` (components joined by dots: `penerima.nama`). */
export type FieldStep = {
  uid: string;
  field: string;
  /** how many relations were crossed to reach this content type (0 = the queried type) */
  depth: number;
  /** the attribute is marked `private` in its schema */
  private: boolean;
  /** the attribute is a relation to another content type (crossed by the next step) */
  relation: boolean;
};

const OPERATOR = /^\$/;

/** `kriptogram[teksKriptogram]`, `kriptogram.teksKriptogram` → ['kriptogram', 'teksKriptogram']. */
const splitPath = (text: string): string[] =>
  text
    .replace(/\[(.*?)\]/g, '.$1')
    .split('.')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths named by a `filters` object: operators ($and, $or, $not, $eq, …) are walked through, not named. */
export const filterPaths = (filters: unknown, prefix: readonly string[] = []): string[][] => {
  if (Array.isArray(filters)) return filters.flatMap((entry) => filterPaths(entry, prefix));
  if (!isPlainObject(filters)) return prefix.length > 0 ? [[...prefix]] : [];
  const paths: string[][] = [];
  let named = false;
  for (const [key, value] of Object.entries(filters)) {
    if (OPERATOR.test(key)) {
      paths.push(...filterPaths(value, prefix));
      continue;
    }
    named = true;
    paths.push(...filterPaths(value, [...prefix, ...splitPath(key)]));
  }
  if (!named && prefix.length > 0) paths.push([...prefix]);
  return paths;
};

/** Paths named by a `sort`: `a:asc`, `a.b:desc,c`, `['a:asc']`, `{ a: { b: 'asc' } }`, `[{ a: 'asc' }]`. */
export const sortPaths = (sort: unknown, prefix: readonly string[] = []): string[][] => {
  if (Array.isArray(sort)) return sort.flatMap((entry) => sortPaths(entry, prefix));
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0])
      .filter((part) => part.length > 0)
      .map((part) => [...prefix, ...splitPath(part)]);
  }
  if (isPlainObject(sort)) {
    return Object.entries(sort).flatMap(([key, value]) =>
      isPlainObject(value) || Array.isArray(value) ? sortPaths(value, [...prefix, ...splitPath(key)]) : [[...prefix, ...splitPath(key)]]
    );
  }
  return [];
};

/** Paths named by `fields`: a string (comma separated) or a list of strings. */
export const fieldsPaths = (fields: unknown, prefix: readonly string[] = []): string[][] => {
  if (Array.isArray(fields)) return fields.flatMap((entry) => fieldsPaths(entry, prefix));
  if (typeof fields !== 'string') return [];
  return fields
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && part !== '*')
    .map((part) => [...prefix, ...splitPath(part)]);
};

/** Paths named by `populate`, with the `fields`, `filters` and `sort` nested in it. */
export const populatePaths = (populate: unknown, prefix: readonly string[] = []): string[][] => {
  if (Array.isArray(populate)) return populate.flatMap((entry) => populatePaths(entry, prefix));
  if (typeof populate === 'string') {
    return populate
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0 && part !== '*' && part !== 'true' && part !== 'false')
      .map((part) => [...prefix, ...splitPath(part)]);
  }
  if (!isPlainObject(populate)) return [];
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(populate)) {
    if (key === 'on' && isPlainObject(value)) {
      // dynamic zones: `on[component.uid]` names a component, not an attribute
      for (const nested of Object.values(value)) paths.push(...nestedPopulatePaths(nested, prefix));
      continue;
    }
    if (key === 'fields' || key === 'filters' || key === 'sort' || key === 'populate' || key === 'count') {
      paths.push(...nestedPopulatePaths({ [key]: value }, prefix));
      continue;
    }
    const path = [...prefix, ...splitPath(key)];
    paths.push(path);
    paths.push(...nestedPopulatePaths(value, path));
  }
  return paths;
};

const nestedPopulatePaths = (value: unknown, prefix: readonly string[]): string[][] => {
  if (!isPlainObject(value)) return [];
  return [
    ...fieldsPaths(value.fields, prefix),
    ...filterPaths(value.filters, prefix),
    ...sortPaths(value.sort, prefix),
    ...populatePaths(value.populate, prefix),
  ];
};

/** Every attribute path a query names, from its `filters`, `sort`, `fields` and `populate`. */
export const queryPaths = (query: Record<string, unknown>): string[][] => [
  ...filterPaths(query.filters),
  ...sortPaths(query.sort),
  ...fieldsPaths(query.fields),
  ...populatePaths(query.populate),
];

/** Targets whose fields are guarded elsewhere (Strapi's own admin-user picker, the media library). */
export const isGuardedElsewhere = (uid: string): boolean => uid.startsWith('admin::') || uid.startsWith('plugin::upload.');

/**
 * The fields a path touches, from the queried content type `rootUid` through relations and
 * components, in order. Stops (without error) at a name that is no attribute — Strapi's own
 * query validation answers for that — at media, and at targets guarded elsewhere.
 */
export const resolvePath = (rootUid: string, path: readonly string[], schemaOf: (uid: string) => SchemaLike | undefined): FieldStep[] => {
  const steps: FieldStep[] = [];
  let contentType = rootUid;
  let schema = schemaOf(rootUid);
  let prefix: string[] = [];
  let depth = 0;
  for (const segment of path) {
    if (!schema) break;
    const attribute = schema.attributes[segment];
    if (!attribute) break;
    const field = [...prefix, segment].join('.');
    const relation = attribute.type === 'relation' && typeof attribute.target === 'string' && !isGuardedElsewhere(attribute.target);
    steps.push({ uid: contentType, field, depth, private: attribute.private === true, relation });
    if (relation) {
      contentType = attribute.target!;
      schema = schemaOf(contentType);
      prefix = [];
      depth += 1;
      continue;
    }
    if (attribute.type === 'component' && attribute.component) {
      schema = schemaOf(attribute.component);
      prefix = [...prefix, segment];
      continue;
    }
    break;
  }
  return steps;
};
