import type { Knex } from 'knex';

/** The columns of each table that exists, by table name; a missing table has no entry. */
export type SchemaSnapshot = Map<string, Set<string>>;

const clientOf = (knex: Knex): string => String(knex.client.config.client);

/**
 * Which of `tables` exist, with their column names, in ONE query. On PostgreSQL from the catalog:
 * pg_class / pg_attribute of the current schema, compared by name as knex does (a schema whose
 * name needs quotes, DATABASE_SCHEMA=MejaSandi, is found); tables, partitioned tables, views and
 * foreign tables, as information_schema.tables lists them. knex's hasTable and hasColumn read
 * information_schema, 3–17 ms a question here, and a boot asked a dozen (issue 14). On SQLite
 * from sqlite_master and pragma_table_info. Other clients ask knex table by table. Takes the
 * knex instance or a transaction and the table names; returns a map table → its column names.
 * Throws what the database throws.
 */
export const schemaSnapshot = async (knex: Knex | Knex.Transaction, tables: readonly string[]): Promise<SchemaSnapshot> => {
  const snapshot: SchemaSnapshot = new Map();
  if (tables.length === 0) return snapshot;
  const client = clientOf(knex as Knex);
  let rows: { tabel: string; kolom: string }[];
  if (client === 'pg' || client === 'postgres') {
    const result = (await knex.raw(
      `select c.relname as tabel, a.attname as kolom
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind in ('r', 'p', 'v', 'f') and c.relname = any(?)`,
      [tables as string[]]
    )) as { rows: { tabel: string; kolom: string }[] };
    rows = result.rows;
  } else if (client === 'sqlite' || client === 'better-sqlite3' || client === 'sqlite3') {
    rows = (await knex.raw(
      `select m.name as tabel, p.name as kolom from sqlite_master m join pragma_table_info(m.name) p
        where m.type = 'table' and m.name in (${tables.map(() => '?').join(', ')})`,
      [...tables]
    )) as { tabel: string; kolom: string }[];
  } else {
    rows = [];
    for (const table of tables) {
      if (!(await knex.schema.hasTable(table))) continue;
      for (const kolom of Object.keys(await knex(table).columnInfo())) rows.push({ tabel: table, kolom });
    }
  }
  for (const { tabel, kolom } of rows) {
    const columns = snapshot.get(tabel) ?? new Set<string>();
    columns.add(kolom);
    snapshot.set(tabel, columns);
  }
  return snapshot;
};
