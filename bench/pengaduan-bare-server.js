'use strict';
/**
 * Child process of bench/pengaduan.js: the floor — bare Node `http` + `pg`, no framework,
 * the simplest server that stores a complaint (issue 14): parse the JSON, check three strings,
 * one pooled `pg` insert of the same row, nothing else (no transaction, no counter, no HMAC,
 * no calendar, no audit row).
 */
const http = require('http');
const crypto = require('crypto');
const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.DATABASE_HOST,
  port: Number(process.env.DATABASE_PORT),
  database: process.env.DATABASE_NAME,
  user: process.env.DATABASE_USERNAME,
  password: process.env.DATABASE_PASSWORD || undefined,
  max: Number(process.env.DATABASE_POOL_MAX || 10),
});
const DAY = 86_400_000;

const insert = async (data) => {
  const nomorTiket = `B-${crypto.randomBytes(8).toString('hex')}`;
  const now = Date.now();
  const at = (days) => new Date(now + days * DAY).toISOString();
  await pool.query(
    `insert into pengaduan (document_id, nomor_tiket, kode_lacak_hash, nama, kontak, isi, saluran, waktu_diterima, tahap,
       tenggat, tenggat_pengakuan, tenggat_respons, tenggat_penyelesaian, versi, created_at, updated_at, published_at)
     values ($1, $2, $3, $4, $5, $6, 'web', $7, 'diterima', $8, $8, $9, $10, 0, $7, $7, $7)`,
    [crypto.randomBytes(12).toString('hex'), nomorTiket, 'bare', data.nama, data.kontak, data.isi, at(0), at(3), at(14), at(60)]
  );
  return { nomorTiket };
};

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= 16384) chunks.push(chunk);
  });
  req.on('end', () => {
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (size > 16384) return send(413, { error: 'too large' });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(400, { error: 'bad json' });
    }
    const data = body && body.data;
    if (!data || typeof data.nama !== 'string' || typeof data.kontak !== 'string' || typeof data.isi !== 'string') {
      return send(400, { error: 'invalid' });
    }
    insert(data).then(
      (result) => send(201, { data: result }),
      (error) => send(500, { error: String(error && error.message) })
    );
  });
});

server.listen(0, '127.0.0.1', () => {
  process.send && process.send({ ready: true, port: server.address().port });
});
process.on('message', (message) => {
  if (message === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
});
