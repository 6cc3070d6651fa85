import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { BATAS } from '../domain/pengaduan';
import { clientKey, createRateLimiter, rateLimitRedis } from '../api/pengaduan/lib/rate-limit';
import { pengaduanSettings } from '../api/pengaduan/lib/settings';
import { INTAKE_STATE, type IntakeState } from '../api/pengaduan/lib/intake-state';
import { renderGalat } from '../api/pengaduan/lib/html-pages';
import { sendHtml } from '../public/html';
import { HttpStatusError } from '../plugins/sop/server/src/index';
import { answerKirim, kirimShortcut } from '../api/pengaduan/lib/pintas';

/**
 * `global::pengaduan-intake`, placed just before `strapi::body` (see
 * src/api/pengaduan/lib/register.ts): the public complaint routes are rate-limited
 * per client and their bodies are checked and read here, before any parser buffers
 * them — JSON only on the API, form-encoded only on the HTML form, 16 KiB at most
 * whether or not a Content-Length was sent. A checked JSON complaint is answered here by the
 * complaint controller, without the rest of the middlewares and the router (pintas.ts).
 */

type Jenis = 'json' | 'formulir' | 'lacak-json' | 'lacak-html' | 'lacak-formulir';

const routeOf = (ctx: Context): Jenis | null => {
  const path = ctx.path;
  if (ctx.method === 'POST') {
    if (/^\/api\/pengaduan\/?$/i.test(path)) return 'json';
    // the tracking form posts its code, so it stays out of addresses, history and logs
    if (/^\/pengaduan\/lacak\/?$/i.test(path)) return 'lacak-formulir';
    if (/^\/pengaduan\/?$/i.test(path)) return 'formulir';
    return null;
  }
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    if (/^\/api\/pengaduan\/lacak(?:\/|$)/i.test(path)) return 'lacak-json';
    if (/^\/pengaduan\/lacak\/?$/i.test(path)) return 'lacak-html';
  }
  return null;
};

/** The HTML error page of a form route: its status and title. */
type Halaman = { status: number; judul: string };

/**
 * A refusal: on the form routes the HTML error page (status and title in `halaman`, the
 * error's message as text); on the JSON API `error` is thrown and `strapi::errors` answers it
 * with the status Strapi gives that error class (the same status).
 */
const refuse = (ctx: Context, html: boolean, error: Error, halaman: Halaman): void => {
  if (html) return sendHtml(ctx, halaman.status, renderGalat({ judul: halaman.judul, pesan: error.message, letterhead: null }));
  ctx.set('Cache-Control', 'no-store');
  throw error;
};

const tooLarge = (): errors.PayloadTooLargeError =>
  new errors.PayloadTooLargeError(`Badan permintaan terlalu besar: paling banyak ${BATAS.badanMaks / 1024} KiB.`);
const TOO_LARGE_PAGE: Halaman = { status: 413, judul: 'Pengaduan terlalu panjang' };

/** Reads at most `limit` bytes; more than that resolves 'terlalu-besar' and drains the rest unread. */
const readLimited = (ctx: Context, limit: number): Promise<Buffer | 'terlalu-besar' | 'terputus'> =>
  new Promise((resolve) => {
    const req = ctx.req;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (value: Buffer | 'terlalu-besar' | 'terputus') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish('terlalu-besar');
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onError = () => finish('terputus');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });

/** After a 413 on a body still arriving, close the connection instead of draining it forever. */
const closeAfterResponse = (ctx: Context): void => {
  if (ctx.req.complete) return;
  ctx.set('Connection', 'close');
  ctx.res.once('finish', () => {
    setTimeout(() => {
      if (!ctx.req.complete) ctx.req.socket?.destroy();
    }, 2000).unref();
  });
};

