import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../helpers/app';
import { eventually, startDovecot, type Dovecot } from '../helpers/dovecot';
import { applyTestEnvironment } from '../helpers/env';
import { freePort, openDatabase } from '../helpers/faults';
import { numberedMail } from '../helpers/sanapati-mail';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Two server processes read one mailbox (on PostgreSQL, as deployed with several
 * processes): the database lease lets one read at a time, the unique key guards the rest.
 * No message becomes two berita; when the reader stops, the other takes over.
 */
describe('Sanapati intake: two server processes, one mailbox', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  let db: Knex | undefined;

  beforeAll(async () => {
    process.env.TEST_DATABASE = 'postgres';
    dovecot = await startDovecot();
    database = await createTestDatabase();
    applyTestEnvironment({ ...database.env, ...dovecot.env({ SANAPATI_IMAP_POLL_SECONDS: '1' }) });
    servers.push(await startServerProcess(await freePort()), await startServerProcess(await freePort()));
    db = openDatabase(database);
  });

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await db?.destroy();
    await database?.drop();
    await dovecot?.stop();
  });

  const berita = async () => (await db!('berita').select('message_id')) as { message_id: string }[];

  it('makes one berita per message, whichever process reads it', async () => {
    await dovecot.append(
      'INBOX',
      Array.from({ length: 60 }, (_, i) => ({ raw: numberedMail(i + 1, 'dua') }))
    );
    await eventually('60 messages moved', async () => (await dovecot.count('INBOX')) === 0 && (await dovecot.count('Diproses')) === 60, 120000);
    let rows = await berita();
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(60);

    // the same messages delivered again (a server re-delivery): moved, no new berita
    await dovecot.append(
      'INBOX',
      Array.from({ length: 10 }, (_, i) => ({ raw: numberedMail(i + 1, 'dua') }))
    );
    await eventually(
      'redelivered messages moved',
      async () => (await dovecot.count('INBOX')) === 0 && (await dovecot.count('Diproses')) === 70,
      60000
    );
    expect(await berita()).toHaveLength(60);

    // the lease holder stops; the other process takes the mailbox over
    const lease = (await db!('sop_intake_lease').select('pemilik').first()) as { pemilik: string };
    const holder = servers.find((server) => lease.pemilik.includes(`:${server.child.pid}:`));
    expect(holder).toBeDefined();
    await holder!.stop();
    await dovecot.append(
      'INBOX',
      Array.from({ length: 20 }, (_, i) => ({ raw: numberedMail(100 + i, 'dua') }))
    );
    await eventually('taken over', async () => (await dovecot.count('INBOX')) === 0, 60000);
    rows = await berita();
    expect(rows).toHaveLength(80);
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(80);
    const survivor = servers.find((server) => server !== holder)!;
    const now = (await db!('sop_intake_lease').select('pemilik').first()) as { pemilik: string };
    expect(now.pemilik).toContain(`:${survivor.child.pid}:`);
  });
});
