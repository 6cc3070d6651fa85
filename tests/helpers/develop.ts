import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { applyTestEnvironment } from './env';

const APP_DIR = path.resolve(__dirname, '..', '..');

/** What the copy leaves out: dependencies (linked instead), build output, local data, history, docs. */
const SKIP = new Set(['node_modules', 'dist', '.tmp', '.git', 'test-artifacts', '.cache', 'docs', 'bench', '.env', 'build', '.strapi']);

export type StaffUser = { id: number; email: string; password: string; name: string };

export type DevelopServer = {
  base: string;
  /** the temporary copy of the project the Content-Type Builder writes into */
  dir: string;
  /** what the develop process printed (stdout and stderr), for timing and failures */
  log: () => string;
  /** waits until the server answers again, e.g. after the Content-Type Builder restarted it; returns the ms waited */
  waitReady: (timeoutMs?: number) => Promise<number>;
  /** where the develop log is now: pass it to `waitRestart` before the action that restarts the server */
  mark: () => number;
  /**
   * waits for the restart that began after `since` (a `mark()`): the new worker loaded (the log
   * says "Loading Strapi" again) and the server answers; returns the ms waited
   */
  waitRestart: (since: number, timeoutMs?: number) => Promise<number>;
  /** the first administrator (Super Admin), registered over HTTP */
  admin: StaffUser;
  /** creates an active admin user of the named role over the admin API */
  createUser: (roleName: string, firstname: string, lastname: string) => Promise<StaffUser>;
  /** a bearer token of the Super Admin for the admin API */
  token: () => string;
  stop: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const copyProject = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meja-develop-'));
  fs.cpSync(APP_DIR, dir, { recursive: true, filter: (source) => !SKIP.has(path.relative(APP_DIR, source).split(path.sep)[0]) });
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // the admin panel as `npm run build` made it; develop --no-watch-admin --no-build-admin serves it
  fs.cpSync(path.join(APP_DIR, 'dist', 'build'), path.join(dir, 'dist', 'build'), { recursive: true });
  return dir;
};

const json = async (response: Response): Promise<Record<string, unknown>> => (await response.json()) as Record<string, unknown>;

/**
 * `strapi develop` — the mode the Content-Type Builder needs (it writes schema files and
 * restarts the server) — on a temporary copy of this project, so that nothing it writes touches
 * the working tree: `node_modules` is linked, the admin panel already built by `npm run build` is
 * copied and served as is (`--no-watch-admin --no-build-admin`: no Vite dev server on a 2-core
 * machine), the database is a fresh SQLite file inside the copy. Strapi still compiles the
 * TypeScript server on start and on every restart. A Super Admin is registered over HTTP.
 */
export const startDevelop = async (): Promise<DevelopServer> => {
  const started = Date.now();
  const dir = copyProject();
  const port = 21000 + Math.floor(Math.random() * 9000);
  const base = `http://127.0.0.1:${port}`;
  applyTestEnvironment({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: '.tmp/develop.db' });
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
    BROWSER: 'none',
  };
  delete env.JEST_WORKER_ID;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(dir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'develop', '--no-watch-admin', '--no-build-admin', '--no-install-deps'],
    { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const waitReady = async (timeoutMs = 240000): Promise<number> => {
    const from = Date.now();
    while (Date.now() - from < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`strapi develop exited with ${child.exitCode}:\n${output.slice(-4000)}`);
      try {
        const response = await fetch(`${base}/admin/init`);
        if (response.ok) return Date.now() - from;
      } catch {
        // not listening yet (starting or restarting)
      }
      await sleep(500);
    }
    throw new Error(`strapi develop did not answer within ${timeoutMs} ms:\n${output.slice(-4000)}`);
  };

  const waitRestart = async (since: number, timeoutMs = 300000): Promise<number> => {
    const from = Date.now();
    while (!/✔ Loading Strapi/.test(output.slice(since))) {
      if (child.exitCode !== null) throw new Error(`strapi develop exited with ${child.exitCode}:\n${output.slice(-4000)}`);
      if (Date.now() - from > timeoutMs) throw new Error(`no restart within ${timeoutMs} ms:\n${output.slice(since).slice(-4000)}`);
      await sleep(500);
    }
    await waitReady(timeoutMs - (Date.now() - from));
    return Date.now() - from;
  };

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady();
  } catch (error) {
    await stop();
    throw error;
  }

  const tag = crypto.randomBytes(4).toString('hex');
  const admin: StaffUser = { id: 0, email: `admin-${tag}@pekalongankota.go.id`, password: `Sandi-${tag}-Aman1`, name: 'Admin Utama' };
  const registered = await fetch(`${base}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password, firstname: 'Admin', lastname: 'Utama' }),
  });
  const registeredBody = await json(registered);
  if (!registered.ok) throw new Error(`register-admin ${registered.status}: ${JSON.stringify(registeredBody)}`);
  const data = registeredBody.data as { token?: string; accessToken?: string; user: { id: number } };
  admin.id = data.user.id;
  // the registration's session (30 minutes) serves the whole test: every login counts against
  // the admin login rate limit (5 per e-mail address and IP), which the browser needs
  const bearer = data.token ?? data.accessToken ?? '';

  const adminApi = async (method: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await json(response);
    if (!response.ok) throw new Error(`${method} ${url} ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };

  const createUser = async (roleName: string, firstname: string, lastname: string): Promise<StaffUser> => {
    const roles = (await adminApi('GET', '/admin/roles')).data as { id: number; name: string }[];
    const role = roles.find((one) => one.name === roleName);
    if (!role) throw new Error(`role not found: ${roleName} (have ${roles.map((one) => one.name).join(', ')})`);
    const userTag = crypto.randomBytes(4).toString('hex');
    const email = `user-${userTag}@pekalongankota.go.id`;
    const password = `Sandi-${userTag}-Aman1`;
    const created = (await adminApi('POST', '/admin/users', { firstname, lastname, email, roles: [role.id] })).data as {
      id: number;
      registrationToken: string;
    };
    const register = await fetch(`${base}/admin/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ registrationToken: created.registrationToken, userInfo: { firstname, lastname, password } }),
    });
    if (!register.ok) throw new Error(`register ${register.status}: ${JSON.stringify(await json(register))}`);
    return { id: created.id, email, password, name: `${firstname} ${lastname}` };
  };

  // eslint-disable-next-line no-console -- the harness's timing is part of what the test documents
  console.log(`strapi develop ready in ${Math.round((Date.now() - started) / 1000)} s (copy ${dir})`);
  return { base, dir, log: () => output, waitReady, mark: () => output.length, waitRestart, admin, createUser, token: () => bearer, stop };
};
