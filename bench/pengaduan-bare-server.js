'use strict';
/**
 * Child process of bench/pengaduan.js: the floor — bare Node `http` + `pg`, no framework.
 * Does the same row's work as the app: parse and check the JSON, number the ticket
 * from the same counter table in a transaction, HMAC the tracking code, insert the row.
 * It skips what the app adds beyond that: the service calendar, the audit chain, the
 * document-service middlewares, sanitising.
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
const key = crypto.randomBytes(32);
const DAY = 86_400_000;

const insert = async (data) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const year = new Date().getUTCFullYear();
    await client.query(
      "insert into sop_agenda_counter (buku, tahun, terakhir) values ('pengaduan-bare', $1, 0) on conflict (buku, tahun) do nothing",
      [year]
    );
    const { rows } = await client.query(
      "update sop_agenda_counter set terakhir = terakhir + 1 where buku = 'pengaduan-bare' and tahun = $1 returning terakhir",
      [year]
    );
    const nomorTiket = `B-${year}-${String(rows[0].terakhir).padStart(6, '0')}`;
    const kode = crypto.randomBytes(10).toString('hex');
    const hash = `h1:${crypto.createHmac('sha256', key).update(`${nomorTiket}\n${kode}`).digest('hex')}`;
    const now = Date.now();
    const at = (days) => new Date(now + days * DAY).toISOString();
    await client.query(
      `insert into pengaduan (document_id, nomor_tiket, kode_lacak_hash, nama, kontak, isi, saluran, waktu_diterima, tahap,
         tenggat, tenggat_pengakuan, tenggat_respons, tenggat_penyelesaian, versi, created_at, updated_at, published_at)
       values ($1, $2, $3, $4, $5, $6, 'web', $7, 'diterima', $8, $8, $9, $10, 0, $7, $7, $7)`,
      [crypto.randomBytes(12).toString('hex'), nomorTiket, hash, data.nama, data.kontak, data.isi, at(0), at(3), at(14), at(60)]
    );
    await client.query('COMMIT');
    return { nomorTiket, kodeLacak: kode };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
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