const mediaType = (ctx: Context): { type: string; charset: string | null } => {
  const header = ctx.get('Content-Type');
  const [type, ...parameters] = header.split(';');
  const charset = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('charset='));
  return { type: type.trim().toLowerCase(), charset: charset ? charset.slice(8).replace(/"/g, '') : null };
};

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const decodeUtf8 = (bytes: Buffer): string | null => {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
};

/** Form fields in a prototype-free record; a field sent twice counts once (the first). */
const parseForm = (text: string): Record<string, string> => {
  const fields = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(text)) {
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const settings = pengaduanSettings(strapi);
  const redis = rateLimitRedis(strapi, settings.redisUrl);
  const kiriman = createRateLimiter({
    limit: settings.batasKiriman,
    windowMs: settings.jendelaMs,
    keyPrefix: `${settings.redisPrefix}:kiriman`,
    redis,
  });
  const pelacakan = createRateLimiter({
    limit: settings.batasLacak,
    windowMs: settings.jendelaMs,
    keyPrefix: `${settings.redisPrefix}:lacak`,
    redis,
  });

  return async (ctx: Context, next: Next): Promise<void> => {
    const jenis = routeOf(ctx);
    if (!jenis) return next();
    const html = jenis === 'formulir' || jenis === 'lacak-html' || jenis === 'lacak-formulir';

    // ctx.request.ip follows X-Forwarded-For only when server.proxy.koa (IS_PROXIED) is on.
    const verdict = await (jenis === 'json' || jenis === 'formulir' ? kiriman : pelacakan).hit(clientKey(ctx.request.ip));
    if (!verdict.allowed) {
      ctx.set('Retry-After', String(verdict.retryAfterSeconds));
      const menit = Math.ceil(verdict.retryAfterSeconds / 60);
      const error = new errors.RateLimitError(`Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi dalam ${menit} menit.`);
      return refuse(ctx, html, error, { status: 429, judul: 'Terlalu banyak permintaan' });
    }
    if (jenis === 'lacak-json' || jenis === 'lacak-html') return next();

    if (jenis === 'json' && ctx.querystring !== '') {
      ctx.set('Cache-Control', 'no-store');
      throw new errors.ValidationError('Rute ini tidak menerima parameter kueri; kirim data pengaduan di badan permintaan.');
    }
    const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
    const { type, charset } = mediaType(ctx);
    const expected = jenis === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    if (type !== expected || (charset !== null && charset !== 'utf-8') || (encoding !== '' && encoding !== 'identity')) {
      const message =
        jenis === 'json'
          ? 'Jenis konten tidak didukung: kirim badan JSON dengan Content-Type: application/json (UTF-8, tanpa kompresi).'
          : 'Jenis konten tidak didukung: kirim formulir sebagai application/x-www-form-urlencoded.';
      return refuse(ctx, html, new HttpStatusError(415, 'UnsupportedMediaTypeError', message), {
        status: 415,
        judul: 'Format kiriman tidak didukung',
      });
    }
    const declared = ctx.get('Content-Length');
    if (declared !== '' && !(Number(declared) <= BATAS.badanMaks)) {
      ctx.req.resume();
      closeAfterResponse(ctx);
      return refuse(ctx, html, tooLarge(), TOO_LARGE_PAGE);
    }
    const body = await readLimited(ctx, BATAS.badanMaks);
    // The client is gone; nobody reads this answer.
    if (body === 'terputus') throw new errors.ValidationError('Badan permintaan terputus sebelum selesai dikirim.');
    if (body === 'terlalu-besar') {
      closeAfterResponse(ctx);
      return refuse(ctx, html, tooLarge(), TOO_LARGE_PAGE);
    }
    const text = decodeUtf8(body);
    if (text === null) {
      return refuse(ctx, html, new errors.ValidationError('Badan permintaan bukan teks UTF-8 yang sah.'), {
        status: 400,
        judul: 'Kiriman tidak sah',
      });
    }

    const state: IntakeState = {};
    if (jenis === 'json') {
      try {
        ctx.request.body = JSON.parse(text) as unknown;
      } catch {
        ctx.set('Cache-Control', 'no-store');
        throw new errors.ValidationError('Badan permintaan bukan JSON yang sah.');
      }
    } else {
      state.fields = parseForm(text);
      ctx.request.body = {};
    }
    ctx.state[INTAKE_STATE] = state;
    // The body is consumed: without a Content-Type, strapi::body leaves it alone.
    delete ctx.req.headers['content-type'];
    // The JSON API is answered here, as its route would (src/api/pengaduan/lib/pintas.ts); the form goes on.
    const shortcut = jenis === 'json' ? kirimShortcut(strapi) : undefined;
    if (shortcut) return answerKirim(shortcut, ctx);
    return next();
  };
};
