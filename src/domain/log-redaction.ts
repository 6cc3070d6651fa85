/**
 * Secrets that arrive in a URL never reach a log in full. Today the only such secret
 * is the complaint tracking code (`kode`, the JSON route's `?kode=`, fixed by
 * DESIGN.md); a code is as good as the complainant's password for the complaint.
 */

/** Query parameter names (compared without case) whose values are secrets. */
export const SECRET_QUERY_NAMES: ReadonlySet<string> = new Set(['kode', 'kodelacak', 'kode_lacak', 'kode-lacak', 'token']);

/** What a secret's value becomes in a log line. */
export const REDACTED = '[disamarkan]';

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** A name is secret when it, or any bracketed part of it (`filter[kode]`), is a secret name. */
const isSecretName = (rawName: string): boolean =>
  decode(rawName)
    .split(/[[\]]/)
    .some((part) => SECRET_QUERY_NAMES.has(part.trim().toLowerCase()));

/**
 * The request target (`/path?query`, as `ctx.url`) with the value of every secret
 * query parameter replaced by {@link REDACTED}, wherever it appears in the query, in
 * whatever case or percent-encoding its name was sent; everything else unchanged.
 */
export const redactUrl = (url: string): string => {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return isSecretName(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
};
