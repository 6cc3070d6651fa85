import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { readPopulated } from './populated-read';

/** The part of Koa's context an authentication strategy reads and fills. */
type AuthCtx = { request: { header: Record<string, string | string[] | undefined> }; state: Record<string, unknown> };

type SessionManager = (origin: 'admin') => {
  validateAccessToken: (token: string) => { isValid: boolean; payload: { userId: string; sessionId: string } | null };
  isSessionActive: (sessionId: string) => Promise<boolean>;
};

/**
 * Strapi's `admin` authentication (node_modules/@strapi/admin/dist/server/server/src/strategies/admin.js,
 * Strapi 5.54) for the `/sop` routes, less the one thing they never use: the user's CASL ability
 * (`ctx.state.userAbility`, every permission row of the user's roles read and compiled on every
 * request — the content manager's rights; a `/sop` handler decides with the SOP roles of
 * `actorFromAuth`). Everything else is as Strapi does it, on every request: the Bearer access
 * token verified (signature, expiry, type), its session still active (a logout or a revoked
 * session counts at once), the user read by id with their roles (a role taken away counts from
 * the next request on) and refused unless `isActive`; `blocked` is refused by `actorFromAuth`.
 * Named `admin`, so the document service's gate names the writer as for Strapi's own strategy.
 * Returns Strapi's strategy result; never throws for a bad token (unauthenticated → 401).
 */
export const sopAdminStrategy = (strapi: Core.Strapi) => ({
  name: 'admin',
  async authenticate(ctx: AuthCtx) {
    const authorization = ctx.request.header.authorization;
    if (typeof authorization !== 'string') return { authenticated: false };
    const parts = authorization.split(/\s+/);
    if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer') return { authenticated: false };
    const manager = (strapi as unknown as { sessionManager?: SessionManager }).sessionManager;
    if (!manager) return { authenticated: false };
    const result = manager('admin').validateAccessToken(parts[1]);
    if (!result.isValid || !result.payload) return { authenticated: false };
    if (!(await manager('admin').isSessionActive(result.payload.sessionId))) return { authenticated: false };
    const rawUserId = result.payload.userId;
    const numericUserId = Number(rawUserId);
    const userId = Number.isFinite(numericUserId) && String(numericUserId) === rawUserId ? numericUserId : rawUserId;
    // the user and their roles in one statement, as Strapi's findOne with `populate: ['roles']` returns them (./populated-read)
    const user = (typeof userId === 'number' ? await readPopulated(strapi, 'admin::user', { id: userId }, { roles: true }) : null) as {
      isActive?: boolean;
    } | null;
    if (!user || user.isActive !== true) return { authenticated: false };
    ctx.state.user = user;
    ctx.state.session = { id: result.payload.sessionId };
    return { authenticated: true, credentials: user };
  },
});

type JwtKeySource = { getJwtKey?: (config: unknown, algorithm: string, operation: 'sign' | 'verify') => unknown };

/**
 * The key object jsonwebtoken (9.x, verify.js) makes of a key given as text on every
 * verification — `createPublicKey` (a PEM public key), else `createSecretKey` of its UTF-8 bytes
 * (an HMAC secret such as ADMIN_JWT_SECRET) — made once per distinct text. Building it per
 * request cost an exception (createPublicKey refusing a plain secret) on every admin request.
 */
const keyObjects = new Map<string, KeyObject>();
const keyObjectOf = (material: string): KeyObject => {
  let key = keyObjects.get(material);
  if (!key) {
    try {
      key = createPublicKey(material);
    } catch {
      key = createSecretKey(Buffer.from(material));
    }
    keyObjects.set(material, key);
  }
  return key;
};

/**
 * Makes Strapi's session manager hand jsonwebtoken the verification key as a ready key object
 * (see keyObjectOf) instead of text, for every admin access and refresh token checked in this
 * process. The key is exactly the one Strapi chose (`getJwtKey(config, algorithm, 'verify')`,
 * read again on every call, so a changed configuration is followed); only its conversion is
 * done once. Signing is untouched. Does nothing when the session manager is not as in Strapi
 * 5.54 (the text is then converted per request, as before). Call once, at bootstrap.
 */
export const cacheJwtVerifyKeys = (strapi: Core.Strapi): void => {
  const callable = (strapi as unknown as { sessionManager?: (origin: string) => { sessionManager?: JwtKeySource } }).sessionManager;
  const manager = typeof callable === 'function' ? callable('admin').sessionManager : undefined;
  const original = manager?.getJwtKey;
  if (!manager || typeof original !== 'function') return;
  manager.getJwtKey = function getJwtKey(this: unknown, config, algorithm, operation) {
    const key = original.call(this, config, algorithm, operation);
    return operation === 'verify' && typeof key === 'string' && key !== '' ? keyObjectOf(key) : key;
  };
};
