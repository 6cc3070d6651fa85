import crypto from 'crypto';

/**
 * Random bytes for every public complaint, drawn from one pooled read of Node's CSPRNG (issue
 * 14): `crypto.randomBytes(10)` per tracking code paid a call into OpenSSL each time (≈ 1 % of
 * the server's CPU per complaint). Each byte is handed out once; a spent pool is replaced by a
 * new buffer, never refilled in place, and callers get copies, so no byte is ever seen twice.
 * Node's own `crypto.randomUUID()` keeps such a cache too.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

const ensure = (size: number): void => {
  if (offset + size <= pool.length) return;
  pool = crypto.randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
  offset = 0;
};

/** `size` bytes from the CSPRNG (a fresh Buffer of its own); beyond the pool's size, read directly. */
export const randomBytesPooled = (size: number): Buffer => {
  if (size > POOL_BYTES) return crypto.randomBytes(size);
  ensure(size);
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHABET = `${LETTERS}0123456789`;
const DOCUMENT_ID_LENGTH = 24;
// the largest multiples of 26 and 36 below 256: a byte at or above them is drawn again, so every
// character is uniform (no modulo bias)
const LETTER_LIMIT = 234;
const CHARACTER_LIMIT = 252;

/**
 * A new documentId of the shape Strapi gives (`@paralleldrive/cuid2` createId, as in
 * @strapi/core's transform-content-types-to-models: 24 characters of [a-z0-9], the first a
 * letter), from the CSPRNG: a letter, then 23 characters, each uniform — log2(26) + 23·log2(36)
 * ≈ 123.6 bits, the whole space of that shape, where cuid2 hashes (SHA3-512, ≈ 2.5 % of the
 * server's CPU per complaint) a time, a counter and Math.random() salt into it. Unique in
 * practice: two equal ids among 10^15 have a chance below 10^-7. Issue 14.
 */
export const createDocumentId = (): string => {
  let id = '';
  while (id.length < DOCUMENT_ID_LENGTH) {
    ensure(1);
    const byte = pool[offset];
    pool[offset] = 0;
    offset += 1;
    if (id.length === 0) {
      if (byte < LETTER_LIMIT) id += LETTERS[byte % 26];
    } else if (byte < CHARACTER_LIMIT) id += ALPHABET[byte % 36];
  }
  return id;
};
