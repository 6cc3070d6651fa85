import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
// The query engine's own row → attributes conversion (each field's fromDB), so a row read here is
// shaped exactly as `strapi.db.query(uid).findOne({ populate })` shapes it.
import { fromRow } from '@strapi/database/dist/query/helpers/transform';
import { isScalar } from '@strapi/database/dist/utils/types';

/** Which relations and components to read with a row, as Strapi's `populate` object: `true`, or what to populate inside. */
export type PopulateTree = { readonly [attribute: string]: true | PopulateTree };

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  on?: Record<string, string>;
  orderColumnName?: string;
};
type Attribute = { type: string; relation?: string; target?: string; joinTable?: JoinTable; columnName?: string };
type Meta = { uid: string; tableName: string; attributes: Record<string, Attribute>; columnToAttribute: Record<string, string> };

const MANY = new Set(['oneToMany', 'manyToMany']);
const SINGLE = new Set(['oneToOne', 'manyToOne']);
// A nested value's key in the row the statement returns (never a column name: columns have no "__").
const nestedKey = (attribute: string): string => `__isi_${attribute}`;
// Names come from the content types' metadata, never from a request; checked anyway before they enter SQL text.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = (text: string): string => {
  if (!NAME.test(text)) throw new Error(`Nama tabel atau kolom tidak sah untuk pembacaan berpopulasi: ${text}`);
  return `"${text}"`;
};
const literal = (text: string): string => {
  if (!NAME.test(text)) throw new Error(`Nilai tidak sah untuk pembacaan berpopulasi: ${text}`);
  return `'${text}'`;
};

type Dialect = {
  /** A JSON object from `key, value` pairs (PostgreSQL: merged from calls of 50, it takes 100 arguments). */
  object: (pairs: string[]) => string;
  /** The JSON array of `element` over a subquery's rows, ordered; `[]` for none. */
  array: (element: string, orderBy: string) => string;
  /** A subquery's JSON result as a value inside another JSON object. */
  nested: (subquery: string) => string;
};

const chunks = (pairs: string[]): string[][] => {
  const out: string[][] = [];
  for (let i = 0; i < pairs.length; i += 50) out.push(pairs.slice(i, i + 50));
  return out.length > 0 ? out : [[]];
};

const POSTGRES: Dialect = {
  object: (pairs) =>
    chunks(pairs)
      .map((part) => `jsonb_build_object(${part.join(', ')})`)
      .join(' || '),
  array: (element, orderBy) => `coalesce(jsonb_agg(${element} order by ${orderBy}), '[]'::jsonb)`,
  nested: (subquery) => `(${subquery})`,
};
// SQLite keeps a value's JSON type only inside one expression: a subquery's JSON comes back as text, so json() re-reads it.
const SQLITE: Dialect = {
  // One call whatever the width: json_patch, the only way to merge objects, drops keys whose value is
  // null, and SQLite (3.51, bundled by better-sqlite3) takes 1,000 arguments to a function.
  object: (pairs) => `json_object(${pairs.join(', ')})`,
  array: (element, orderBy) => `json_group_array(${element} order by ${orderBy})`,
  nested: (subquery) => `json((${subquery}))`,
};

/**
 * The JSON value of `attribute` of the row aliased `parent`: its target rows' scalar columns and,
 * recursively, what `tree` populates in them — through its join table (a component's `*_cmps`
 * table with its `field`, or a relation's link table), ordered as Strapi orders it.
 */
const nestedValue = (
  strapi: Core.Strapi,
  dialect: Dialect,
  owner: Meta,
  attributeName: string,
  tree: true | PopulateTree,
  parent: string,
  depth: number
): string => {
  const attribute = owner.attributes[attributeName];
  const join = attribute?.joinTable;
  if (!attribute || attribute.type !== 'relation' || !attribute.target || !join || !attribute.relation) {
    throw new Error(`${owner.uid}.${attributeName} bukan relasi atau komponen yang dapat dibaca sekaligus.`);
  }
  if (!MANY.has(attribute.relation) && !SINGLE.has(attribute.relation)) throw new Error(`Relasi ${attribute.relation} tidak didukung.`);
  const target = strapi.db.metadata.get(attribute.target) as unknown as Meta;
  const row = `r${depth}`;
  const link = `l${depth}`;
  const element = objectOf(strapi, dialect, target, row, tree === true ? {} : tree, depth + 1);
  const conditions = [`${link}.${name(join.joinColumn.name)} = ${parent}.${name('id')}`];
  for (const [column, value] of Object.entries(join.on ?? {})) conditions.push(`${link}.${name(column)} = ${literal(value)}`);
  const from = `from ${name(join.name)} ${link} join ${name(target.tableName)} ${row} on ${row}.${name('id')} = ${link}.${name(join.inverseJoinColumn.name)} where ${conditions.join(' and ')}`;
  const orderBy = [join.orderColumnName ? `${link}.${name(join.orderColumnName)}` : null, `${row}.${name('id')}`].filter(Boolean).join(', ');
  return MANY.has(attribute.relation)
    ? dialect.nested(`select ${dialect.array(element, orderBy)} ${from}`)
    : dialect.nested(`select ${element} ${from} order by ${orderBy} limit 1`);
};

