'use strict';
/**
 * The one way Meja Sandi's migrations create indexes (required by database/migrations/*.js; it
 * lives outside that folder because Strapi runs every .js file there as a migration).
 *
 * How Strapi 5 runs such a migration: user migrations in `database/migrations/*.js` of the app
 * root (not compiled, not `dist/`) run once per database, in file-name order, inside a
 * transaction, BEFORE Strapi syncs the tables with the content types, and are recorded in
 * `strapi_migrations`. On an existing database the tables are there and the indexes are made at
 * once. On a new database they are not yet: the same statements then run right after that boot's
 * schema sync (Strapi's `strapi::content-types.afterSync` hook). Every statement is
 * `CREATE INDEX IF NOT EXISTS` (PostgreSQL and SQLite alike) and a table or column that is
 * missing is skipped, so running it again is harmless. Strapi's schema sync only drops indexes
 * it created itself, so these survive later syncs.
 *
 * On PostgreSQL CREATE INDEX inside the migration's transaction blocks writes to the table while
 * it builds (about 1 s per index per million rows on the bench machine); on a large production
 * table, create the same indexes with CREATE INDEX CONCURRENTLY before upgrading and the
 * migration finds them there.
 *
 * An index is `{ table, name, columns, openOnly? }`: table and column names as in the database
 * (snake_case); `openOnly: { column, finals }` makes it partial, `WHERE column NOT IN (finals)`.
 */

const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;

/** The statement for one index; identifiers quoted by knex, the partial predicate as literals (DDL takes no bind parameters). */
const createStatement = (knex, index) => {
  const columns = index.columns.map(() => '??').join(', ');
  const where = index.openOnly ? ` where ?? not in (${index.openOnly.finals.map(literal).join(', ')})` : '';
  const bindings = [index.name, index.table, ...index.columns, ...(index.openOnly ? [index.openOnly.column] : [])];
  return knex.raw(`create index if not exists ?? on ?? (${columns})${where}`, bindings);
};

/**
 * Creates every index of `indexes` whose table and columns exist (`knex`: a knex instance or
 * transaction). A missing column is reported through `log(message)` (Indonesian) and skipped.
 * Returns the indexes skipped for a missing table.
 */
const createIndexes = async (knex, indexes, log = () => undefined) => {
  const missing = [];
  for (const index of indexes) {
    if (!(await knex.schema.hasTable(index.table))) {
      missing.push(index);
      continue;
    }
    const needed = [...index.columns, ...(index.openOnly ? [index.openOnly.column] : [])];
    let complete = true;
    for (const column of needed) {
      if (!(await knex.schema.hasColumn(index.table, column))) complete = false;
    }
    if (!complete) {
      log(`[migrasi] indeks ${index.name} dilewati: kolom ${needed.join(', ')} tidak lengkap pada tabel ${index.table}`);
      continue;
    }
    await createStatement(knex, index);
  }
  return missing;
};

/**
 * A migration module that creates `indexes`: `{ INDEXES, createIndexes(knex, log?), up(knex, db) }`.
 * `up` makes what it can at once and, on a new database whose tables do not exist yet, the rest
 * right after this boot's schema sync; a table still missing then is logged as a warning.
 */
const indexMigration = (indexes) => ({
  INDEXES: indexes,
  createIndexes: (knex, log) => createIndexes(knex, indexes, log),

  async up(knex, db) {
    const missing = await createIndexes(knex, indexes);
    if (missing.length === 0) return;
    const app = global.strapi;
    if (!app || typeof app.hook !== 'function') return;
    app.hook('strapi::content-types.afterSync').register(async () => {
      const connection = (db && db.connection) || app.db.connection;
      const log = (message) => app.log.warn(message);
      const still = await createIndexes(connection, indexes, log);
      for (const index of still) log(`[migrasi] indeks ${index.name} dilewati: tabel ${index.table} tidak ada`);
    });
  },
});

module.exports = { createIndexes, indexMigration };
