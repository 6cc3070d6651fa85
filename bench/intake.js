#!/usr/bin/env node
'use strict';
/**
 * npm run bench:intake — messages per second from an IMAP server to committed berita.
 *
 * A private Dovecot on loopback (tests/helpers/dovecot-server.js) and the production server
 * (NODE_ENV=production, PostgreSQL, a fresh database) reading it with the Sanapati intake on.
 * For each shape — plain text messages, and messages with a 40 kB PDF attachment — the bench
 * APPENDs the messages over one IMAP connection and measures from the first APPEND to the
 * moment the last berita has committed (counted in the database), then checks: exactly one
 * berita per message, every message moved to Diproses, the audit chain intact.
 *
 *   BENCH_INTAKE_N=300   messages per shape (the attachment shape uses half)
 *
 * Without Dovecot (apt-get install -y dovecot-imapd) the bench says so and reports
 * `{ skipped: true }`; it is optional. Last stdout line: one JSON object.
 */
const crypto = require('crypto');
const os = require('os');
const { ImapFlow } = require('imapflow');
const { dovecotInstalled, startDovecotServer, intakeEnvironment } = require('../tests/helpers/dovecot-server');
const { APP_DIR, freePort, withAdmin, serverEnvironment, startServer, stopServer } = require('./transitions');

const N = Number(process.env.BENCH_INTAKE_N || 300);

const message = (i, tag, attachment) => {
  const boundary = `batas-${tag}-${i}`;
  const head = [
    'From: Badan Siber dan Sandi Negara <tu@bssn.go.id>',
    'To: persandian@pekalongankota.go.id',
    `Subject: =?UTF-8?B?${Buffer.from(`Berita bench ${tag} nomor ${i} — uji kecepatan`).toString('base64')}?=`,
    `Message-ID: <bench-${tag}-${i}@sanapati.bssn.go.id>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0700',
    'MIME-Version: 1.0',
  ];
  const text = `Nomor: B-${i}/BSSN/11/2026\r\nTanggal: 20 November 2026\r\nIsi berita uji kecepatan ${i}.\r\n`;
  if (!attachment) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', text].join('\r\n'));
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      `--${boundary}`,
      'Content-Type: application/pdf; name="surat.pdf"',
      'Content-Disposition: attachment; filename="surat.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment.toString('base64').replace(/.{76}/g, '$&\r\n'),
      `--${boundary}--`,
      '',
    ].join('\r\n')
  );
};

const main = async () => {
  if (!dovecotInstalled()) {
    const reason = 'Dovecot tidak terpasang (apt-get install -y dovecot-imapd): bench penerimaan IMAP dilewati.';
    process.stderr.write(`${reason}\n`);
    console.log(JSON.stringify({ benchmark: 'intake', skipped: true, reason }));
    return;
  }
  const database = `meja_bench_intake_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const imapServer = await startDovecotServer();
  const env = { ...serverEnvironment(database, port), ...intakeEnvironment(imapServer, { SANAPATI_IMAP_POLL_SECONDS: '60' }) };
  if (process.env.BENCH_SKIP_COMPILE !== '1') {
    Object.assign(process.env, env);
    const { compileStrapi } = require('@strapi/strapi');
    process.stderr.write('compiling the app to dist/ …\n');
    await compileStrapi({ appDir: APP_DIR });
  }
  await withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
  const { Client } = require('pg');
  const db = new Client({
    host: env.DATABASE_HOST,
    port: Number(env.DATABASE_PORT),
    user: env.DATABASE_USERNAME,
    password: env.DATABASE_PASSWORD,
    database,
  });
  let server;
  const imap = new ImapFlow({
    host: imapServer.host,
    port: imapServer.port,
    secure: false,
    auth: { user: imapServer.user, pass: imapServer.password },
    logger: false,
  });
  imap.on('error', () => undefined);
  try {
    server = await startServer(env);
    await db.connect();
    await imap.connect();
    const count = async (sql) => Number((await db.query(sql)).rows[0].n);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(40 * 1024), Buffer.from('\n%%EOF\n')]);
    const shapes = [
      { name: 'teks', n: N, attachment: null },
      { name: 'lampiran-pdf-40kB', n: Math.max(1, Math.floor(N / 2)), attachment: pdf },
    ];
    const results = [];
    let expected = 0;
    for (const shape of shapes) {
      const messages = Array.from({ length: shape.n }, (_, i) => message(i + 1, shape.name, shape.attachment));
      const started = Date.now();
      for (const raw of messages) await imap.append('INBOX', raw);
      const appendMs = Date.now() - started;
      expected += shape.n;
      for (;;) {
        if ((await count('select count(*) as n from berita')) >= expected) break;
        if (Date.now() - started > 30 * 60 * 1000) throw new Error(`${shape.name}: not all berita committed after 30 min`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (Date.now() - started) / 1000;
      const row = {
        shape: shape.name,
        n: shape.n,
        seconds: Math.round(seconds * 10) / 10,
        perSecond: Math.round((shape.n / seconds) * 10) / 10,
        appendMs,
      };
      process.stderr.write(`${row.shape}: ${row.n} messages → berita in ${row.seconds} s = ${row.perSecond} msg/s (APPEND alone ${appendMs} ms)\n`);
      results.push(row);
    }
    // Wait until the last moves are done, then check exactly-once.
    for (let i = 0; i < 100; i += 1) {
      const status = await imap.status('INBOX', { messages: true });
      if (status.messages === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const check = {
      berita: await count('select count(*) as n from berita'),
      distinctMessageIds: await count('select count(distinct message_id) as n from berita'),
      moved: (await imap.status('Diproses', { messages: true })).messages,
      left: (await imap.status('INBOX', { messages: true })).messages,
      auditRows: await count("select count(*) as n from sop_audit where model = 'berita' and ke = 'diterima'"),
    };
    const ok =
      check.berita === expected &&
      check.distinctMessageIds === expected &&
      check.moved === expected &&
      check.left === 0 &&
      check.auditRows === expected;
    const {
      rows: [pg],
    } = await db.query('show server_version');
    console.log('');
    console.log('shape                 messages   seconds   msg/s');
    for (const row of results)
      console.log(`${row.shape.padEnd(20)} ${String(row.n).padStart(9)} ${String(row.seconds).padStart(9)} ${String(row.perSecond).padStart(7)}`);
    console.log(
      `exactly once: ${ok ? 'ok' : 'FAILED'} (${check.berita} berita, ${check.distinctMessageIds} Message-IDs, ${check.moved} moved, ${check.left} left, ${check.auditRows} audit rows) · PostgreSQL ${pg.server_version} · ${os.cpus().length} CPU`
    );
    console.log(
      JSON.stringify({
        benchmark: 'intake',
        database: 'postgres',
        postgres: pg.server_version,
        node: process.version,
        cpus: os.cpus().length,
        results,
        check,
        ok,
      })
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await imap.logout().catch(() => undefined);
    if (server) await stopServer(server.child);
    await db.end().catch(() => undefined);
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await imapServer.stop();
  }
};

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { main };
