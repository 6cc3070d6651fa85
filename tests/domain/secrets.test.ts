import { auditKeySecret, isUnusableSecret, missingSecrets, REQUIRED_SECRETS, secret } from '../../src/config/secrets';

const good = 'q3v7Zc0mJ0l6dX9yqk3jv8M0p4tB2yR1cT5wN8sE0aU=';

describe('secrets', () => {
  it('treats empty, placeholder and short values as unusable', () => {
    expect(isUnusableSecret(undefined)).toBe(true);
    expect(isUnusableSecret('')).toBe(true);
    expect(isUnusableSecret('tobemodified')).toBe(true);
    expect(isUnusableSecret('toBeModified1,toBeModified2')).toBe(true);
    expect(isUnusableSecret('short')).toBe(true);
    expect(isUnusableSecret(`${good},${good}`)).toBe(false);
  });

  it('stops a production server with a message naming the variable', () => {
    expect(() => secret('SALINAN_KEY', { NODE_ENV: 'production' })).toThrow(/SALINAN_KEY/);
    expect(() => secret('APP_KEYS', { NODE_ENV: 'production', APP_KEYS: 'toBeModified1,toBeModified2' })).toThrow(
      /APP_KEYS kosong atau masih bawaan/
    );
    expect(secret('JWT_SECRET', { NODE_ENV: 'production', JWT_SECRET: good })).toBe(good);
  });

  it('lets development run with what prepare-env wrote', () => {
    expect(secret('JWT_SECRET', { NODE_ENV: 'development' })).toBe('');
  });

  it('lists every missing secret', () => {
    expect(missingSecrets({})).toEqual([...REQUIRED_SECRETS]);
    const all = Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, good]));
    expect(missingSecrets(all)).toEqual([]);
  });
});

describe('AUDIT_KEY', () => {
  it('is used as given when set, and derived from ENCRYPTION_KEY when left empty (production starts with Strapi secrets alone)', () => {
    const other = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=';
    expect(auditKeySecret({ NODE_ENV: 'production', AUDIT_KEY: good, ENCRYPTION_KEY: other })).toBe(good);
    const derived = auditKeySecret({ NODE_ENV: 'production', AUDIT_KEY: '', ENCRYPTION_KEY: other });
    expect(derived).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(derived).not.toBe(other);
    expect(auditKeySecret({ NODE_ENV: 'production', ENCRYPTION_KEY: other })).toBe(derived);
    expect(auditKeySecret({ NODE_ENV: 'production', ENCRYPTION_KEY: good })).not.toBe(derived);
    expect(() => auditKeySecret({ NODE_ENV: 'production', AUDIT_KEY: '' })).toThrow(/ENCRYPTION_KEY/);
  });
});
