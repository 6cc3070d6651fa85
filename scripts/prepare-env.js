#!/usr/bin/env node
/*
 * Before `npm run develop` / `npm start` outside production: make sure `.env` exists
 * (created from `.env.example`) and holds every secret, generating missing ones with
 * 32 random bytes each, and say so. In production nothing is generated: a missing
 * secret stops the server (see src/config/secrets.ts).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.join(__dirname, '..');
const envFile = path.join(root, '.env');
const exampleFile = path.join(root, '.env.example');
const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'SALINAN_KEY', 'AUDIT_KEY'];

const random = () => crypto.randomBytes(32).toString('base64');
const freshValue = (name) => (name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random());

if (process.env.NODE_ENV === 'production') {
  process.exit(0);
}

const created = !fs.existsSync(envFile);
let text = fs.readFileSync(created ? exampleFile : envFile, 'utf8');
const filled = [];
for (const name of SECRETS) {
  const line = new RegExp(`^${name}=(.*)$`, 'm');
  const match = line.exec(text);
  if (match && match[1].trim() !== '') continue;
  filled.push(name);
  text = match ? text.replace(line, `${name}=${freshValue(name)}`) : `${text.replace(/\n*$/, '\n')}${name}=${freshValue(name)}\n`;
}
if (created || filled.length > 0) {
  fs.writeFileSync(envFile, text, { mode: 0o600 });
  if (created) console.log('[meja-sandi] .env dibuat dari .env.example dengan rahasia acak baru.');
  else console.log(`[meja-sandi] Rahasia yang belum ada ditambahkan ke .env: ${filled.join(', ')}.`);
  if (filled.includes('SALINAN_KEY')) {
    console.log('[meja-sandi] Cadangkan SALINAN_KEY dari .env: tanpa kunci itu isi salinan tidak dapat dibaca lagi.');
  }
  if (filled.includes('AUDIT_KEY')) {
    console.log('[meja-sandi] Cadangkan AUDIT_KEY dari .env di luar basis data: tanpa kunci itu jejak audit tidak dapat diverifikasi.');
  }
}

const portMatch = /^PORT=(\d+)/m.exec(text);
const port = process.env.PORT || (portMatch ? portMatch[1] : '1337');
console.log(`[meja-sandi] Panel admin: http://localhost:${port}/admin (kunjungan pertama membuat akun super admin).`);
