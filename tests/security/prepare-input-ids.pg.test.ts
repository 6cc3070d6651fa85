import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, transit } from '../helpers/sop';

/**
 * `prepareDistribusiInput` runs before the step's input is validated (`positiveId` caps an id
 * at 2^31 − 1, the largest a PostgreSQL integer column holds) and takes any positive integer
 * `data.bukti` to the database: on PostgreSQL a larger one is "value out of range for type
 * integer", a 500, for any caller who may read distribusi and on a copy that does not exist.
 * PostgreSQL suite only (TEST_DATABASE=postgres).
 */
describe('security: a receipt proof id too large for the database is a 4xx, not a 500', () => {
  let app: TestApp;
  let caraka: AdminSession;
  let kabid: AdminSession;

  beforeAll(async () => {
    app = await startApp();
    caraka = await createAdminSession(app, ROLE.caraka);
    kabid = await createAdminSession(app, ROLE.kabid);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it.each([
    ['Caraka', () => caraka],
    ['Kabid', () => kabid],
  ])('%s: data.bukti = 2^31 and 10^15 answer 400/404 with no database text', async (_who, session) => {
    for (const bukti of [2_147_483_648, 1e15]) {
      const response = await transit(app, session(), 'distribusi', 'tidak-ada-salinan-ini', 'diterima', {
        data: { diterimaOleh: 'Siapa saja', bukti },
      });
      expect([400, 404]).toContain(response.status);
      expect(JSON.stringify(response.body)).not.toMatch(/out of range|integer|select|insert/i);
    }
  });
});
