import { errors } from '@strapi/utils';

/**
 * The error model (issue 12): services throw, Strapi's `strapi::errors` middleware answers
 * `{ data: null, error: { status, name, message, details } }`. Nobody writes that envelope by hand.
 *
 * Strapi maps its own `@strapi/utils` errors to a status (@strapi/core
 * `services/errors.js`, `mapErrorsAndStatus`): ValidationError 400, UnauthorizedError 401,
 * ForbiddenError and PolicyError 403, NotFoundError 404, PayloadTooLargeError 413,
 * RateLimitError 429, NotImplementedError 501 — and any other ApplicationError 400. It has no
 * 409, and its table is not exported, so an ApplicationError cannot be taught another status.
 * Its middleware does answer every `errors.HttpError` (http-errors) with the error's own
 * `status`, `name`, `message` and `details` (`formatHttpError`). So the few statuses Strapi has
 * no class for are `HttpStatusError`s: their prototype chain runs through `errors.HttpError`,
 * and Strapi's middleware writes them like its own.
 */

/**
 * An error with an HTTP status Strapi has no class for (409 through `ConflictError`; 415, 422,
 * 500 with details, 503). Takes the status, the error name clients see (http-errors' names:
 * `UnsupportedMediaTypeError`, `UnprocessableEntityError`, `ServiceUnavailableError`…), an
 * Indonesian message and details (default `{}`). Prefer the `@strapi/utils` class when one exists.
 */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly statusCode: number;
  readonly expose = true;
  readonly details: Record<string, unknown>;

  constructor(status: number, name: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = name;
    this.status = status;
    this.statusCode = status;
    this.details = details;
  }
}
// http-errors' HttpError is abstract (its constructor throws), so it cannot be `extends`-ed;
// linking the prototype makes `instanceof errors.HttpError` true in Strapi's middleware.
Object.setPrototypeOf(HttpStatusError.prototype, errors.HttpError.prototype);

/**
 * 409: the request is sound but the record's state refuses it — wrong `tahap`, an unmet
 * condition, a version read before someone else's change, a lock held by another request,
 * a reused idempotency key. Takes an Indonesian message and details (e.g. `{ reason }`).
 */
export class ConflictError extends HttpStatusError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'ConflictError', message, details);
  }
}

/**
 * Wraps a route handler so its refusals keep their message. Strapi's route composer runs each
 * handler inside its authorisation step (@strapi/core `services/server/compose-endpoint.js`,
 * `createAuthorizeMiddleware`), which answers any ForbiddenError or UnauthorizedError thrown
 * under it — a PolicyError excepted — with a bare "Forbidden" / "Unauthorized", dropping the
 * Indonesian message and the details. This rethrows them as an `HttpStatusError` of the same
 * status, name, message and details, which that step lets pass and `strapi::errors` answers
 * unchanged. Takes the handler; returns the handler to register. Every other error passes as is.
 */
export const keepRefusalMessages =
  <C>(handler: (ctx: C) => Promise<void>) =>
  async (ctx: C): Promise<void> => {
    try {
      await handler(ctx);
    } catch (error: unknown) {
      if (error instanceof errors.PolicyError) throw error;
      if (error instanceof errors.ForbiddenError) throw new HttpStatusError(403, error.name, error.message, detailsOf(error.details));
      if (error instanceof errors.UnauthorizedError) throw new HttpStatusError(401, error.name, error.message, detailsOf(error.details));
      throw error;
    }
  };

const detailsOf = (details: unknown): Record<string, unknown> =>
  typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
