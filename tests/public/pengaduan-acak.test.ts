/**
 * Issue 14: a public complaint's documentId and tracking code come from one pooled read of the
 * CSPRNG (src/api/pengaduan/lib/acak.ts) instead of cuid2 and a randomBytes call each.
 * - documentIds have Strapi's shape (24 × [a-z0-9], a letter first — what cuid2's createId gives)
 *   and do not repeat over many; their characters are uniform (no modulo bias).
 * - pooled bytes are never handed out twice, across a pool refill too, and each call gets a
 *   buffer of its own.
 * - tracking codes keep their shape and do not repeat.
 */
import { createId } from '@paralleldrive/cuid2';
import { createDocumentId, randomBytesPooled } from '../../src/api/pengaduan/lib/acak';
import { generateKodeLacak } from '../../src/api/pengaduan/lib/kode-lacak';

const SHAPE = /^[a-z][a-z0-9]{23}$/;

describe('createDocumentId', () => {
  it('has the shape of Strapi’s own documentIds', () => {
    for (let i = 0; i < 1000; i += 1) expect(createId()).toMatch(SHAPE);
    for (let i = 0; i < 1000; i += 1) expect(createDocumentId()).toMatch(SHAPE);
  });

  it('does not repeat over 200 000 ids, and draws every character uniformly', () => {
    const n = 200_000;
    const seen = new Set<string>();
    const first = new Map<string, number>();
    const rest = new Map<string, number>();
    for (let i = 0; i < n; i += 1) {
      const id = createDocumentId();
      seen.add(id);
      first.set(id[0], (first.get(id[0]) ?? 0) + 1);
      if (i < 40_000) for (const character of id.slice(1)) rest.set(character, (rest.get(character) ?? 0) + 1);
    }
    expect(seen.size).toBe(n);
    expect(first.size).toBe(26);
    expect(rest.size).toBe(36);
    // A plain byte % 36 (or % 26) would put some characters 12 % (8 %) off the mean: these bounds
    // are over five standard deviations wide and still catch that.
    for (const count of rest.values()) expect(Math.abs((count * 36) / (40_000 * 23) - 1)).toBeLessThan(0.04);
    for (const count of first.values()) expect(Math.abs((count * 26) / n - 1)).toBeLessThan(0.06);
  });
});

describe('randomBytesPooled', () => {
  it('hands out fresh bytes of the asked size, in buffers of their own, across pool refills', () => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < 2000; i += 1) chunks.push(randomBytesPooled(10));
    expect(chunks.every((chunk) => chunk.length === 10)).toBe(true);
    expect(new Set(chunks.map((chunk) => chunk.toString('hex'))).size).toBe(2000);
    const copy = Buffer.from(chunks[0]);
    randomBytesPooled(5000);
    for (let i = 0; i < 1000; i += 1) randomBytesPooled(10);
    expect(chunks[0]).toEqual(copy);
    expect(randomBytesPooled(5000)).toHaveLength(5000);
  });

  it('gives tracking codes of their shape that do not repeat', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) codes.add(generateKodeLacak());
    expect(codes.size).toBe(20_000);
    for (const code of [...codes].slice(0, 100)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });
});
