import { ruleError } from './domain-error';

export class ValidationFailedError extends ruleError('VALIDATION_FAILED', 'validation', (message: string = 'The request is not valid.', _details?: unknown) => message, (_message?: string, details?: unknown) => details) {}

export class UnauthenticatedError extends ruleError('UNAUTHENTICATED', 'unauthenticated', (message: string = 'Sign in to continue.') => message) {}

export class ForbiddenError extends ruleError('FORBIDDEN', 'forbidden', (message: string = 'Your role does not allow this.') => message) {}

export class NotFoundError extends ruleError('NOT_FOUND', 'not_found', (what: string = 'resource') => `No such ${what}.`) {}

export class InvalidStateError extends ruleError('INVALID_STATE', 'conflict', (message: string, _details?: unknown) => message, (_message?: string, details?: unknown) => details) {}

export class PayloadTooLargeError extends ruleError('PAYLOAD_TOO_LARGE', 'too_large', (message: string = 'The request body is too large.') => message) {}

export class UnsupportedMediaTypeError extends ruleError('UNSUPPORTED_MEDIA_TYPE', 'unsupported_media', (message: string = 'This type of content is not supported.') => message) {}

/** Carries how long to wait, for the Retry-After header. */
export class RateLimitedError extends ruleError('RATE_LIMITED', 'rate_limited', (message: string = 'Too many requests; try again later.') => message) {
  constructor(
    message?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
