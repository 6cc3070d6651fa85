#!/usr/bin/env node
/*
 * The keyed audit trail on PostgreSQL, measured on a scratch database with the compiled
 * app (dist/): append latency (each append its own transaction) with 1 and 32 appenders
 * in flight — on 32 different records, and all on one record — beside the design it
 * replaced (one global chain behind a transaction-scoped advisory lock), then the time to
 * verify the whole trail and to make a checkpoint for BENCH_AUDIT_ROWS rows.
 *
 *   npm run bench:audit     # BENCH_AUDIT_N=2000 BENCH_AUDIT_ROWS=10000,100000; BENCH_POSTGRES_URL
 */
'use strict';
const crypto = require('crypto');
const path = require('path');
const { performance } = require('perf_hooks');
const knexFactory = require('knex');

const APP_DIR = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_AUDIT_N || 2000);
const SIZES = (process.env.BENCH_AUDIT_ROWS || '10000,100000').split(',').map(Number);

process.env.AUDIT_KEY = process.env.AUDIT_KEY || crypto.randomBytes(32).toString('base64');
const audit = require(path.join(APP_DIR, 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'services', 'audit.js'));
const { sealRow } = require(path.join(APP_DIR, 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'engine', 'audit-seal.js'));
const { sealEntry, GENESIS_HASH } = require(path.join(APP_DIR, 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'engine', 'audit-chain.js'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const entry = (model, documentId, i) => ({
  model,
  documentId,
  dari: 'diterima',
  ke: 'diperiksa',
  aktorId: 1,
  aktorNama: `Pegawai ${i}`,
  aktorPeran: 'Operator Transmisi Sandi',
  waktu: new Date().toISOString(),
  catatan: null,
  digest: '0'.repeat(64),
});

/** The replaced design: one global chain, its head row, an advisory lock held to commit. */
const legacyAppend = async (trx, value) => {
  await trx.raw('select pg_advisory_xact_lock(7260001)');
  const head = await trx('legacy_head').where({ id: 1 }).first();
  const sealed = sealEntry({ ...value, urutan: head.urutan + 1 }, head.hash);
  await trx('legacy_audit').insert({
    urutan: sealed.urutan,
    model: sealed.model,
    document_id: sealed.documentId,
    hash: sealed.hash,
    prev_hash: sealed.prevHash,
  });
  await trx('legacy_head').where({ id: 1 }).update({ urutan: sealed.urutan, hash: sealed.hash });
};

const run = async (knex, label, concurrency, streamOf, append) => {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async (w) => {
    for (;;) {
      const i = next++;
      if (i >= N) return;
      const t0 = performance.now();
      await knex.transaction((trx) => append(trx, entry('bench', streamOf(i, w), i)));
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  const result = {
    label,
    concurrency,
    n: N,
    perSecond: Math.round(N / seconds),
    p50: +percentile(latencies, 50).toFixed(2),
    p95: +percentile(latencies, 95).toFixed(2),
    p99: +percentile(latencies, 99).toFixed(2),
  };
  console.error(
    `${label.padEnd(34)} ${String(concurrency).padStart(3)} in flight: ${result.perSecond}/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms`
  );
  return result;
};

const seed = async (knex, rows) => {
  await knex('sop_audit').delete();
  await knex('sop_audit_head').delete();
  const keys = audit.auditKeys();
  const heads = new Map();
  let batch = [];
  for (let i = 0; i < rows; i += 1) {
    const documentId = `rec${i % Math.max(1, Math.floor(rows / 8))}`; // 8 rows per record
    const previous = heads.get(documentId);
    const sealed = sealRow(
      { ...entry('berita', documentId, i), urutan: (previous ? previous.urutan : 0) + 1 },
      previous ? previous.hash : GENESIS_HASH,
      keys
    );
    heads.set(documentId, sealed);
    batch.push({
      model: sealed.model,
      document_id: sealed.documentId,
      urutan: sealed.urutan,
      dari: sealed.dari,
      ke: sealed.ke,
      aktor_id: sealed.aktorId,
      aktor_nama: sealed.aktorNama,
      aktor_peran: sealed.aktorPeran,
      waktu: sealed.waktu,
      catatan: sealed.catatan,
      digest: sealed.digest,
      prev_hash: sealed.prevHash,
      hash: sealed.hash,
      kunci: sealed.kunci,
    });
    if (batch.length === 1000) {
      await knex('sop_audit').insert(batch);
      batch = [];
    }
  }
  if (batch.length) await knex('sop_audit').insert(batch);
  const headRows = [...heads.values()].map((h) => ({ model: h.model, document_id: h.documentId, urutan: h.urutan, hash: h.hash }));
  for (let i = 0; i < headRows.length; i += 1000) await knex('sop_audit_head').insert(headRows.slice(i, i + 1000));
};

const main = async () => {
  const name = `meja_bench_audit_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 40 } });
  const results = { append: [], verify: [] };
  try {
    await audit.ensureAuditTables(knex, { info: () => undefined, warn: () => undefined });
    await knex.schema.createTable('legacy_audit', (t) => {
      t.increments('id');
      t.integer('urutan').unique();
      t.string('model');
      t.string('document_id');
      t.string('hash', 64);
      t.string('prev_hash', 64);
    });
    await knex.schema.createTable('legacy_head', (t) => {
      t.integer('id').primary();
      t.integer('urutan');
      t.string('hash', 64);
    });
    await knex('legacy_head').insert({ id: 1, urutan: 0, hash: GENESIS_HASH });
    const perRecord = (_i, w) => `w${w}`;
    for (const concurrency of [1, 32]) {
      results.append.push(await run(knex, 'keyed, per-record chains', concurrency, perRecord, audit.appendAudit));
      results.append.push(await run(knex, 'old: one chain + advisory lock', concurrency, perRecord, legacyAppend));
    }
    results.append.push(await run(knex, 'keyed, all on ONE record', 32, () => 'one', audit.appendAudit));
    for (const rows of SIZES) {
      await seed(knex, rows);
      let t0 = performance.now();
      const verdict = await audit.verifyAuditTrail(knex);
      const verifyMs = performance.now() - t0;
      t0 = performance.now();
      const made = await audit.createAuditCheckpoint(knex, new Date());
      const checkpointMs = performance.now() - t0;
      t0 = performance.now();
      const against = await audit.verifyAgainstCheckpoint(knex, made.checkpoint);
      const againstMs = performance.now() - t0;
      if (!verdict.ok || !against.titikPeriksa.ok) throw new Error('seeded trail did not verify');
      const line = {
        rows,
        streams: Math.floor(rows / 8),
        verifyMs: Math.round(verifyMs),
        checkpointMs: Math.round(checkpointMs),
        verifyWithCheckpointMs: Math.round(againstMs),
      };
      console.error(
        `verify ${rows} rows (${line.streams} records): ${line.verifyMs} ms; checkpoint ${line.checkpointMs} ms; verify + checkpoint file ${line.verifyWithCheckpointMs} ms`
      );
      results.verify.push(line);
    }
    console.log(JSON.stringify(results));
  } finally {
    await knex.destroy();
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