/** A row's scalar columns (by column name, as the table holds them) and its populated values, as one JSON object. */
const objectOf = (strapi: Core.Strapi, dialect: Dialect, meta: Meta, alias: string, tree: PopulateTree, depth: number): string => {
  const pairs: string[] = [];
  for (const [column, attributeName] of Object.entries(meta.columnToAttribute)) {
    if (isScalar(meta.attributes[attributeName]?.type ?? '')) pairs.push(`${literal(column)}, ${alias}.${name(column)}`);
  }
  for (const [attributeName, subtree] of Object.entries(tree)) {
    pairs.push(`${literal(nestedKey(attributeName))}, ${nestedValue(strapi, dialect, meta, attributeName, subtree, alias, depth)}`);
  }
  return dialect.object(pairs);
};

type Statement = { sql: string; prepared: string };
const built = new WeakMap<Core.Strapi, Map<string, Statement>>();

/** The statement reading one row of `uid` by documentId with `tree` populated (built once per uid and tree). */
const statementOf = (strapi: Core.Strapi, uid: string, by: 'id' | 'documentId', tree: PopulateTree): Statement => {
  const key = `${uid}\u0000${by}\u0000${JSON.stringify(tree)}`;
  const known = built.get(strapi) ?? new Map<string, Statement>();
  built.set(strapi, known);
  const cached = known.get(key);
  if (cached) return cached;
  const meta = strapi.db.metadata.get(uid) as unknown as Meta;
  const dialect = strapi.db.dialect.client === 'postgres' ? POSTGRES : SQLITE;
  const nested = Object.entries(tree).map(
    ([attributeName, subtree]) => `${nestedValue(strapi, dialect, meta, attributeName, subtree, 't0', 1)} as ${name(nestedKey(attributeName))}`
  );
  const column = by === 'id' ? 'id' : (meta.attributes.documentId?.columnName ?? 'document_id');
  const sql = `select t0.*${nested.map((value) => `, ${value}`).join('')} from ${name(meta.tableName)} t0 where t0.${name(column)} = ? limit 1`;
  const entry = { sql, prepared: `meja_baca_${createHash('sha256').update(sql).digest('hex').slice(0, 16)}` };
  known.set(key, entry);
  return entry;
};

/** A JSON value as the driver hands it: PostgreSQL's jsonb parsed already, SQLite's as text. */
const parsed = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

const convert = (strapi: Core.Strapi, meta: Meta, raw: Record<string, unknown>, tree: PopulateTree): Record<string, unknown> => {
  const row = fromRow(meta as never, raw) as Record<string, unknown>;
  for (const [attributeName, subtree] of Object.entries(tree)) {
    const attribute = meta.attributes[attributeName];
    const target = strapi.db.metadata.get(attribute.target as string) as unknown as Meta;
    const value = parsed(raw[nestedKey(attributeName)]);
    const inner = subtree === true ? {} : subtree;
    row[attributeName] = MANY.has(attribute.relation as string)
      ? ((value ?? []) as Record<string, unknown>[]).map((item) => convert(strapi, target, item, inner))
      : value
        ? convert(strapi, target, value as Record<string, unknown>, inner)
        : null;
  }
  return row;
};

/**
 * One row of `uid` by its documentId (`key` a string) or its id (`{ id }`) with the relations and components of `tree` populated, in ONE
 * statement (issue 14: Strapi's populate sends one statement per relation and per component field,
 * at every level — a berita with its kartu kendali and three paraf is eight — and every statement
 * costs a round trip and a socket write). The result is what
 * `strapi.db.query(uid).findOne({ where: { documentId } (or { id }), populate: tree })` returns: scalar
 * attributes converted by the query engine's own fields, single relations and components as an
 * object or null, repeatable ones and to-many relations as arrays in Strapi's order.
 * Runs in the current transaction when there is one (as the query engine does), else on the pool;
 * on PostgreSQL as a named prepared statement. Takes only relations and components (no media, no
 * morph or dynamic zone): anything else throws an Error at the first read. Returns null when no row has the key.
 */
export const readPopulated = async (
  strapi: Core.Strapi,
  uid: string,
  key: string | { id: number },
  tree: PopulateTree
): Promise<Record<string, unknown> | null> => {
  const { sql, prepared } = statementOf(strapi, uid, typeof key === 'string' ? 'documentId' : 'id', tree);
  const value = typeof key === 'string' ? key : key.id;
  const run = async (db: Knex | Knex.Transaction): Promise<Record<string, unknown>[]> => {
    if (strapi.db.dialect.client === 'postgres')
      return ((await db.raw(sql, [value]).options({ name: prepared })) as { rows: Record<string, unknown>[] }).rows;
    return (await db.raw(sql, [value])) as Record<string, unknown>[];
  };
  const rows = strapi.db.inTransaction() ? await strapi.db.transaction(({ trx }) => run(trx)) : await run(strapi.db.connection);
  const [raw] = rows;
  return raw ? convert(strapi, strapi.db.metadata.get(uid) as unknown as Meta, raw, tree) : null;
};
