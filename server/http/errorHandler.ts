/**
 * Turns anything thrown by a route into `{ error: { id, message, fields? } }`
 * with the right status. Unexpected errors are logged and answered with a
 * plain 500 that reveals nothing of the server.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../../shared/api.js';
import { AppError, errors } from '../errors.js';
import type { Logger } from '../logger.js';

/** The shape of errors raised by Express's body parser. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as Partial<BodyParserError>).type === 'string' &&
    typeof (err as Partial<BodyParserError>).status === 'number'
  );
}

/**
 * A `gzip`, `br` or `deflate` request body that does not decompress: the body parser passes zlib's error on
 * with status 400 but no `type`.
 */
function isUndecodableBody(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { status, code } = err as { status?: unknown; code?: unknown };
  return status === 400 && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_'));
}

/** Maps a thrown value to the AppError we answer with, or null when it is unexpected. */
function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isUndecodableBody(err)) {
    return new AppError('malformed_body', 400, 'That request body could not be decompressed.');
  }
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') return errors.payloadTooLarge();
    if (err.type === 'entity.parse.failed') {
      return new AppError('malformed_json', 400, 'That request body is not valid JSON.');
    }
    if (err.status >= 400 && err.status < 500) {
      return new AppError('bad_request', err.status, 'That request could not be read.');
    }
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err);
    if (!appError) {
      logger.error('http', 'request failed', { err, method: req.method, path: req.path });
    }
    const status = appError?.status ?? 500;
    const body: ErrorBody = {
      error: appError
        ? { id: appError.id, message: appError.message, ...(appError.fields ? { fields: appError.fields } : {}) }
        : { id: 'internal_error', message: 'Something went wrong on our side. Please try again.' },
    };
    res.status(status).json(body);
  };
}

/** For paths nothing answered: a JSON 404 rather than Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(errors.notFound('That address'));
}
