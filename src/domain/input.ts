import { z } from 'zod';

/** A record or user id as JSON sends it: a positive integer, or a string of digits. */
export const positiveId = z.union([
  z.number().int().positive(),
  z.string().regex(/^[1-9][0-9]{0,9}$/, 'harus berupa angka').transform(Number),
]);
