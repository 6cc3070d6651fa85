import helmet from 'helmet';
import { hasDirectiveFunction, recordHeaderWrites } from '../../src/bootstrap/security-headers';

/**
 * Issue 14: strapi::security's headers for every method but GET/HEAD are recorded once and
 * replayed (src/bootstrap/security-headers.ts); tests/public/pengaduan-ringan.test.ts compares the
 * answers with Strapi's own middleware. Here: what is recorded, and when recording is refused.
 */
describe('recorded security headers', () => {
  it('records every header helmet writes, in order, with X-Powered-By removed', () => {
    const writes = recordHeaderWrites(helmet({ contentSecurityPolicy: { useDefaults: true, directives: { 'img-src': ["'self'", 'data:'] } } }));
    expect(writes).not.toBeNull();
    const names = (writes ?? []).map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['Content-Security-Policy', 'Strict-Transport-Security', 'X-Content-Type-Options', 'X-Powered-By']));
    expect(writes).toContainEqual(['X-Powered-By', null]);
    const csp = (writes ?? []).find(([name]) => name === 'Content-Security-Policy')?.[1];
    expect(String(csp)).toContain("img-src 'self' data:");
  });

  it('refuses to record when a directive is computed per request (a nonce)', () => {
    const nonce = () => "'nonce-abc'";
    expect(hasDirectiveFunction({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", nonce] } } })).toBe(true);
    expect(hasDirectiveFunction({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"] } } })).toBe(false);
    expect(hasDirectiveFunction({ contentSecurityPolicy: false })).toBe(false);
  });
});
