#!/usr/bin/env node
/*
 * Checks the audit trail offline, straight from the database (the server need not
 * run), with the keys of AUDIT_KEY from the environment or `.env`:
 *
 *   npm run audit:verify                          every row's seal, every record's chain and end
 *   npm run audit:verify -- titik-periksa.json    the same, and that the database still holds,
 *                                                 unchanged, everything that checkpoint saw
 *   npm run audit:verify -- --tulis berkas.json   the same, then writes a new checkpoint there
 *
 * A checkpoint file is the JSON object of the Kasi's daily digest e-mail (or of --tulis):
 * {"versi":1,"waktu":…,"batasId":…,"jumlah":…,"akar":…,"kunci":…,"tanda":…}; see README,
 * "Audit trail". Exit status: 0 intact, 1 broken or not matching the checkpoint, 2 usage
 * or configuration error. Uses the compiled app in dist/ (compiled first when missing).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');
const say = (line) => console.log(`[audit] ${line}`);

const parseArgs = (argv) => {
  const args = { checkpoint: null, tulis: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--tulis') args.tulis = argv[(i += 1)];
    else if (argv[i].startsWith('--')) throw new Error(`pilihan tidak dikenal: ${argv[i]}`);
    else args.checkpoint = argv[i];
  }
  if (args.tulis === undefined) throw new Error('--tulis memerlukan nama berkas');
  return args;
};

/** The knex connection the server would open, from config/database.ts as compiled. */
const openDatabase = () => {
  const { env } = require('@strapi/utils');
  const configModule = require(path.join(distDir, 'config', 'database.js'));
  const { connection } = (configModule.default || configModule)({ env });
  const knex = require('knex');
  if (connection.client === 'sqlite') {
    return knex({
      client: 'better-sqlite3',
      connection: { filename: connection.connection.filename, options: { readonly: true } },
      useNullAsDefault: true,
    });
  }
  return knex({ client: 'pg', connection: connection.connection, pool: { min: 0, max: 2 } });
};

const main = async () => {
  const args = parseArgs(process.argv.slice(2));
  require('dotenv').config({ path: path.join(appDir, '.env') });
  const auditModule = path.join(distDir, 'src', 'plugins', 'sop', 'server', 'src', 'services', 'audit.js');
  if (!fs.existsSync(auditModule)) {
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir });
  }
  const audit = require(auditModule);
  // the trail is sealed with the app's secret (AUDIT_KEY, or derived from ENCRYPTION_KEY), as the server does
  audit.useAuditKeySource(require(path.join(distDir, 'src', 'config', 'secrets.js')).auditKeySecret);
  const keys = audit.auditKeys();
  const checkpoint = args.checkpoint ? JSON.parse(fs.readFileSync(args.checkpoint, 'utf8')) : null;
  const knex = openDatabase();
  try {
    const { verdict, titikPeriksa } = checkpoint
      ? await audit.verifyAgainstCheckpoint(knex, checkpoint, keys)
      : { verdict: await audit.verifyAuditTrail(knex, keys), titikPeriksa: null };
    let ok = verdict.ok;
    if (verdict.ok) {
      say(`Rantai utuh: ${verdict.count} baris, akar ${verdict.head} (kunci ${keys.map((key) => key.id).join(', ')}).`);
    } else {
      const { model, documentId, urutan, alasan } = verdict.rusak;
      say(`RUSAK: ${model}:${documentId} urutan ${urutan}: ${alasan} (${verdict.count} baris).`);
    }
    if (titikPeriksa) {
      if (titikPeriksa.ok) say(`Cocok dengan titik periksa ${checkpoint.waktu} (${checkpoint.jumlah} baris sampai id ${checkpoint.batasId}).`);
      else say(`TIDAK COCOK dengan titik periksa: ${titikPeriksa.alasan}.`);
      ok = ok && titikPeriksa.ok;
    } else if (!checkpoint) {
      say('Tanpa berkas titik periksa: baris yang dipotong bersama ujungnya, atau basis data yang dikembalikan ke keadaan lama, tidak terlihat.');
    }
    if (args.tulis && ok) {
      const made = await audit.createAuditCheckpoint(knex, new Date());
      if (!made.checkpoint) throw new Error('jejak audit berubah selama pemeriksaan; ulangi');
      fs.writeFileSync(args.tulis, `${JSON.stringify(made.checkpoint, null, 2)}\n`);
      say(`Titik periksa baru ditulis ke ${args.tulis}: ${made.checkpoint.jumlah} baris sampai id ${made.checkpoint.batasId}.`);
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    await knex.destroy();
  }
};

main().catch((error) => {
  console.error(`[audit] Pemeriksaan gagal: ${error && error.message}`);
  process.exitCode = 2;
});
