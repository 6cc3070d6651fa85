import { dropSeededDatabase } from './helpers/app';

/** Removes the seeded database global setup made for this run. */
export default async function globalTeardown(): Promise<void> {
  await dropSeededDatabase();
}
