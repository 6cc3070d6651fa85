import http from 'http';
import net from 'net';
import path from 'path';
import { knex, type Knex } from 'knex';
import type { TestDatabase } from './app';

const APP_DIR = path.resolve(__dirname, '..', '..');

/**
 * A connection of the test's own to a test database, beside (not through) the server
 * under test: to count rows after a crash, install a fault, read what really committed.
 * `port` overrides the PostgreSQL port (e.g. to bypass a proxy the server goes through);
 * `poolMax` its pool size (2).
 */
export const openDatabase = (database: TestDatabase, options: { port?: number; poolMax?: number } = {}): Knex => {
  const env = database.env;
  if (database.client === 'postgres') {
    return knex({
      client: 'pg',
      connection: {
        host: env.DATABASE_HOST,
        port: options.port ?? Number(env.DATABASE_PORT),
        database: env.DATABASE_NAME,
        user: env.DATABASE_USERNAME,
        password: env.DATABASE_PASSWORD,
      },
      pool: { min: 0, max: options.poolMax ?? 2 },
    });
  }
  return knex({
    client: 'better-sqlite3',
    connection: { filename: path.join(APP_DIR, env.DATABASE_FILENAME) },
    useNullAsDefault: true,
  });
};

/** A TCP port nobody listens on right now (for a server process). */
export const freePort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

export type HttpOutcome = { status: number; body: unknown; ms: number } | { status: 0; error: string; ms: number };

/**
 * One JSON request on its own connection (no keep-alive, no client-side pool), so a
 * server that dies mid-request shows as an error on exactly the requests it held.
 */
export const requestJson = (url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpOutcome> =>
  new Promise((resolve) => {
    const started = Date.now();
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}),
          Connection: 'close',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: Date.now() - started });
        });
        res.on('error', (error) => resolve({ status: 0, error: error.message, ms: Date.now() - started }));
      }
    );
    req.on('error', (error) => resolve({ status: 0, error: error.message, ms: Date.now() - started }));
    req.setTimeout(60_000, () => req.destroy(new Error('client timeout')));
    if (payload) req.write(payload);
    req.end();
  });

/** A complaint body for `POST /api/pengaduan`. */
export const complaint = (i: number) => ({
  data: { nama: `Pelapor ${i}`, kontak: `pelapor${i}@contoh.id`, isi: `Pengaduan uji gangguan nomor ${i}: antrean loket terlalu lama.` },
});

/** Ticket `ADU-2026-000123` → 123. */
export const ticketNumber = (nomorTiket: string): number => Number(/-(\d+)$/.exec(nomorTiket)?.[1] ?? NaN);

/** What the complaint intake wrote, read straight from the database. */
export const readComplaints = async (db: Knex) => {
  const rows = (await db('pengaduan').select('document_id', 'nomor_tiket', 'kode_lacak_hash', 'tahap')) as {
    document_id: string;
    nomor_tiket: string | null;
    kode_lacak_hash: string | null;
    tahap: string;
  }[];
  const audit = (await db('sop_audit').select('document_id').where({ model: 'pengaduan', ke: 'diterima' })) as { document_id: string }[];
  return { rows, auditedIds: new Set(audit.map((row) => row.document_id)) };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// A deterministic failure inside a transition's transaction: the audit insert (its last write) fails.

const FAULT = 'meja_fault_audit';

/** Makes every insert into sop_audit fail (a trigger), on SQLite or PostgreSQL. */
export const installAuditFault = async (knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> => {
  if (client === 'postgres') {
    await knex.raw(`create or replace function ${FAULT}() returns trigger language plpgsql as $$
      begin raise exception 'fault injected: sop_audit insert refused'; end $$`);
    await knex.raw(`create trigger ${FAULT} before insert on sop_audit for each row execute function ${FAULT}()`);
  } else {
    await knex.raw(`create trigger ${FAULT} before insert on sop_audit begin select raise(abort, 'fault injected: sop_audit insert refused'); end`);
  }
};

export const removeAuditFault = async (knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> => {
  if (client === 'postgres') {
    await knex.raw(`drop trigger if exists ${FAULT} on sop_audit`);
    await knex.raw(`drop function if exists ${FAULT}()`);
  } else {
    await knex.raw(`drop trigger if exists ${FAULT}`);
  }
};
