import crypto from 'crypto';
import { spawnSync } from 'child_process';
import path from 'path';
import { decryptSalinan, encryptSalinan, envelopeKeyId, parseSalinanKeys } from '../../src/domain/salinan-crypto';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from '../helpers/app';
import { cmCreate, ROLE, transit } from '../helpers/sop';

const key = () => crypto.randomBytes(32).toString('base64');
const PLAINTEXT = 'Isi salinan untuk uji rotasi kunci.';

describe('salinan encryption (AES-256-GCM) and key rotation', () => {
  it('round-trips, refuses tampering and unknown keys', () => {
    const keys = parseSalinanKeys([key()]);
    const sealed = encryptSalinan(PLAINTEXT, keys);
    expect(sealed).not.toContain(PLAINTEXT);
    expect(decryptSalinan(sealed, keys)).toBe(PLAINTEXT);
    expect(encryptSalinan(PLAINTEXT, keys)).not.toBe(sealed); // a fresh IV each time
    const parts = sealed.split('.');
    // one bit of the ciphertext's bytes (changing its last base64 characters could touch only the unused padding bits)
    const ciphertext = Buffer.from(parts[4], 'base64url');
    ciphertext[ciphertext.length - 1] ^= 0x01;
    const flipped = [...parts.slice(0, 4), ciphertext.toString('base64url')].join('.');
    expect(flipped).not.toBe(sealed);
    expect(() => decryptSalinan(flipped, keys)).toThrow(/tidak dapat dibuka/);
    expect(() => decryptSalinan(sealed, parseSalinanKeys([key()]))).toThrow(/tidak tersedia/);
  });

  describe('on a running server', () => {
    let database: TestDatabase;
    let app: TestApp | undefined;
    const oldKey = key();
    const newKey = key();
    let documentId: string;
    const users: Record<string, { email: string; password: string }> = {};

    const boot = async (salinanKey: string) => {
      app = await startApp({ database, env: { SALINAN_KEY: salinanKey } });
    };
    const login = async (who: 'sandiman' | 'kasi'): Promise<AdminSession> => {
      const response = await app!.http().post('/admin/login').send(users[who]);
      return { ...users[who], id: 0, name: who, token: response.body.data.token } as AdminSession;
    };
    const read = async () => {
      const kasi = await login('kasi');
      return app!.http().get(`/sop/kriptogram/${documentId}/isi`).set('Authorization', `Bearer ${kasi.token}`);
    };
    const storedKeyId = async () => {
      const row = await app!.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId } } });
      return envelopeKeyId(row.isi);
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      await boot(oldKey);
      const sandiman = await createAdminSession(app!, ROLE.sandiman);
      const kasi = await createAdminSession(app!, ROLE.kasi);
      users.sandiman = { email: sandiman.email, password: sandiman.password };
      users.kasi = { email: kasi.email, password: kasi.password };
      const created = await cmCreate(app!, sandiman, 'api::kriptogram.kriptogram', {
        nomorKriptogram: 'KR-7/2026',
        asal: 'Jaring Sandi Provinsi',
        klasifikasi: 'rahasia',
      });
      documentId = created.body.data.documentId;
      for (const [who, ke, data] of [
        [sandiman, 'diagendakan', undefined],
        [sandiman, 'dilaporkan', undefined],
        [kasi, 'ditugaskan_deskripsi', { sandiman: sandiman.id }],
        [
          sandiman,
          'dideskripsi',
          {
            salinan: {
              perihal: 'Rotasi',
              isi: PLAINTEXT,
              penerima: [{ jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' }],
            },
          },
        ],
      ] as [AdminSession, string, Record<string, unknown> | undefined][]) {
        const response = await transit(app!, who, 'kriptogram', documentId, ke, data ? { data } : {});
        expect(response.status).toBe(200);
      }
    });

    afterAll(async () => {
      await app?.stop();
      await database.drop();
    });

    it('a new key in front keeps old records readable; re-encryption moves them to the new key', async () => {
      const [oldId, newId] = parseSalinanKeys([oldKey, newKey]).map((k) => k.id);
      expect(await storedKeyId()).toBe(oldId);
      await app!.stop();

      await boot(`${newKey},${oldKey}`);
      expect((await read()).body.data.isi).toBe(PLAINTEXT);
      await app!.stop();

      // The command an administrator runs (npm run salinan:enkripsi-ulang), against the same database.
      const result = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'reencrypt-salinan.js')], {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { ...process.env, SALINAN_KEY: `${newKey},${oldKey}` },
        encoding: 'utf8',
        timeout: 120000,
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('1 salinan diperiksa, 1 dienkripsi ulang');
      expect(`${result.stdout}${result.stderr}`).not.toContain(PLAINTEXT);

      await boot(newKey);
      expect(await storedKeyId()).toBe(newId);
      const response = await read();
      expect(response.status).toBe(200);
      expect(response.body.data.isi).toBe(PLAINTEXT);
    });
  });
});
