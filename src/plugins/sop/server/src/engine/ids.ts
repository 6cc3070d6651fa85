import { z } from 'zod';

/** The largest id an integer column holds on PostgreSQL (2^31 − 1); a larger one would be a 500 there. */
export const MAX_ID = 2_147_483_647;

/** A record or user id as JSON sends it: a positive integer, or a string of digits. */
export const positiveId = z.union([
  z.number().int().positive().max(MAX_ID, 'bukan id yang dikenal'),
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'harus berupa angka')
    .transform(Number)
    .pipe(z.number().max(MAX_ID, 'bukan id yang dikenal')),
]);
