import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { applyTextPolicy, isRefusedValue, type InputProblem } from '../domain/input';
import { inputRefused } from '../input/document-policy';

/**
 * `onError` of `strapi::body` (config/middlewares.ts): a body that does not parse — broken
 * JSON, a multipart body without its boundary, a gzip or deflate stream that does not
 * inflate — is the client's fault: 400 with an Indonesian message instead of Koa's 500.
 * Too large (413, Strapi's `maxFileSize` too) and an unsupported charset (415) keep their status.
 */
export const unreadableBody = (error: Error, _ctx: unknown): never => {
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  if ((error.message.includes('maxFileSize') && error.message.includes('exceeded')) || status === 413 || status === 415) throw error;
  throw new errors.ValidationError(
    'Badan permintaan tidak dapat dibaca: JSON, formulir, multipart atau kompresi (gzip/deflate) yang dikirim rusak atau tidak lengkap.',
    { alasan: error.message.slice(0, 200) }
  );
};

const decodedPath = (ctx: Context): string | null => {
  try {
    return decodeURIComponent(ctx.path);
  } catch {
    return null;
  }
};

/**
 * `global::input-policy`, placed right after `strapi::body`: the one door every HTTP
 * request passes. It applies the text policy of `src/domain/input.ts` to the address
 * (path and query: ids, filter values, sort, populate — a control character there is a
 * 400, so no database ever sees one) and to the parsed body of every route (line breaks
 * normalised, other control characters refused with a 400 naming the field; a body that
 * is a list instead of an object is refused too): the /sop
 * transitions' `catatan` and `data`, the content manager, REST, the admin API. Writes
 * from code are checked again by the document-service `input-policy` (src/input/document-policy.ts).
 * The public complaint routes read and check their own input (`global::pengaduan-intake`
 * and the complaint domain, stricter: every control character refused) and are left to them.
 * A value PostgreSQL refuses as such (isRefusedValue: an integer out of range in a filter) is
 * answered 400 here too, not 500.
 */
// The public complaint surface (`POST /api/pengaduan`, `/pengaduan`, tracking): it checks its
// own input, and a malformed ticket or code must get the same 404 as a wrong one (DESIGN.md).
const PUBLIC_COMPLAINT = /^\/(?:api\/)?pengaduan(?:\/|$)/i;

export default (_config: unknown, _context: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next): Promise<void> => {
    if (PUBLIC_COMPLAINT.test(ctx.path)) return next();
    const path = decodedPath(ctx);
    if (path === null) throw new errors.ValidationError('Alamat permintaan memuat pengodean persen (%) yang rusak.');
    const problems: InputProblem[] = [];
    const inPath = applyTextPolicy(path, ['alamat']);
    if (inPath.problems.length > 0 || inPath.value !== path) {
      problems.push({ path: ['alamat'], message: 'Alamat permintaan memuat karakter kendali atau baris baru.' });
    }
    problems.push(...applyTextPolicy(ctx.query, ['query']).problems);

    const request = ctx.request as Context['request'] & { body?: unknown };
    if (Array.isArray(request.body)) {
      // No route of Strapi or Meja Sandi takes a list as its whole body; the content manager crashed on one (500).
      problems.push({ path: [], message: 'Badan permintaan harus berupa objek JSON ({ … }), bukan daftar.' });
    } else if (request.body !== undefined && request.body !== null) {
      const body = applyTextPolicy(request.body, []);
      problems.push(...body.problems);
      if (body.problems.length === 0) request.body = body.value;
    }
    if (problems.length > 0) throw inputRefused(problems);
    try {
      await next();
    } catch (error: unknown) {
      // a value only PostgreSQL can judge (an id past the integer range, text for a number): the client's, so 400
      if (!isRefusedValue(error)) throw error;
      throw new errors.ValidationError(
        'Nilai dalam penyaringan, alamat, atau data tidak dapat diterima: angka di luar jangkauan kolomnya atau bukan angka yang sah.'
      );
    }
  };
